/**
 * Every catalog path through the evaluator: a policy that grants exactly a path's steps reports the
 * path, and taking away any one step, or naming the wrong resource type, does not. Uses only the
 * public `analyzePrivileges(policies, options)` and its `grants[].kind` / `grants[].path`, so it
 * holds for whichever evaluator reads ESCALATION_PATHS (issue 12: the rewrite in src/policy/iam.ts).
 *
 * Account segments are written as `*` so the result does not depend on how the evaluator learns the
 * scanned account; `{region}` is `*` as the catalog defines it.
 */
import { describe, expect, it } from 'vitest';
import { ESCALATION_PATHS, type EscalationPath, type EscalationStep } from '../../../src/policy/escalation-paths.js';
import { analyzePrivileges } from '../../../src/policy/iam.js';

function resourceOf(template: string): string {
  return template.replace(/\{partition\}/g, 'aws').replace(/\{account\}/g, '*').replace(/\{region\}/g, '*');
}

function allow(actions: readonly string[], resource: string, condition?: unknown): Record<string, unknown> {
  return { Effect: 'Allow', Action: [...actions], Resource: resource, ...(condition === undefined ? {} : { Condition: condition }) };
}

function stepStatement(step: EscalationStep): Record<string, unknown> {
  return allow([step.anyOf[step.anyOf.length - 1] ?? step.anyOf[0]], resourceOf(step.on));
}

function pathsFound(...statements: Record<string, unknown>[]): string[] {
  const grants = analyzePrivileges([{ source: 'inline:test', document: { Version: '2012-10-17', Statement: statements } }]);
  return grants.flatMap((grant) => (grant.kind === 'privilege-escalation' && grant.path !== undefined ? [grant.path] : []));
}

function byId(id: string): EscalationPath {
  const path = ESCALATION_PATHS.find((candidate) => candidate.id === id);
  if (path === undefined) throw new Error(`no path ${id}`);
  return path;
}

const CASES = ESCALATION_PATHS.map((path) => [path.id, path] as const);

describe('escalation paths through analyzePrivileges', () => {
  it.each(CASES)('%s: found when each step is allowed on its own resource', (_id, path) => {
    expect(pathsFound(...path.steps.map(stepStatement))).toContain(path.id);
  });

  it.each(CASES)('%s: found when its actions are allowed on *', (_id, path) => {
    expect(pathsFound(allow([...new Set(path.steps.flatMap((step) => step.anyOf))], '*'))).toContain(path.id);
  });

  it.each(CASES.filter(([, path]) => path.steps.length > 1))('%s: not found when any one step is missing', (_id, path) => {
    path.steps.forEach((_missing, index) => {
      const others = path.steps.filter((_step, i) => i !== index);
      expect(pathsFound(...others.map(stepStatement)), `without step ${String(index + 1)}`).not.toContain(path.id);
    });
  });

  it.each(CASES)('%s: not found when a step names another resource type', (_id, path) => {
    path.steps.forEach((step, index) => {
      if (step.on === '*') return;
      const statements = path.steps.map((other, i) => (i === index ? allow(other.anyOf, 'arn:aws:s3:::unrelated-bucket/*') : stepStatement(other)));
      expect(pathsFound(...statements), `step ${String(index + 1)} on a bucket`).not.toContain(path.id);
    });
  });

  it('reads short wildcard ARNs as IAM does: arn:aws:lambda:* covers every function', () => {
    expect(pathsFound(allow(['lambda:UpdateFunctionCode'], 'arn:aws:lambda:*'))).toContain('lambda-update-function-code');
  });

  it('needs the resource type the action acts on: CreateAccessKey on roles mints nothing', () => {
    expect(pathsFound(allow(['iam:CreateAccessKey'], 'arn:aws:iam::*:role/*'))).not.toContain('create-access-key');
    expect(pathsFound(allow(['iam:CreateAccessKey'], 'arn:aws:iam::*:user/*'))).toContain('create-access-key');
  });

  it('reports sts:AssumeRole on * or on every role, not on one named role', () => {
    expect(pathsFound(allow(['sts:AssumeRole'], '*'))).toContain('assume-role');
    expect(pathsFound(allow(['sts:AssumeRole'], 'arn:aws:iam::*:role/*'))).toContain('assume-role');
    expect(pathsFound(allow(['sts:AssumeRole'], 'arn:aws:iam::111122223333:role/deploy'))).not.toContain('assume-role');
  });

  it('needs both resources of ssm:SendCommand: the instance and the shell document', () => {
    const [instance, document] = byId('ssm-send-command').steps;
    if (instance === undefined || document === undefined) throw new Error('ssm-send-command has two steps');
    expect(pathsFound(allow(['ssm:SendCommand'], resourceOf(instance.on)), allow(['ssm:SendCommand'], resourceOf(document.on)))).toContain('ssm-send-command');
    expect(pathsFound(allow(['ssm:SendCommand'], 'arn:aws:ssm:*:*:document/AWS-RunShellScript'), allow(['ssm:SendCommand'], 'arn:aws:ec2:*:*:instance/*'))).toContain(
      'ssm-send-command',
    );
    expect(pathsFound(allow(['ssm:SendCommand'], 'arn:aws:ssm:*:*:document/Company-Approved-Patching'), allow(['ssm:SendCommand'], 'arn:aws:ec2:*:*:instance/*'))).not.toContain(
      'ssm-send-command',
    );
  });

  it('matches actions case-insensitively and through wildcards', () => {
    expect(pathsFound(allow(['IAM:passrole', 'ec2:Run*'], '*'))).toContain('passrole-ec2');
    expect(pathsFound(allow(['glue:*', 'iam:Pass*'], '*'))).toContain('passrole-glue');
  });

  it('keeps a path whose actions hold only under a condition, marked conditional', () => {
    const grants = analyzePrivileges([
      { source: 'inline:test', document: { Version: '2012-10-17', Statement: [allow(['iam:CreateAccessKey'], '*', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })] } },
    ]);
    const grant = grants.find((candidate) => candidate.path === 'create-access-key');
    expect(grant?.kind).toBe('privilege-escalation');
    expect(grant?.conditional).toBe(true);
  });
});
