/**
 * Joins a check to the incidents it resembles, ranked so that the first ones teach the most:
 *  1. precondition links (the write-up says the check's failing state let the attacker in or exposed the data),
 *  2. attacker-action links (the write-up shows the attacker creating that state once inside),
 *  3. related links (a hand link to the same kind of weakness, a weaker claim),
 *  4. incidents whose primary root cause is the check's first root-cause class,
 *  5. pattern matches: incidents whose attacker went on to do what the check limits (an attack
 *     pattern the incident is tagged with and the check declares in `patterns`),
 *  6. incidents whose primary root cause is another of the check's classes,
 *  7. incidents that have one of the check's classes as a secondary cause.
 * Hand links come first because each is a claim about a write-up, checked by hand; a pattern match
 * rests only on the incident's tags. An incident that began with the check's own weakness (4) says
 * more about the finding than one that merely went on the same way, so pattern matches rank after
 * it; but "what the attacker did next here" is a closer story than a second class the check also
 * covers or a weakness met somewhere on the attack path, so they rank before 6 and 7. An incident
 * matching several ways shows its best one.
 * Within a tier the closer attack wins: more attack patterns shared with the check, then more
 * root-cause classes shared; only then customer incidents before vendor case studies, older first.
 * A check's first class dominates, so a check about root keys is not flooded by the many incidents
 * of its secondary class (leaked user keys).
 */
import type { AnyCheck } from '../checks/define.js';
import { ROOT_CAUSE_LABELS, type AttackPattern, type RootCause } from '../model.js';
import type { IncidentMatch, IncidentMatchKind } from '../report/schema.js';
export { isStrongMatch, MATCH_KIND_LABELS } from '../report/schema.js';
import { INCIDENT_LINK_KINDS, type Incident, type IncidentLink } from './types.js';

export const MAX_INCIDENTS_PER_RESULT = 5;

interface Ranked {
  incident: Incident;
  match: IncidentMatch;
  tier: number;
}

export function matchIncidents(check: AnyCheck, catalog: readonly Incident[]): IncidentMatch[] {
  return rankIncidents(check, catalog).slice(0, MAX_INCIDENTS_PER_RESULT);
}

/** Every incident the check relates to, best first (the incidents browser's --check filter). */
export function rankIncidents(check: AnyCheck, catalog: readonly Incident[]): IncidentMatch[] {
  const ranked: Ranked[] = [];
  for (const incident of catalog) {
    const found = classify(check, incident);
    if (found !== undefined) ranked.push({ incident, ...found });
  }
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      sharedPatterns(check, b.incident) - sharedPatterns(check, a.incident) ||
      sharedClasses(check, b.incident) - sharedClasses(check, a.incident) ||
      sectionRank(a.incident) - sectionRank(b.incident) ||
      a.incident.date.localeCompare(b.incident.date) ||
      a.incident.id.localeCompare(b.incident.id),
  );
  return ranked.map((r) => r.match);
}

/** A check seen from an incident's side: which checks relate to it, and how. */
export interface CheckMatch {
  checkId: string;
  match: IncidentMatchKind;
  reason: string;
  source?: string;
}

/**
 * The checks that relate to an incident, most specific first: the same tiers as rankIncidents
 * (hand links before class matches), then within a tier the check sharing more of the incident's
 * attack patterns and root-cause classes, then registry order.
 */
export function matchChecks(incident: Incident, checks: readonly AnyCheck[]): CheckMatch[] {
  const found: { entry: CheckMatch; tier: number; patterns: number; classes: number }[] = [];
  for (const check of checks) {
    const result = classify(check, incident);
    if (result === undefined) continue;
    const entry: CheckMatch = { checkId: check.id, match: result.match.match, reason: result.match.reason };
    if (result.match.source !== undefined) entry.source = result.match.source;
    found.push({ entry, tier: result.tier, patterns: sharedPatterns(check, incident), classes: sharedClasses(check, incident) });
  }
  // A stable sort keeps the registry's order among equals.
  return found.sort((a, b) => a.tier - b.tier || b.patterns - a.patterns || b.classes - a.classes).map((f) => f.entry);
}

function sectionRank(incident: Incident): number {
  return incident.section === 'customer-incident' ? 0 : 1;
}

function sharedPatterns(check: AnyCheck, incident: Incident): number {
  const patterns = check.patterns ?? [];
  return incident.patterns.filter((p) => patterns.includes(p)).length;
}

function sharedClasses(check: AnyCheck, incident: Incident): number {
  return causesOf(incident).filter((c) => check.rootCauses.includes(c)).length;
}

function causesOf(incident: Incident): RootCause[] {
  return [incident.primaryCause, ...incident.secondaryCauses];
}

const LINK_TIER: Readonly<Record<IncidentLink['kind'], number>> = { precondition: 0, 'attacker-action': 1, related: 2 };
const FIRST_CLASS_TIER = 3;
const PATTERN_TIER = 4;
const OTHER_CLASS_TIER = 5;
const SECONDARY_CLASS_TIER = 6;

/**
 * What the attacker went on to do, per attack pattern: the end of the sentence "What the attacker
 * did next here: …" that a pattern match gives as its reason. Our own words, one clause each.
 */
export const PATTERN_NEXT_STEPS: Readonly<Record<AttackPattern, string>> = {
  'backdoor-iam': 'created IAM users, access keys or roles of their own to keep access',
  'ses-sns-abuse': "sent spam or phishing through the account's SES or SNS",
  llmjacking: "ran hosted AI models at the account's expense",
  'destruction-extortion': 'deleted data or held it to ransom',
  cryptomining: 'mined cryptocurrency on computing power that was not theirs',
  'snapshot-exfiltration': 'shared snapshots or machine images with accounts they controlled, or made them public, to carry the data out',
  'trail-tampering': 'stopped, deleted or blinded the audit trail',
  'long-dwell': 'stayed unnoticed for weeks or longer',
};

/** The reason of a pattern match: the shared patterns in the order the check declares them, in one sentence. */
export function patternReason(patterns: readonly AttackPattern[]): string {
  return `What the attacker did next here: ${patterns.map((p) => PATTERN_NEXT_STEPS[p]).join('; ')}.`;
}

const UNKNOWN_CAUSE_REASON = 'How it began was never stated; this check records or detects what an attacker does, whatever the way in.';

function classify(check: AnyCheck, incident: Incident): { match: IncidentMatch; tier: number } | undefined {
  const link = check.incidents.find((l) => l.incident === incident.id);
  if (link !== undefined) {
    return { match: { id: incident.id, match: link.kind, reason: link.why, source: link.source }, tier: LINK_TIER[link.kind] };
  }
  const [first] = check.rootCauses;
  // "Unknown" names no weakness: an incident that began in an unstated way matches a check of that
  // class (the logging and detection checks) only as something the check would have seen, ranked
  // below the incidents whose attackers did what the check limits.
  if (incident.primaryCause === 'unknown' && check.rootCauses.includes('unknown')) {
    return { match: { id: incident.id, match: 'primary-cause', reason: UNKNOWN_CAUSE_REASON }, tier: OTHER_CLASS_TIER };
  }
  const patterns = (check.patterns ?? []).filter((p) => incident.patterns.includes(p));
  if (check.limitsAftermath === true) {
    // A check that limits the aftermath says nothing about how an incident began: the incidents
    // whose attackers did what it limits come first, then its classes, worded as what they are.
    if (patterns.length > 0) return { match: { id: incident.id, match: 'pattern', reason: patternReason(patterns) }, tier: PATTERN_TIER };
    if (check.rootCauses.includes(incident.primaryCause)) {
      return { match: { id: incident.id, match: 'primary-cause', reason: `It began with a weakness whose aftermath this check limits or makes visible (${ROOT_CAUSE_LABELS[incident.primaryCause]}).` }, tier: OTHER_CLASS_TIER };
    }
  }
  if (incident.primaryCause === first) {
    return { match: { id: incident.id, match: 'primary-cause', reason: `It began with the weakness this check looks for (${ROOT_CAUSE_LABELS[first]}).` }, tier: FIRST_CLASS_TIER };
  }
  if (patterns.length > 0) {
    return { match: { id: incident.id, match: 'pattern', reason: patternReason(patterns) }, tier: PATTERN_TIER };
  }
  if (check.rootCauses.includes(incident.primaryCause)) {
    return { match: { id: incident.id, match: 'primary-cause', reason: `It began with a weakness this check also covers (${ROOT_CAUSE_LABELS[incident.primaryCause]}).` }, tier: OTHER_CLASS_TIER };
  }
  const shared = incident.secondaryCauses.find((cause) => check.rootCauses.includes(cause));
  if (shared !== undefined) {
    return { match: { id: incident.id, match: 'secondary-cause', reason: `The same weakness appears on its attack path (${ROOT_CAUSE_LABELS[shared]}).` }, tier: SECONDARY_CLASS_TIER };
  }
  return undefined;
}

/**
 * Problems with checks' hand links, one sentence each (empty when all hold): a link must name a
 * catalog incident once per check, have a known kind, a one-sentence justification, and a source
 * URL among the incident's own links. The meta-test asserts there are none.
 */
export function incidentLinkProblems(checks: readonly Pick<AnyCheck, 'id' | 'incidents'>[], catalog: readonly Incident[]): string[] {
  const byId = new Map(catalog.map((incident) => [incident.id, incident]));
  const problems: string[] = [];
  for (const check of checks) {
    const seen = new Set<string>();
    for (const link of check.incidents) {
      const where = `${check.id} → ${link.incident}`;
      const incident = byId.get(link.incident);
      if (incident === undefined) {
        problems.push(`${where}: no incident with this id in the catalog`);
        continue;
      }
      if (seen.has(link.incident)) problems.push(`${where}: linked twice`);
      seen.add(link.incident);
      if (!(INCIDENT_LINK_KINDS as readonly string[]).includes(link.kind)) problems.push(`${where}: unknown kind ${JSON.stringify(link.kind)}`);
      const why = typeof link.why === 'string' ? link.why.trim() : '';
      if (why.length < 20) problems.push(`${where}: the justification is missing or too short to say what the write-up says`);
      else if (!/^[\p{L}0-9"'‘“]/u.test(why) || !/[.!?]$/.test(why)) problems.push(`${where}: the justification must be one sentence, starting with a word and ending with a full stop`);
      else if (sentenceCount(why) !== 1) problems.push(`${where}: the justification must be one sentence, not ${sentenceCount(why)}`);
      if (!incident.links.some((l) => l.url === link.source)) problems.push(`${where}: source ${JSON.stringify(link.source)} is not one of the incident's links`);
    }
  }
  return problems;
}

/** Sentence ends: a full stop, question or exclamation mark followed by a capital letter or the end. */
function sentenceCount(text: string): number {
  return (text.trim().match(/[.!?](?=\s+[A-Z"'‘“]|$)/g) ?? []).length;
}
