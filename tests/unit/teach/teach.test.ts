/**
 * The teaching commands: incidents browser, incidents show, explain (text and Markdown) and the
 * "did you mean" suggestions. Golden files: regenerate deliberately with
 * `UPDATE_GOLDEN=1 npx vitest run tests/unit/teach` and review the diff.
 *
 * The goldens render with a pinned set of checks, so a new check elsewhere in the registry does not
 * churn them; the CLI tests below go through the real registry.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { main } from '../../../src/cli/main.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { explainCheck, explainIncident } from '../../../src/teach/explain.js';
import { filterIncidents, renderIncidentList } from '../../../src/teach/incidents.js';
import { editDistance, suggest } from '../../../src/teach/suggest.js';

const GOLDEN = join(import.meta.dirname, '..', '..', 'golden', 'teach');
const PINNED_IDS = ['iam-root-access-keys', 'iam-root-mfa', 'iam-access-key-rotation', 'iam-access-key-unused', 's3-bucket-public-write', 's3-account-public-access-block', 'ebs-snapshot-public', 'ec2-instance-role-overprivileged', 'ec2-imdsv1-enabled'];
const PINNED = PINNED_IDS.map((id) => {
  const check = ALL_CHECKS.find((c) => c.id === id);
  if (check === undefined) throw new Error(`missing check ${id}`);
  return check;
});

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

function pinned(id: string) {
  const check = PINNED.find((c) => c.id === id);
  if (check === undefined) throw new Error(id);
  return check;
}

function incident(id: string) {
  const found = INCIDENTS.find((i) => i.id === id);
  if (found === undefined) throw new Error(id);
  return found;
}

describe('golden teaching outputs', () => {
  it('incidents listing (SSRF cause since 2019)', () => {
    golden('incidents-imds-since-2019.txt', renderIncidentList(filterIncidents(INCIDENTS, { cause: 'imds-ssrf', since: '2019' }), INCIDENTS.length, 'text'));
  });
  it('incidents listing filtered by check', () => {
    golden('incidents-check-ebs.txt', renderIncidentList(filterIncidents(INCIDENTS, { check: pinned('ebs-snapshot-public') }), INCIDENTS.length, 'text'));
  });
  it('incidents show (text and markdown)', () => {
    golden('show-capital-one.txt', explainIncident(incident('capital-one-2019-04'), PINNED, 'text', 'entry'));
    golden('show-capital-one.md', explainIncident(incident('capital-one-2019-04'), PINNED, 'markdown', 'entry'));
  });
  it('explain a check (text and markdown)', () => {
    golden('explain-ec2-imdsv1-enabled.txt', explainCheck(pinned('ec2-imdsv1-enabled'), INCIDENTS, 'text'));
    golden('explain-ec2-imdsv1-enabled.md', explainCheck(pinned('ec2-imdsv1-enabled'), INCIDENTS, 'markdown'));
  });
  it('explain an incident (text and markdown)', () => {
    golden('explain-code-spaces.txt', explainIncident(incident('code-spaces-2014-06'), PINNED, 'text', 'explain'));
    golden('explain-code-spaces.md', explainIncident(incident('code-spaces-2014-06'), PINNED, 'markdown', 'explain'));
  });
});

describe('attack patterns and reach in teaching outputs (issue 15)', () => {
  it('names the patterns a check limits', () => {
    const check = pinned('ebs-snapshot-public');
    const text = explainCheck(check, INCIDENTS, 'text');
    expect(text).toContain('Limits what attackers did next: snapshot-exfiltration');
    expect(explainCheck(check, INCIDENTS, 'markdown')).toContain('**Limits what attackers did next:** `snapshot-exfiltration`');
    expect(explainCheck(pinned('iam-root-mfa'), INCIDENTS, 'text')).not.toContain('Limits what attackers did next');
  });

  it("tells an incident no check relates to by the catalog's reason, or that there is no check yet", () => {
    const kodex = explainIncident(incident('kodex-2025-10'), PINNED, 'text', 'explain');
    expect(kodex).toContain('No read-only check of an AWS account could cover it: A fraudulent legal order');
    const flexbooker = explainIncident(incident('flexbooker-2021-12'), PINNED, 'markdown', 'explain');
    expect(flexbooker).toContain('No read-only check of an AWS account could cover it: Public reporting names no way in');
    const gap = explainIncident(incident('medibank-2022-10'), PINNED, 'text', 'explain');
    expect(gap).toContain('No breachmap check relates to it yet.');
  });
});

describe('incident filters', () => {
  it('combine cause, year, since, search and check', () => {
    const ssrf2019 = filterIncidents(INCIDENTS, { cause: 'imds-ssrf', year: '2019' }).map((l) => l.incident.id);
    expect(ssrf2019).toContain('capital-one-2019-04');
    for (const id of ssrf2019) expect(id).toMatch(/2019/);
    const since = filterIncidents(INCIDENTS, { since: '2024-06' });
    expect(since.length).toBeGreaterThan(0);
    for (const { incident: i } of since) expect(i.date.slice(0, Math.min(7, i.date.length)) >= '2024-06'.slice(0, Math.min(7, i.date.length))).toBe(true);
    expect(filterIncidents(INCIDENTS, { search: 'WEB APPLICATION FIREWALL' }).map((l) => l.incident.id)).toContain('capital-one-2019-04');
    expect(filterIncidents(INCIDENTS, { search: 'no incident says this zzqx' })).toEqual([]);
    const byCheck = filterIncidents(INCIDENTS, { check: pinned('iam-root-mfa') });
    expect(byCheck.find((l) => l.incident.id === 'imtoken-2018-06')?.match?.match).toBe('precondition');
    // Code Spaces' write-up never says the root user was involved: only its class relates it.
    expect(byCheck.find((l) => l.incident.id === 'code-spaces-2014-06')?.match?.match).toBe('primary-cause');
    expect(byCheck.every((l) => l.match !== undefined)).toBe(true);
  });
});

describe('did you mean', () => {
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('suggests close ids, prefixes and fragments, and nothing for gibberish', () => {
    const known = [...PINNED_IDS, ...INCIDENTS.map((i) => i.id)];
    expect(suggest('iam-root-mfaa', known)[0]).toBe('iam-root-mfa');
    expect(suggest('capitol-one', known)).toContain('capital-one-2019-04');
    expect(suggest('code-spaces', known)[0]).toBe('code-spaces-2014-06');
    expect(suggest('ec2-imdsv1', known)[0]).toBe('ec2-imdsv1-enabled');
    expect(suggest('qqqqqqqqqqqq', known)).toEqual([]);
  });

  it('explain: unknown id exits 2 with suggestions (golden)', async () => {
    const result = await cli(['explain', 'capitol-one']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    golden('did-you-mean.txt', result.stderr);
  });

  it.each([
    [['explain', 's3-bucket-public-writ'], /Did you mean 's3-bucket-public-write'/],
    [['incidents', 'show', 'code-space'], /Unknown incident 'code-space'\. Did you mean 'code-spaces-2014-06'/],
    [['incidents', '--check', 'iam-rot-mfa'], /--check: unknown check 'iam-rot-mfa'\. Did you mean 'iam-root-mfa'/],
    [['explain', 'zzzzzzzzzzzzzz'], /Unknown check or incident 'zzzzzzzzzzzzzz'\. 'breachmap checks' and 'breachmap incidents' list them\./],
    [['incidents', '--year', '19'], /expected a four-digit year/],
    [['incidents', '--since', '2019-13'], /expected YYYY or YYYY-MM/],
    [['incidents', '--cause', 'aliens'], /argument 'aliens' is invalid/],
    [['explain', 'iam-root-mfa', '--format', 'html'], /argument 'html' is invalid/],
  ])('%j fails with a one-line message and exit 2', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('teaching commands through the CLI', () => {
  it('explain works for a check and an incident, in text and markdown', async () => {
    const check = await cli(['explain', 'iam-root-access-keys']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('HOW AN ATTACKER USES IT');
    expect(check.stdout).toContain('Chegg');
    const story = await cli(['explain', 'chegg-2018-04', '--format', 'markdown']);
    expect(story.code).toBe(0);
    expect(story.stdout).toMatch(/^# Chegg \(2018-04\)/);
    expect(story.stdout).toContain('`iam-root-access-keys`');
  });

  it('the text report points at explain ids that exist', async () => {
    const demo = await cli(['demo']);
    const ids = [...demo.stdout.matchAll(/breachmap explain (\S+) for the full story/g)].map((m) => m[1] ?? '');
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect((await cli(['explain', id])).code, id).toBe(0);
  });

  it('incidents show supports text, json and markdown; the listing supports json', async () => {
    const json = await cli(['incidents', 'show', 'twilio-2020-07', '--format', 'json']);
    expect((JSON.parse(json.stdout) as { id: string }).id).toBe('twilio-2020-07');
    const md = await cli(['incidents', 'show', 'twilio-2020-07', '--format', 'markdown']);
    expect(md.stdout).toContain('## Timeline');
    const list = await cli(['incidents', '--search', 'twilio', '--format', 'json']);
    const ids = (JSON.parse(list.stdout) as { id: string }[]).map((i) => i.id);
    expect(ids).toContain('twilio-2020-07');
    const all = await cli(['incidents']);
    expect(all.stdout).toContain(`${INCIDENTS.length} incidents.`);
  });
});
