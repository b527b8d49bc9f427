/**
 * The GitHub Action (action.yml) and the example workflow: both parse, every breachmap flag they
 * pass exists in `scan --help`, the action's defaults are values the CLI accepts, and no input is
 * pasted into a shell script (GitHub's script-injection rule: inputs go through env).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FAIL_ON_LEVELS } from '../../../src/app/gate.js';
import { main } from '../../../src/cli/main.js';
import { REPORT_FORMATS } from '../../../src/report/index.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs: Record<string, unknown>;
  runs: { using: string; steps: Step[] };
}

async function scanHelp(): Promise<string> {
  const out: string[] = [];
  await main(['node', 'breachmap', 'scan', '--help'], { stdout: (t) => out.push(t), stderr: () => undefined, stdoutIsTty: false, env: {} });
  return out.join('');
}

function flagsIn(script: string): string[] {
  return [...new Set([...script.matchAll(/(?<![\w-])(--[a-z][a-z-]+)/g)].map((m) => m[1] ?? ''))].filter((flag) => flag !== '--yes');
}

describe('action.yml', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;

  it('is a composite action with the inputs a workflow needs', () => {
    expect(action.runs.using).toBe('composite');
    for (const input of ['role-to-assume', 'profile', 'aws-region', 'regions', 'fail-on', 'format', 'upload-sarif', 'version']) expect(action.inputs).toHaveProperty(input);
    expect(action.outputs).toHaveProperty('exit-code');
  });

  it('defaults to values the CLI accepts', () => {
    expect(FAIL_ON_LEVELS).toContain(action.inputs['fail-on']?.default);
    const format = action.inputs['format']?.default ?? '';
    expect(REPORT_FORMATS).toContain(format);
    expect(format).not.toBe('sarif');
  });

  it('uploads SARIF to code scanning and assumes the role through OIDC', () => {
    const uses = action.runs.steps.map((step) => step.uses ?? '');
    expect(uses.some((u) => u.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(uses.some((u) => u.startsWith('aws-actions/configure-aws-credentials@'))).toBe(true);
  });

  it('passes only flags that scan has, and never pastes an input into a script', async () => {
    const help = await scanHelp();
    for (const step of action.runs.steps) {
      if (step.run === undefined) continue;
      expect(step.run).not.toMatch(/\$\{\{\s*inputs\./);
      for (const flag of flagsIn(step.run)) expect(help, flag).toContain(flag);
    }
  });
});

describe('the example workflow', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples', 'github-actions', 'breachmap.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }>; permissions: Record<string, string> };

  it('asks for OIDC and code-scanning permissions', () => {
    expect(workflow.permissions['id-token']).toBe('write');
    expect(workflow.permissions['security-events']).toBe('write');
  });

  it('passes only flags that scan has', async () => {
    const help = await scanHelp();
    const scripts = Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run?.includes('breachmap') === true ? [step.run] : [])));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) for (const flag of flagsIn(script)) expect(help, flag).toContain(flag);
  });
});
