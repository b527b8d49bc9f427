/**
 * `breachmap explain` and `breachmap incidents show`: a check or an incident told as a story, for
 * the terminal (text) or for workshop handouts (Markdown). Pure functions of the registry and the
 * catalog.
 */
import type { AnyCheck } from '../checks/define.js';
import { matchIncidents } from '../incidents/match.js';
import type { Incident } from '../incidents/types.js';
import { FRAMEWORKS, ROOT_CAUSE_LABELS, type Framework } from '../model.js';
import { sanitizeInline } from '../report/sanitize.js';
import { MATCH_KIND_LABELS, type IncidentMatch } from '../report/schema.js';
import { escalationListMarkdown, escalationListText, reportsEscalationPaths } from './escalation.js';
import { codeLines, hanging, mdFence, mdLink, mdText, wrap } from './format.js';
import { causesOf, detectingChecks } from './incidents.js';

export const EXPLAIN_FORMATS = ['text', 'markdown'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

const FRAMEWORK_LABELS: Readonly<Record<Framework, string>> = {
  'cis-aws-1.2': 'CIS AWS Foundations 1.2',
  'cis-aws-1.4': 'CIS AWS Foundations 1.4',
  'cis-aws-3.0': 'CIS AWS Foundations 3.0',
  'cis-aws-5.0': 'CIS AWS Foundations 5.0',
  'aws-security-hub': 'AWS Security Hub',
};


function frameworkList(check: AnyCheck): string[] {
  return FRAMEWORKS.flatMap((f) => {
    const ids = check.frameworks[f];
    return ids === undefined || ids.length === 0 ? [] : [`${FRAMEWORK_LABELS[f]} ${ids.join(', ')}`];
  });
}

function mirrored(check: AnyCheck, catalog: readonly Incident[]): { incident: Incident; match: IncidentMatch }[] {
  const byId = new Map(catalog.map((i) => [i.id, i]));
  return matchIncidents(check, catalog).flatMap((m) => {
    const incident = byId.get(m.id);
    return incident === undefined ? [] : [{ incident, match: m }];
  });
}

export function explainCheck(check: AnyCheck, catalog: readonly Incident[], format: ExplainFormat): string {
  return format === 'markdown' ? checkMarkdown(check, catalog) : checkText(check, catalog);
}

function checkText(check: AnyCheck, catalog: readonly Incident[]): string {
  const lines: string[] = [];
  lines.push(`${check.id} · ${check.severity.toUpperCase()} · ${check.service.toUpperCase()}`);
  lines.push(`Expected state: ${check.title}`);
  lines.push(`Root causes: ${check.rootCauses.map((c) => `${ROOT_CAUSE_LABELS[c]} (${c})`).join('; ')}`);
  if ((check.patterns ?? []).length > 0) lines.push(`Limits what attackers did next: ${(check.patterns ?? []).join(', ')}`);
  lines.push('', 'WHAT IT LOOKS FOR', ...wrap(check.description, '  '));
  lines.push('', 'WHY IT MATTERS', ...wrap(check.rationale, '  '));
  const incidents = mirrored(check, catalog);
  if (incidents.length > 0) {
    lines.push('', 'BREACHES IT MIRRORS');
    for (const { incident, match } of incidents) {
      lines.push(`  ${incident.date}  ${sanitizeInline(incident.name)} — ${sanitizeInline(incident.impactShort)} (${MATCH_KIND_LABELS[match.match]})`);
      lines.push(...wrap(match.reason, '           '));
      lines.push(...wrap(incident.impact, '           '));
      lines.push(`           breachmap explain ${incident.id}`);
    }
  }
  const steps = check.attackSteps;
  if (steps.length > 0) {
    lines.push('', 'HOW AN ATTACKER USES IT');
    steps.forEach((step, i) => lines.push(...hanging(`${i + 1}. `, step, '  ')));
  }
  if (reportsEscalationPaths(check)) lines.push(...escalationListText());
  lines.push('', 'THE FIX', ...wrap(check.remediation.summary, '  '));
  const consoleSteps = check.remediation.console ?? [];
  if (consoleSteps.length > 0) {
    lines.push('', '  Console:');
    consoleSteps.forEach((step, i) => lines.push(...hanging(`${i + 1}. `, step, '    ')));
  }
  if (check.remediation.cli !== undefined) lines.push('', '  CLI:', ...codeLines(`$ ${check.remediation.cli}`, '    '));
  if (check.remediation.terraform !== undefined) lines.push('', '  Terraform:', ...codeLines(check.remediation.terraform, '    '));
  lines.push('', `  Docs: ${check.remediation.docs}`);
  const frameworks = frameworkList(check);
  if (frameworks.length > 0) lines.push('', 'FRAMEWORKS', ...frameworks.map((f) => `  ${f}`));
  return lines.join('\n') + '\n';
}

function checkMarkdown(check: AnyCheck, catalog: readonly Incident[]): string {
  const out: string[] = [];
  out.push(`# \`${check.id}\`: ${mdText(check.title)}`, '');
  out.push(`**Severity:** ${check.severity} · **Service:** ${check.service.toUpperCase()} · **Root causes:** ${check.rootCauses.map((c) => `${mdText(ROOT_CAUSE_LABELS[c])} (\`${c}\`)`).join(', ')}`);
  if ((check.patterns ?? []).length > 0) out.push('', `**Limits what attackers did next:** ${(check.patterns ?? []).map((p) => `\`${p}\``).join(', ')}`);
  out.push('', '## What it looks for', '', mdText(check.description));
  out.push('', '## Why it matters', '', mdText(check.rationale));
  const incidents = mirrored(check, catalog);
  if (incidents.length > 0) {
    out.push('', '## Breaches it mirrors', '');
    for (const { incident, match } of incidents) {
      out.push(`- **${mdText(incident.name)}** (${incident.date}): *${MATCH_KIND_LABELS[match.match]}:* ${mdText(match.reason)} ${mdText(incident.impact)} See \`breachmap explain ${incident.id}\`.`);
    }
  }
  const steps = check.attackSteps;
  if (steps.length > 0) {
    out.push('', '## How an attacker uses it', '');
    steps.forEach((step, i) => out.push(`${i + 1}. ${mdText(step)}`));
  }
  if (reportsEscalationPaths(check)) out.push(...escalationListMarkdown());
  out.push('', '## The fix', '', mdText(check.remediation.summary));
  const consoleSteps = check.remediation.console ?? [];
  if (consoleSteps.length > 0) {
    out.push('', '### Console', '');
    consoleSteps.forEach((step, i) => out.push(`${i + 1}. ${mdText(step)}`));
  }
  if (check.remediation.cli !== undefined) out.push('', '### CLI', '', mdFence(check.remediation.cli, 'sh'));
  if (check.remediation.terraform !== undefined) out.push('', '### Terraform', '', mdFence(check.remediation.terraform, 'hcl'));
  out.push('', `AWS documentation: ${mdLink(check.remediation.docs, check.remediation.docs)}`);
  const frameworks = frameworkList(check);
  if (frameworks.length > 0) out.push('', '## Frameworks', '', ...frameworks.map((f) => `- ${f}`));
  return out.join('\n') + '\n';
}

/**
 * An incident told from its side. `entry` (incidents show) lists the detecting checks with how they
 * relate; `explain` also says what each check expects and how to fix it.
 */
export function explainIncident(incident: Incident, checks: readonly AnyCheck[], format: ExplainFormat, mode: 'entry' | 'explain'): string {
  return format === 'markdown' ? incidentMarkdown(incident, checks, mode) : incidentText(incident, checks, mode);
}

function sectionLabel(incident: Incident): string {
  return incident.section === 'customer-incident' ? 'customer incident' : 'vendor case study';
}

function incidentText(incident: Incident, checks: readonly AnyCheck[], mode: 'entry' | 'explain'): string {
  const lines: string[] = [];
  const victim = incident.victim === undefined ? '' : ` · victim: ${sanitizeInline(incident.victim)}`;
  lines.push(`${sanitizeInline(incident.name)} · ${incident.date} · ${sectionLabel(incident)}${victim}`);
  lines.push(`id: ${incident.id}`);
  lines.push(`Root causes: ${causesOf(incident).map((c, i) => `${ROOT_CAUSE_LABELS[c]} (${c}${i === 0 ? ', primary' : ''})`).join('; ')}`);
  if (incident.patterns.length > 0) lines.push(`Attack patterns: ${incident.patterns.join(', ')}`);
  lines.push('', 'TIMELINE');
  lines.push(...hanging('1. Root cause  ', incident.rootCause, '  '));
  lines.push(...hanging('2. Escalation  ', incident.escalation, '  '));
  lines.push(...hanging('3. Impact      ', incident.impact, '  '));
  lines.push('', 'LESSON', ...wrap(incident.lesson, '  '));
  const detecting = detectingChecks(incident, checks);
  lines.push('', mode === 'explain' ? 'WOULD BREACHMAP HAVE CAUGHT IT?' : 'CHECKS AND HOW THEY RELATE TO IT');
  if (detecting.length === 0) {
    lines.push(...wrap(noCheckSentence(incident), '  '));
  }
  for (const { check, match, reason } of detecting) {
    lines.push(`  ${check.id} (${check.severity}, ${MATCH_KIND_LABELS[match].toLowerCase()})`);
    if (mode === 'explain') {
      lines.push(...wrap(`Expects: ${check.title}. Fix: ${check.remediation.summary}`, '      '));
      lines.push(`      breachmap explain ${check.id}`);
    } else {
      lines.push(...wrap(reason, '      '));
    }
  }
  lines.push('', 'SOURCES');
  for (const link of incident.links) {
    lines.push(...hanging('- ', link.title, '  '));
    lines.push(`    ${sanitizeInline(link.url)}`);
  }
  return lines.join('\n') + '\n';
}

/** Why no check relates to an incident: the catalog's reason when it is out of a read-only check's reach. */
function noCheckSentence(incident: Incident): string {
  if (incident.notCoverable !== undefined) return `No read-only check of an AWS account could cover it: ${sanitizeInline(incident.notCoverable)}`;
  return 'No breachmap check relates to it yet.';
}

function incidentMarkdown(incident: Incident, checks: readonly AnyCheck[], mode: 'entry' | 'explain'): string {
  const out: string[] = [];
  out.push(`# ${mdText(incident.name)} (${incident.date})`, '');
  const victim = incident.victim === undefined ? '' : ` · **Victim:** ${mdText(incident.victim)}`;
  out.push(`**Id:** \`${incident.id}\` · **Kind:** ${sectionLabel(incident)}${victim}`, '');
  out.push(`**Root causes:** ${causesOf(incident).map((c, i) => `${mdText(ROOT_CAUSE_LABELS[c])} (\`${c}\`${i === 0 ? ', primary' : ''})`).join(', ')}`);
  if (incident.patterns.length > 0) out.push('', `**Attack patterns:** ${incident.patterns.map((p) => `\`${p}\``).join(', ')}`);
  out.push('', '## Timeline', '');
  out.push(`1. **Root cause:** ${mdText(incident.rootCause)}`);
  out.push(`2. **Escalation:** ${mdText(incident.escalation)}`);
  out.push(`3. **Impact:** ${mdText(incident.impact)}`);
  out.push('', '## Lesson', '', mdText(incident.lesson));
  const detecting = detectingChecks(incident, checks);
  out.push('', mode === 'explain' ? '## Would breachmap have caught it?' : '## Checks and how they relate to it', '');
  if (detecting.length === 0) out.push(mdText(noCheckSentence(incident)));
  for (const { check, match, reason } of detecting) {
    const detail = mode === 'explain' ? `expects: ${mdText(check.title)}. Fix: ${mdText(check.remediation.summary)}` : mdText(reason);
    out.push(`- \`${check.id}\` (${check.severity}, ${MATCH_KIND_LABELS[match].toLowerCase()}): ${detail}`);
  }
  out.push('', '## Sources', '', ...incident.links.map((l) => `- ${mdLink(l.title, l.url)}`));
  return out.join('\n') + '\n';
}
