/**
 * docs/checks/<id>.md: one reference page per check, generated from its metadata. The body is what
 * `breachmap explain <id> --format markdown` prints (what, why, the best-matching breaches, attack
 * steps, the fix, frameworks); the page adds every incident the check relates to, with the kind of
 * link and its justification, and the IAM actions the check needs.
 */
import type { AnyCheck } from '../checks/define.js';
import { rankIncidents, MATCH_KIND_LABELS } from '../incidents/match.js';
import type { Incident } from '../incidents/types.js';
import { requiredActionsFor } from '../inventory/permissions.js';
import { explainCheck } from '../teach/explain.js';
import { mdLink, mdText } from '../teach/format.js';

export const CHECK_PAGES_DIR = 'docs/checks';

export function checkPagePath(check: Pick<AnyCheck, 'id'>): string {
  return `${CHECK_PAGES_DIR}/${check.id}.md`;
}

export function generatedNotice(from: string): string {
  return `<!-- Generated from ${from} by \`npm run gen:docs\`; do not edit by hand (a test fails while it is stale). -->`;
}

export function renderCheckPage(check: AnyCheck, catalog: readonly Incident[]): string {
  const byId = new Map(catalog.map((incident) => [incident.id, incident]));
  const out = [generatedNotice(`the metadata of ${check.service}/${check.id}.ts (src/checks)`), '', explainCheck(check, catalog, 'markdown').trimEnd()];

  const ranked = rankIncidents(check, catalog);
  out.push('', `## Every incident it relates to (${ranked.length})`, '');
  out.push(
    'Best first: hand links that say how the incident started (`precondition`), what the attacker did once inside (`attacker-action`) or the same kind of weakness (`related`), each with the sentence that justifies it and the write-up it relies on; then incidents that began with the check\'s first root-cause class (`primary-cause`), incidents whose attacker went on to do what the check limits (`pattern`: what the attacker did next), and incidents that share another class (`primary-cause`, `secondary-cause`). See [how a finding is paired with a breach](../incidents.md#how-a-finding-is-paired-with-a-breach).',
    '',
  );
  out.push('| Incident | Date | Link | Why |', '|---|---|---|---|');
  for (const match of ranked) {
    const incident = byId.get(match.id);
    const name = incident === undefined ? `\`${match.id}\`` : `${mdText(incident.name)} (\`${incident.id}\`)`;
    const why = match.source === undefined ? mdText(match.reason) : `${mdText(match.reason)} ${mdLink('Source', match.source)}`;
    out.push(`| ${name} | ${incident?.date ?? ''} | ${MATCH_KIND_LABELS[match.match]} (\`${match.match}\`) | ${why} |`);
  }

  out.push('', '## IAM actions it needs', '', 'A scan that runs only this check (`--checks ' + check.id + '`) sends these, and `breachmap permissions --checks ' + check.id + '` prints them as a policy:', '');
  out.push(...requiredActionsFor(check.needs).map((action) => `- \`${action}\``));
  return out.join('\n') + '\n';
}

/** The index of the check pages: one line per check. */
export function renderCheckIndex(checks: readonly AnyCheck[]): string {
  const out = [generatedNotice('the check registry (src/checks/index.ts)'), '', '# Checks', '', `${checks.length} checks, one page each, generated from the check's own metadata. \`breachmap explain <id>\` prints the same story in a terminal.`, ''];
  out.push('| Check | Severity | Expected state |', '|---|---|---|');
  for (const check of checks) out.push(`| [\`${check.id}\`](${check.id}.md) | ${check.severity} | ${mdText(check.title)} |`);
  return out.join('\n') + '\n';
}
