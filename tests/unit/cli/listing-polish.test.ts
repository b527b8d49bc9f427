/**
 * Issue 16 item 12: counts say "1 check", `checks` dates its incidents so two entries of one victim
 * can be told apart, and `explain INCIDENT` lists the most specific check first.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { main } from '../../../src/cli/main.js';
import { renderChecksList } from '../../../src/cli/listings.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: {} });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function incident(id: string) {
  const found = INCIDENTS.find((i) => i.id === id);
  if (found === undefined) throw new Error(`incident ${id} missing from the catalog`);
  return found;
}

describe('counts are singular for one', () => {
  it.each([
    ['markdown', /, 1 check\.\n/],
    ['html', /<strong>1<\/strong> check<\/span>/],
  ])('demo --checks one-check --format %s', async (format, expected) => {
    const result = await cli(['demo', '--checks', 'iam-root-mfa', '--format', format]);
    expect(result.stdout).toMatch(expected);
    expect(result.stdout).not.toMatch(/\b1<\/strong> checks|\b1 checks/);
  });

  it('checks listing', () => {
    const one = ALL_CHECKS.filter((check) => check.id === 'iam-root-mfa');
    expect(renderChecksList(one, INCIDENTS, 'text')).toMatch(/\n1 check\. 'breachmap explain <id>'/);
    expect(renderChecksList(ALL_CHECKS, INCIDENTS, 'text')).toContain(`\n${ALL_CHECKS.length} checks. `);
  });
});

describe('breachmap checks (text)', () => {
  it('dates each mirrored incident, so two incidents of one victim read differently', async () => {
    const ubers = INCIDENTS.filter((i) => i.name === 'Uber');
    expect(ubers.length).toBeGreaterThan(1);
    const result = await cli(['checks']);
    expect(result.code).toBe(0);
    const rotation = result.stdout.split('\n').findIndex((line) => line.startsWith('iam-access-key-rotation '));
    const uber = incident('uber-2016-10');
    expect(result.stdout.split('\n')[rotation + 1]).toContain(`${uber.name} (${uber.date})`);
    // Every "mirrors:" entry carries a date.
    for (const line of result.stdout.split('\n').filter((l) => l.includes('mirrors: '))) {
      for (const entry of (line.split('mirrors: ')[1] ?? '').split(/, (?=[^)]*\()/)) expect(entry).toMatch(/\(\d{4}(-\d{2})?\)$/);
    }
  });
});

describe('breachmap explain INCIDENT', () => {
  it('lists the check linked to the write-up as its precondition first, class matches after', async () => {
    const result = await cli(['explain', 'juspay-2021-01']);
    expect(result.code).toBe(0);
    const section = result.stdout.split('WOULD BREACHMAP HAVE CAUGHT IT?')[1]?.split('SOURCES')[0] ?? '';
    const listed = [...section.matchAll(/^ {2}([a-z0-9-]+) \(/gm)].map((m) => m[1]);
    const first = ALL_CHECKS.find((c) => c.id === listed[0]);
    expect(first?.incidents.find((l) => l.incident === 'juspay-2021-01')?.kind).toBe('precondition');
    // Hand-linked checks come before every check matched only by root-cause class.
    const linked = listed.map((id) => ALL_CHECKS.find((c) => c.id === id)?.incidents.some((l) => l.incident === 'juspay-2021-01') === true);
    expect(linked.indexOf(false)).toBeGreaterThan(0);
    expect(linked.slice(linked.indexOf(false))).not.toContain(true);
  });
});
