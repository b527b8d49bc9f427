/**
 * `breachmap explain` for the privilege-escalation catalog: the list inside the checks that report
 * paths, one path in full, and ids that neither collide nor go unsuggested. Golden files of their
 * own (`UPDATE_GOLDEN=1 npx vitest run tests/unit/teach/escalation.test.ts` to regenerate, then
 * review the diff); the rest are inline expectations.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { main } from '../../../src/cli/main.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { describeSteps, ESCALATION_PATHS } from '../../../src/policy/escalation-paths.js';
import { ESCALATION_CHECK_IDS, explainEscalationPath, findEscalationPath } from '../../../src/teach/escalation.js';
import { explainCheck } from '../../../src/teach/explain.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden', 'teach');
const CHECKS_DIR = join(import.meta.dirname, '..', '..', '..', 'src', 'checks');

function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function check(id: string) {
  const found = ALL_CHECKS.find((c) => c.id === id);
  if (found === undefined) throw new Error(`missing check ${id}`);
  return found;
}

function path(id: string) {
  const found = findEscalationPath(id);
  if (found === undefined) throw new Error(`missing path ${id}`);
  return found;
}

/** Pinned so a new check elsewhere in the registry does not churn the golden files. */
const PINNED = [check('ec2-instance-role-overprivileged'), check('iam-user-keys-privileged'), check('ec2-imdsv1-enabled')];

describe('explain an escalation path', () => {
  it('passrole-ec2 (golden, text and markdown)', () => {
    golden('explain-path-passrole-ec2.txt', explainEscalationPath(path('passrole-ec2'), PINNED, 'text'));
    golden('explain-path-passrole-ec2.md', explainEscalationPath(path('passrole-ec2'), PINNED, 'markdown'));
  });

  it('shows every step with its resource, says what * means, and lists only the reporting checks', () => {
    const text = explainEscalationPath(path('passrole-glue'), PINNED, 'text');
    expect(text).toMatch(/^passrole-glue · privilege-escalation path\nActions: iam:PassRole \+ glue:CreateDevEndpoint\n/);
    expect(text).toContain('  1. iam:PassRole\n     on arn:{partition}:iam::{account}:role/*\n');
    expect(text).toContain('  2. glue:CreateDevEndpoint\n     on * (no resource-level permissions: only "Resource": "*" grants it)\n');
    expect(text).toContain('  ec2-instance-role-overprivileged (high)');
    expect(text).toContain('  iam-user-keys-privileged (high)');
    expect(text).not.toContain('ec2-imdsv1-enabled');
    for (const reference of path('passrole-glue').references) expect(text).toContain(`  - ${reference}\n`);
  });

  it('names alternatives as "one of" and a step repeated on two resources once in the summary', () => {
    const codebuild = explainEscalationPath(path('passrole-codebuild'), PINNED, 'text');
    expect(codebuild).toContain('  3. one of codebuild:StartBuild, codebuild:StartBuildBatch\n');
    const ssm = explainEscalationPath(path('ssm-send-command'), PINNED, 'markdown');
    expect(ssm).toContain('**Actions:** `ssm:SendCommand`\n');
    expect(ssm).toContain('1. `ssm:SendCommand` on `arn:{partition}:ec2:{region}:{account}:instance/*`');
    expect(ssm).toContain('2. `ssm:SendCommand` on `arn:{partition}:ssm:{region}::document/AWS-RunShellScript`');
  });

  it('works through the CLI for every path, in text and markdown', async () => {
    for (const { id } of ESCALATION_PATHS) {
      const text = await cli(['explain', id]);
      expect(text.code, id).toBe(0);
      expect(text.stdout, id).toContain(`${id} · privilege-escalation path`);
    }
    const markdown = await cli(['explain', 'update-assume-role-policy', '--format', 'markdown']);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toMatch(/^# `update-assume-role-policy`: privilege-escalation path\n/);
    expect(markdown.stdout).toContain('- `ec2-capital-one-path` (critical)');
  });

  it('suggests a path for a mistyped path id and keeps the did-you-mean message', async () => {
    const result = await cli(['explain', 'passrole-ec3']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown check or incident 'passrole-ec3'\. Did you mean [^?]*'passrole-ec2'/);
  });
});

describe('explain a check that reports escalation paths', () => {
  it.each(['ec2-instance-role-overprivileged', 'iam-user-keys-privileged'])('%s lists every path with its actions and how', (id) => {
    const text = explainCheck(check(id), INCIDENTS, 'text');
    expect(text).toContain(`PRIVILEGE-ESCALATION PATHS IT DETECTS (${String(ESCALATION_PATHS.length)})`);
    for (const entry of ESCALATION_PATHS) expect(text.replace(/\n {6,}/g, ' '), entry.id).toContain(`  ${entry.id}: ${describeSteps(entry)}`);
    const markdown = explainCheck(check(id), INCIDENTS, 'markdown');
    expect(markdown).toContain(`## Privilege-escalation paths it detects (${String(ESCALATION_PATHS.length)})`);
    expect(markdown).toContain('- `passrole-ec2` (`iam:PassRole` + `ec2:RunInstances`): launch an instance with any instance profile');
    // The list sits between the attack and the fix.
    expect(text.indexOf('HOW AN ATTACKER USES IT')).toBeLessThan(text.indexOf('PRIVILEGE-ESCALATION PATHS'));
    expect(text.indexOf('PRIVILEGE-ESCALATION PATHS')).toBeLessThan(text.indexOf('THE FIX'));
  });

  it('leaves the other checks as they were', () => {
    expect(explainCheck(check('ec2-imdsv1-enabled'), INCIDENTS, 'text')).not.toContain('PRIVILEGE-ESCALATION PATHS');
    expect(explainCheck(check('s3-bucket-public-write'), INCIDENTS, 'markdown')).not.toContain('Privilege-escalation paths');
  });
});

describe('escalation path ids and the checks that report them', () => {
  it('collide with no check or incident id (explain looks them up in one namespace)', () => {
    const others = new Set([...ALL_CHECKS.map((c) => c.id), ...INCIDENTS.map((i) => i.id)]);
    expect(ESCALATION_PATHS.map((p) => p.id).filter((id) => others.has(id))).toEqual([]);
  });

  it('name exactly the registered checks that judge identities with the IAM evaluator', () => {
    const callers: string[] = [];
    for (const service of readdirSync(CHECKS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      for (const file of readdirSync(join(CHECKS_DIR, service.name)).filter((name) => name.endsWith('.ts'))) {
        const source = readFileSync(join(CHECKS_DIR, service.name, file), 'utf8');
        const iamImport = /import\s*\{([^}]*)\}\s*from\s*'\.\.\/\.\.\/policy\/iam\.js'/.exec(source)?.[1] ?? '';
        if (/\b(?:analyzeIdentity|analyzePrivileges|instanceProfileGrants)\b/.test(iamImport)) callers.push(file.replace(/\.ts$/, ''));
      }
    }
    expect(callers.length).toBeGreaterThan(0);
    expect([...ESCALATION_CHECK_IDS].sort()).toEqual(callers.sort());
    for (const id of ESCALATION_CHECK_IDS) expect(ALL_CHECKS.map((c) => c.id)).toContain(id);
  });
});
