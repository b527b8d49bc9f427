import { describe, it, expect } from 'vitest';
import { customerIncidents2014To2021 } from '../../../src/incidents/data/customer-2014-2021.js';
import { incidentSchema } from '../../../src/incidents/types.js';
import type { AttackPattern, RootCause } from '../../../src/model.js';

/**
 * Rows 0–34 of the catalog worksheet: the id, primary class and starting secondary classes each
 * entry must carry, plus the escalation patterns the reference README lists for that row and those
 * added by the hand review of issue 15 (tests/fixtures/pattern-review.md).
 */
const WORKSHEET: readonly (readonly [string, RootCause, readonly RootCause[], readonly AttackPattern[]])[] = [
  ['uber-2014-05', 'leaked-keys', [], []],
  ['code-spaces-2014-06', 'human-creds-mfa', [], ['backdoor-iam', 'destruction-extortion']],
  ['browserstack-2014-11', 'exposed-hosts', ['secrets-compute', 'app-vuln'], ['backdoor-iam']],
  ['dnc-gru-2016-06', 'unknown', ['public-snapshot-ami'], ['snapshot-exfiltration']],
  ['datadog-2016-07', 'leaked-keys', [], []],
  ['uber-2016-10', 'leaked-keys', [], []],
  ['lynda-com-2016-12', 'leaked-keys', [], ['destruction-extortion']],
  ['onelogin-2017-05', 'leaked-keys', [], []],
  ['politifact-2017-10', 'unknown', [], ['cryptomining']],
  ['dataspline-2017', 'untrusted-image', [], ['cryptomining']],
  ['dxc-technologies-2017-11', 'leaked-keys', [], ['cryptomining']],
  ['drizly-2018', 'leaked-keys', [], ['cryptomining']],
  ['la-times-2018-02', 's3-public-write', [], ['cryptomining']],
  ['tesla-2018-02', 'exposed-k8s', ['secrets-compute'], ['cryptomining']],
  ['chegg-2018-04', 'root', ['departed-stale'], []],
  ['imtoken-2018-06', 'root', ['human-creds-mfa'], []],
  ['reddit-2018-06', 'human-creds-mfa', [], []],
  ['timehop-2018-07', 'human-creds-mfa', [], []],
  // Reclassified (issue 13): a colleague's stolen login without two-factor authentication, not his own stale one.
  ['voova-2019-03', 'human-creds-mfa', ['departed-stale'], ['destruction-extortion']],
  ['capital-one-2019-04', 'imds-ssrf', [], ['long-dwell']],
  ['jw-player-2019-09', 'exposed-k8s', [], ['cryptomining']],
  ['malindo-air-2019-09', 'departed-stale', [], []],
  ['imperva-2019-10', 'exposed-hosts', ['secrets-compute'], []],
  ['cameo-2020-02', 'leaked-keys', [], []],
  ['open-exchange-rates-2020-03', 'third-party', ['leaked-keys'], []],
  ['first-republic-bank-2020-03', 'departed-stale', [], []],
  ['live-auctioneers-2020-07', 'third-party', [], []],
  ['twilio-2020-07', 's3-public-write', [], []],
  ['natures-basket-2020-07', 'root', [], []],
  ['drizly-2020-07', 'leaked-keys', [], []],
  ['cryptomining-ami-2020-08', 'untrusted-image', [], ['cryptomining']],
  ['animal-jam-2020-11', 'third-party', ['leaked-keys'], []],
  ['cisco-2020-12', 'departed-stale', [], ['destruction-extortion']],
  ['juspay-2021-01', 'leaked-keys', ['departed-stale'], []],
  ['20-20-eye-care-network-2021-01', 'creds-unspecified', [], ['destruction-extortion']],
];

/** Splits prose on sentence-ending punctuation followed by whitespace or the end of the text. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

describe('customer incidents A', () => {
  it('holds exactly the worksheet rows 0–34, in order', () => {
    expect(customerIncidents2014To2021.map((incident) => incident.id)).toEqual(WORKSHEET.map(([id]) => id));
  });

  it('parses every entry with the strict incident schema', () => {
    for (const incident of customerIncidents2014To2021) {
      const parsed = incidentSchema.safeParse(incident);
      expect(parsed.success, `${incident.id}: ${parsed.error?.message ?? ''}`).toBe(true);
    }
  });

  it.each(WORKSHEET)('%s carries the worksheet classes and README patterns', (id, primary, secondary, patterns) => {
    const incident = customerIncidents2014To2021.find((candidate) => candidate.id === id);
    expect(incident).toBeDefined();
    expect(incident?.primaryCause).toBe(primary);
    expect(incident?.secondaryCauses).toEqual(expect.arrayContaining([...secondary]));
    expect(incident?.secondaryCauses).not.toContain(primary);
    expect(new Set(incident?.secondaryCauses).size).toBe(incident?.secondaryCauses.length);
    expect([...(incident?.patterns ?? [])].sort()).toEqual([...patterns].sort());
  });

  it('ends every id with its date and keeps ids unique', () => {
    for (const incident of customerIncidents2014To2021) {
      expect(incident.id.endsWith(`-${incident.date}`), incident.id).toBe(true);
      expect(incident.section).toBe('customer-incident');
    }
    expect(new Set(customerIncidents2014To2021.map((incident) => incident.id)).size).toBe(customerIncidents2014To2021.length);
  });

  it('writes rootCause, escalation and impact as one sentence each and the lesson as two to four', () => {
    for (const incident of customerIncidents2014To2021) {
      for (const field of [incident.rootCause, incident.escalation, incident.impact]) {
        expect(sentences(field), `${incident.id}: ${field}`).toHaveLength(1);
        expect(field, incident.id).toMatch(/[.]$/);
      }
      const lessonSentences = sentences(incident.lesson).length;
      expect(lessonSentences, incident.id).toBeGreaterThanOrEqual(2);
      expect(lessonSentences, incident.id).toBeLessThanOrEqual(4);
    }
  });

  it('does not repeat a lesson sentence across entries', () => {
    const seen = new Map<string, string>();
    for (const incident of customerIncidents2014To2021) {
      for (const sentence of sentences(incident.lesson)) {
        expect(seen.get(sentence), `${incident.id} repeats: ${sentence}`).toBeUndefined();
        seen.set(sentence, incident.id);
      }
    }
  });

  it('cites each link once per entry', () => {
    for (const incident of customerIncidents2014To2021) {
      const urls = incident.links.map((link) => link.url);
      expect(new Set(urls).size, incident.id).toBe(urls.length);
    }
  });

  it('does not title the FTC Drizly press release as the complaint', () => {
    const pressReleaseLinks = customerIncidents2014To2021
      .flatMap((incident) => incident.links)
      .filter((link) => link.url.includes('/press-releases/'));
    expect(pressReleaseLinks.length).toBeGreaterThan(0);
    for (const link of pressReleaseLinks) {
      expect(link.title).not.toMatch(/complaint/i);
    }
  });
});
