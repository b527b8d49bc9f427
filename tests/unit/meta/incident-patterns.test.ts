/**
 * Holds the catalog's attack-pattern tags to the incidents' own text (issue 15). A tag is a claim
 * about what the attacker did next, so the escalation or impact sentence must say it; and where the
 * sentence plainly says it (a miner ran, a ransom was demanded, models were hijacked), the tag must be
 * there. The hand review behind the tags is in tests/fixtures/pattern-review.md.
 */
import { describe, expect, it } from 'vitest';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import type { Incident } from '../../../src/incidents/types.js';
import { ATTACK_PATTERNS, type AttackPattern } from '../../../src/model.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function story(incident: Incident): string {
  return `${incident.escalation} ${incident.impact}`;
}

/** What the text must say for each tag (every tagged incident must match). */
const SUPPORTED_BY: Readonly<Record<AttackPattern, (text: string) => boolean>> = {
  'backdoor-iam': (t) => /\b(IAM users?|users?|access keys?|logins?|role|console user|account with administrator rights)\b/i.test(t) && /\b(creat\w*|add\w*|set up|backdoor\w*|planted|foothold|persist\w*)\b/i.test(t),
  'ses-sns-abuse': (t) => /\b(SES|SNS|e-?mails?)\b/.test(t),
  llmjacking: (t) => /LLMjacking|language models|AI models/i.test(t),
  'destruction-extortion': (t) => /\b(delet\w*|wip\w*|destroy\w*|ransom\w*|extort\w*)\b/i.test(t),
  cryptomining: (t) => /\b(min(e|ed|er|ers|ing)|cryptomin\w*|cryptojack\w*|Coinhive|Monero|XMRig)\b/i.test(t),
  'snapshot-exfiltration': (t) => /\b(snapshot\w*|AMIs?)\b/i.test(t) && /\b(shar\w*|public|accounts? that they controlled)\b/i.test(t),
  'trail-tampering': (t) => /\b(CloudTrail|GuardDuty|trails?|logging)\b/i.test(t),
  // A dwell time is a span: weeks, months or years, or two dates.
  'long-dwell': (t) => /\b(weeks|months|years)\b/i.test(t) || MONTHS.filter((m) => t.includes(m)).length >= 2,
};

/** Words that, in an escalation or impact sentence, mean the tag must be there. */
const IMPLIES: Partial<Readonly<Record<AttackPattern, RegExp>>> = {
  cryptomining: /\b(mined|miners?|mining|cryptomin\w*|cryptojack\w*|Coinhive|Monero|XMRig)\b/i,
  llmjacking: /LLMjacking/i,
  'destruction-extortion': /\b(ransom\w*|extort\w*|wiped)\b/i,
  'ses-sns-abuse': /\b(SES|SNS)\b/,
  'trail-tampering': /\b(CloudTrail|GuardDuty)\b/,
};

describe('incident attack-pattern tags', () => {
  it('are backed by the escalation or impact text of every incident carrying them', () => {
    const unsupported = INCIDENTS.flatMap((incident) => incident.patterns.filter((p) => !SUPPORTED_BY[p](story(incident))).map((p) => `${incident.id}: ${p}`));
    expect(unsupported).toEqual([]);
  });

  it('are present wherever the text plainly names the pattern', () => {
    const missing = INCIDENTS.flatMap((incident) =>
      ATTACK_PATTERNS.filter((p) => IMPLIES[p]?.test(story(incident)) === true && !incident.patterns.includes(p)).map((p) => `${incident.id}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('are never repeated on one incident', () => {
    for (const incident of INCIDENTS) expect(new Set(incident.patterns).size, incident.id).toBe(incident.patterns.length);
  });

  it('leave research and exposure entries without an attacker untagged', () => {
    const noAttacker = INCIDENTS.filter((incident) => /^No attacker is reported|^The study reports no attacker/.test(incident.escalation));
    expect(noAttacker.length).toBeGreaterThan(5);
    for (const incident of noAttacker) expect(incident.patterns, incident.id).toEqual([]);
  });

  it('uses rules that accept the words they are written for and refuse a bare data theft', () => {
    expect(SUPPORTED_BY.cryptomining('The new instances mined Monero.')).toBe(true);
    expect(SUPPORTED_BY.cryptomining('Cryptocurrency was stolen.')).toBe(false);
    expect(SUPPORTED_BY['long-dwell']('kept access for years')).toBe(true);
    expect(SUPPORTED_BY['long-dwell']('taken in March 2019 and found in July')).toBe(true);
    expect(SUPPORTED_BY['long-dwell']('Data was exfiltrated.')).toBe(false);
    expect(SUPPORTED_BY['trail-tampering']('The attacker stopped the CloudTrail trail.')).toBe(true);
    expect(SUPPORTED_BY['trail-tampering']('Data was exfiltrated.')).toBe(false);
    expect(SUPPORTED_BY['snapshot-exfiltration']('They copied snapshots into accounts that they controlled.')).toBe(true);
    expect(SUPPORTED_BY['snapshot-exfiltration']('Inside the victim’s own account they snapshotted volumes.')).toBe(false);
  });
});
