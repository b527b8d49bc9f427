/**
 * The privilege-escalation catalog told for `breachmap explain`: the list of paths inside the
 * explanation of a check that reports them, and one path in full (`breachmap explain passrole-ec2`).
 * Pure functions of the catalog and the check registry.
 */
import type { AnyCheck } from '../checks/define.js';
import { describeSteps, ESCALATION_PATHS, type EscalationPath, type EscalationStep } from '../policy/escalation-paths.js';
import { hanging, mdLink, mdText, wrap } from './format.js';

/**
 * The checks whose findings name escalation paths: they judge an identity with the IAM evaluator
 * (analyzeIdentity / instanceProfileGrants in src/policy/iam.ts). A meta-test keeps this list equal
 * to the checks that call it.
 */
export const ESCALATION_CHECK_IDS: readonly string[] = ['ec2-instance-role-overprivileged', 'iam-user-keys-privileged', 'ec2-capital-one-path'];

export function reportsEscalationPaths(check: Pick<AnyCheck, 'id'>): boolean {
  return ESCALATION_CHECK_IDS.includes(check.id);
}

export function findEscalationPath(id: string): EscalationPath | undefined {
  return ESCALATION_PATHS.find((path) => path.id === id);
}

const STEP_RULE =
  'A step holds when an Allow that no Deny or permissions boundary takes away names one of its actions on a Resource covering the ARN shown: {account} is the scanned account, {region} any region, and * marks an action without resource-level permissions, which only "Resource": "*" grants.';

const NO_RESOURCE_LEVEL = 'no resource-level permissions: only "Resource": "*" grants it';

function stepActions(step: EscalationStep, code: (text: string) => string): string {
  return step.anyOf.length === 1 ? code(step.anyOf[0]) : `one of ${step.anyOf.map(code).join(', ')}`;
}

/** The steps in one line with code-formatted actions; a step repeated on another resource once. */
function stepsLine(path: EscalationPath, code: (text: string) => string): string {
  return [...new Set(path.steps.map((step) => stepActions(step, code)))].join(' + ');
}

/** A catalog one-liner as a sentence: capital first letter, final period. */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function plain(text: string): string {
  return text;
}

function markdownCode(text: string): string {
  // Catalog actions and ARN templates contain no backtick; keep it that way if one ever does.
  return `\`${text.replace(/`/g, "'")}\``;
}

// ---------------------------------------------------------------- the list inside a check's explanation

/** Lines for `explain <check>` (text): every path, its actions and how. */
export function escalationListText(paths: readonly EscalationPath[] = ESCALATION_PATHS): string[] {
  const lines = ['', `PRIVILEGE-ESCALATION PATHS IT DETECTS (${String(paths.length)})`];
  for (const path of paths) {
    lines.push(...hanging(`${path.id}: `, describeSteps(path), '  '));
    lines.push(...wrap(path.how, '      '));
  }
  lines.push('', ...wrap('breachmap explain <path-id> shows one path in full: the resource each step must be allowed on, and the public write-ups.', '  '));
  return lines;
}

/** The same list for `explain <check> --format markdown`. */
export function escalationListMarkdown(paths: readonly EscalationPath[] = ESCALATION_PATHS): string[] {
  const out = ['', `## Privilege-escalation paths it detects (${String(paths.length)})`, ''];
  for (const path of paths) {
    out.push(`- ${markdownCode(path.id)} (${stepsLine(path, markdownCode)}): ${mdText(path.how)}`);
  }
  out.push('', `\`breachmap explain <path-id>\` shows one path in full: the resource each step must be allowed on, and the public write-ups.`);
  return out;
}

// ---------------------------------------------------------------- one path in full

function reportingChecks(checks: readonly AnyCheck[]): AnyCheck[] {
  return checks.filter(reportsEscalationPaths);
}

export function explainEscalationPath(path: EscalationPath, checks: readonly AnyCheck[], format: 'text' | 'markdown'): string {
  return format === 'markdown' ? pathMarkdown(path, checks) : pathText(path, checks);
}

function pathText(path: EscalationPath, checks: readonly AnyCheck[]): string {
  const lines: string[] = [];
  lines.push(`${path.id} · privilege-escalation path`);
  lines.push(...hanging('Actions: ', describeSteps(path), ''));
  lines.push('', 'HOW IT ESCALATES', ...wrap(sentence(path.how), '  '));
  lines.push('', path.steps.length === 1 ? 'THE STEP' : 'THE STEPS (every one is needed)');
  path.steps.forEach((step, i) => {
    lines.push(...hanging(`${String(i + 1)}. `, stepActions(step, plain), '  '));
    lines.push(...wrap(step.on === '*' ? `on * (${NO_RESOURCE_LEVEL})` : `on ${step.on}`, '     '));
  });
  lines.push('', ...wrap(STEP_RULE, '  '));
  lines.push('', 'CHECKS THAT REPORT IT');
  for (const check of reportingChecks(checks)) {
    lines.push(`  ${check.id} (${check.severity}): ${check.title}`);
    lines.push(`      breachmap explain ${check.id}`);
  }
  lines.push('', 'REFERENCES', ...path.references.map((url) => `  - ${url}`));
  return lines.join('\n') + '\n';
}

function pathMarkdown(path: EscalationPath, checks: readonly AnyCheck[]): string {
  const out: string[] = [];
  out.push(`# ${markdownCode(path.id)}: privilege-escalation path`, '');
  out.push(`**Actions:** ${stepsLine(path, markdownCode)}`);
  out.push('', '## How it escalates', '', mdText(sentence(path.how)));
  out.push('', path.steps.length === 1 ? '## The step' : '## The steps (every one is needed)', '');
  path.steps.forEach((step, i) => {
    const on = step.on === '*' ? `${markdownCode('*')} (${mdText(NO_RESOURCE_LEVEL)})` : markdownCode(step.on);
    out.push(`${String(i + 1)}. ${stepActions(step, markdownCode)} on ${on}`);
  });
  out.push('', mdText(STEP_RULE));
  out.push('', '## Checks that report it', '');
  for (const check of reportingChecks(checks)) {
    out.push(`- ${markdownCode(check.id)} (${check.severity}): ${mdText(check.title)}. See ${markdownCode(`breachmap explain ${check.id}`)}.`);
  }
  out.push('', '## References', '', ...path.references.map((url) => `- ${mdLink(url, url)}`));
  return out.join('\n') + '\n';
}
