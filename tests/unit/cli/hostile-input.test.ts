/**
 * Hostile input: broken or oversized snapshot and suppressions files fail with one line naming the
 * file (and the field) and leave no output behind; account-supplied text full of terminal escapes,
 * control characters, bidi overrides, HTML and Markdown is inert in every report format and in the
 * teaching commands; the tool refuses to overwrite the snapshot it reads.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/main.js';
import { demoInventory } from '../../../src/demo/inventory.js';
import { MAX_SNAPSHOT_BYTES } from '../../../src/inventory/load.js';
import { REPORT_FORMATS } from '../../../src/report/index.js';
import { MAX_SUPPRESSIONS_BYTES } from '../../../src/suppress/load.js';

async function cli(args: string[], cwd?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), stdoutIsTty: false, env: {}, ...(cwd === undefined ? {} : { cwd }) };
  const code = await main(['node', 'breachmap', ...args], io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'breachmap-hostile-'));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function expectOneLineUsageError(result: { code: number; stdout: string; stderr: string }, ...needles: (string | RegExp)[]): void {
  expect(result.code).toBe(EXIT.usage);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const needle of needles) expect(result.stderr).toMatch(needle);
}

/** Runs the command with both kinds of output requested, and proves neither was written. */
async function expectNoOutputWritten(dir: string, args: string[], ...needles: (string | RegExp)[]): Promise<void> {
  const before = readdirSync(dir).sort();
  const result = await cli([...args, '--output', join(dir, 'report.txt'), '--report', `json=${join(dir, 'report.json')}`], dir);
  expectOneLineUsageError(result, ...needles);
  expect(readdirSync(dir).sort()).toEqual(before);
}

const VALID_SNAPSHOT = JSON.stringify(demoInventory('1.0.0'), null, 2);

describe('a hostile snapshot file', () => {
  it.each([
    // Cut inside a string, so the parser names a position whatever the demo's size.
    ['truncated', VALID_SNAPSHOT.slice(0, VALID_SNAPSHOT.indexOf('"collectedAt"') + 5), [/not JSON \(error at position/]],
    ['not JSON at all', '\u0000\u0001PK\u0003\u0004 binary junk', [/not text \(binary data\)/]],
    ['YAML instead of JSON', 'schemaVersion: 1\naccount: {}\n', [/not JSON/]],
    ['of another schema version', JSON.stringify({ ...demoInventory('1.0.0'), schemaVersion: 2 }), [/field schemaVersion/, /the file has 2/]],
    ['carrying an unknown top-level field', JSON.stringify({ ...demoInventory('1.0.0'), injected: '\u001b[31m' }), [/injected/]],
    [
      'carrying an unknown nested field',
      JSON.stringify({ ...demoInventory('1.0.0'), account: { ...demoInventory('1.0.0').account, extra: 1 } }),
      [/field account/, /extra/],
    ],
    ['a breachmap report instead of a snapshot', JSON.stringify({ schemaVersion: 1, summary: {}, results: [] }), [/this is a breachmap report, not a snapshot from 'breachmap collect'/]],
    ['foreign JSON', JSON.stringify({ name: 'package', version: '1.0.0' }), [/not a breachmap snapshot \(expected schemaVersion 1 and slices/]],
    ['an empty file', '', [/empty file; expected a snapshot/]],
    ['an array', '[]', [/not a breachmap snapshot \(expected schemaVersion 1 and slices/]],
  ])('%s: one line naming the file and field, exit 2, no output written', async (_name, content, needles) => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, content);
    await expectNoOutputWritten(dir, ['scan', '--from', file], file, ...needles);
  });

  it('100 MB of junk is rejected in one line without echoing it', async () => {
    const dir = tempDir();
    const file = join(dir, 'huge.json');
    writeFileSync(file, Buffer.alloc(100 * 1000 * 1000, 'A'));
    const result = await cli(['scan', '--from', file, '--output', join(dir, 'report.txt')], dir);
    expectOneLineUsageError(result, file, /not (?:JSON|text)/);
    expect(result.stderr.length).toBeLessThan(1000);
    expect(readdirSync(dir)).toEqual(['huge.json']);
  }, 60_000);

  it('a file over the size cap is refused before it is read', async () => {
    const dir = tempDir();
    const file = join(dir, 'disk-image.json');
    writeFileSync(file, '');
    truncateSync(file, MAX_SNAPSHOT_BYTES + 1); // sparse: costs no disk
    await expectNoOutputWritten(dir, ['scan', '--from', file], file, /MiB limit for a snapshot/);
  });

  it('control characters quoted from the file are made inert in the message', async () => {
    const dir = tempDir();
    const file = join(dir, 'escape.json');
    writeFileSync(file, '\u001b]0;pwned\u0007\u001b[2J');
    const result = await cli(['scan', '--from', file], dir);
    expectOneLineUsageError(result, file);
    // eslint-disable-next-line no-control-regex -- the point of the test
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});

describe('a hostile suppressions file', () => {
  const ENTRY = 'suppressions:\n  - check: iam-root-mfa\n    resource: "*"\n    reason: accepted\n    expires: "2099-01-01"\n';
  it.each([
    ['truncated', ENTRY.slice(0, 40), []],
    ['not YAML', '\u0000\u0001{[}: :\n\t- ]', []],
    ['of another format (a JSON report)', JSON.stringify({ schemaVersion: 1, results: [] }), [/schemaVersion|Unrecognized|suppressions/]],
    ['carrying an unknown field', `${ENTRY}    comment: hi\n`, [/field suppressions\.0/, /comment/]],
    ['carrying an unknown top-level field', `version: 2\n${ENTRY}`, [/version/]],
  ])('%s: one line naming the file, exit 2, no output written', async (_name, content, needles) => {
    const dir = tempDir();
    const file = join(dir, 'accepted.yml');
    writeFileSync(file, content);
    await expectNoOutputWritten(dir, ['demo', '--suppressions', file], /accepted\.yml/, ...needles);
  });

  it('a 100 MB file is refused by the size cap before it is parsed', async () => {
    const dir = tempDir();
    const file = join(dir, 'huge.yml');
    writeFileSync(file, '');
    truncateSync(file, 100 * 1000 * 1000);
    expect(statSync(file).size).toBeGreaterThan(MAX_SUPPRESSIONS_BYTES);
    await expectNoOutputWritten(dir, ['demo', '--suppressions', file], /huge\.yml/, /MiB limit for a suppressions file/);
  });
});

describe('refusing to overwrite the snapshot being read', () => {
  it.each([
    ['--output', (file: string) => ['--output', file]],
    ['--report', (file: string) => ['--report', `json=${file}`]],
    ['--output through another spelling', (file: string) => ['--output', file.replace(/\/snapshot\.json$/, '/./sub/../snapshot.json')]],
  ])('%s', async (_name, flags) => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, VALID_SNAPSHOT);
    const result = await cli(['scan', '--from', file, ...flags(file)], dir);
    expectOneLineUsageError(result, /is the file --from reads/);
    expect(readFileSync(file, 'utf8')).toBe(VALID_SNAPSHOT);
  });

  it('through a symbolic link', async () => {
    const dir = tempDir();
    const file = join(dir, 'snapshot.json');
    writeFileSync(file, VALID_SNAPSHOT);
    symlinkSync(file, join(dir, 'link.json'));
    const result = await cli(['scan', '--from', 'link.json', '--output', file], dir);
    expectOneLineUsageError(result, /is the file --from reads/);
    expect(readFileSync(file, 'utf8')).toBe(VALID_SNAPSHOT);
  });
});

describe('every writer is atomic; snapshots owner-only, reports with the umask', () => {
  it('--output and every --report format, under a permissive umask', async () => {
    const dir = tempDir();
    const previous = process.umask(0o000);
    try {
      const reports = REPORT_FORMATS.flatMap((format) => ['--report', `${format}=${join(dir, `r.${format}`)}`]);
      const result = await cli(['demo', '--quiet', '--output', join(dir, 'out.txt'), ...reports], dir);
      expect(result.code, result.stderr).toBe(EXIT.ok);
      const merged = await cli(['merge', join(dir, 'r.json'), '--quiet', '--output', join(dir, 'merged.json')], dir);
      expect(merged.code, merged.stderr).toBe(EXIT.ok);
    } finally {
      process.umask(previous);
    }
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['merged.json', 'out.txt', ...REPORT_FORMATS.map((format) => `r.${format}`)].sort());
    // Under umask 000 a report is 0666: it is the user's file like any other (issue 16); only snapshots stay 0600.
    for (const file of files) expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o666);
  });

  it('collect writes the snapshot owner-only even under a permissive umask', async () => {
    const dir = tempDir();
    const { writeFileAtomic } = await import('../../../src/cli/files.js');
    const previous = process.umask(0o000);
    try {
      await writeFileAtomic(join(dir, 'account.json'), '{}', { ownerOnly: true });
    } finally {
      process.umask(previous);
    }
    expect(statSync(join(dir, 'account.json')).mode & 0o777).toBe(0o600);
  });

  it('merge refuses to overwrite one of its inputs', async () => {
    const dir = tempDir();
    const input = join(dir, 'shard.json');
    expect((await cli(['demo', '--quiet', '--format', 'json', '--output', input], dir)).code).toBe(EXIT.ok);
    const before = readFileSync(input, 'utf8');
    const result = await cli(['merge', input, '--output', input], dir);
    expectOneLineUsageError(result, /is the file merge reads/);
    expect(readFileSync(input, 'utf8')).toBe(before);
  });
});

// ---------------------------------------------------------------- hostile account content

/** Terminal title + colour + screen clear, BEL, NUL, backspace, CR, bidi override, HTML, Markdown. */
const PAYLOAD = '\u001b]0;pwned\u0007\u001b[31mRED\u001b[2J\u0000\u0008\r\u202eevil\u2066<script>alert(1)</script><img src=x onerror=alert(2)>*_[x](javascript:alert(3))|#`\u009b';
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** XML 1.0 forbids these even as character references. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/**
 * The text with CommonMark code spans removed: a run of n backticks closes at the next run of
 * exactly n; a backslash-escaped backtick outside a span is literal text.
 */
function withoutCodeSpans(markdown: string): string {
  let result = '';
  let rest = markdown;
  for (;;) {
    const open = /(?<!\\)`+|(?<=\\)`/.exec(rest);
    if (open === null) return result + rest;
    if (rest[open.index - 1] === '\\') {
      result += rest.slice(0, open.index + 1);
      rest = rest.slice(open.index + 1);
      continue;
    }
    const after = rest.slice(open.index + open[0].length);
    const close = new RegExp(`(?<!\`)\`{${open[0].length}}(?!\`)`).exec(after);
    if (close === null) return result + rest;
    result += rest.slice(0, open.index);
    rest = after.slice(close.index + open[0].length);
  }
}

const HOSTILE_KEYS = new Set(['name', 'user', 'alias', 'description', 'Sid', 'arn', 'roleArns', 'instanceProfileArn', 'instanceId', 'imageId']);

/** The demo account with the payload appended to every name, id and ARN (consistently, so references still resolve). */
function hostileInventory(): unknown {
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item, key));
    if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (typeof value === 'string' && HOSTILE_KEYS.has(key) && value !== '<root_account>' && value !== 'breachmap') return `${value}${PAYLOAD}`;
    return value;
  };
  return walk(demoInventory('1.0.0'), '');
}

describe('hostile names, ids and policy text are inert in every format', () => {
  const dir = tempDir();
  const snapshot = join(dir, 'hostile.json');
  writeFileSync(snapshot, JSON.stringify(hostileInventory()));

  it('the fixture really carries the payload into the report', async () => {
    const result = await cli(['scan', '--from', snapshot, '--format', 'json']);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    const report = JSON.parse(result.stdout) as { results: { resource: string; status: string }[] };
    expect(report.results.filter((r) => r.resource.includes(PAYLOAD)).length).toBeGreaterThan(5);
    expect(report.results.some((r) => r.status === 'fail' && r.resource.includes(PAYLOAD))).toBe(true);
  });

  it.each(REPORT_FORMATS.map((format) => [format]))('%s', async (format) => {
    const result = await cli(['scan', '--from', snapshot, '--format', format, '--show-passed']);
    expect(result.code, result.stderr).toBe(EXIT.ok);
    const out = result.stdout;
    expect(out.length).toBeGreaterThan(1000);
    switch (format) {
      case 'json':
      case 'sarif': {
        // Valid JSON whose strings still hold the exact values: escaping is JSON's own.
        const parsed: unknown = JSON.parse(out);
        expect(JSON.stringify(parsed)).toContain(JSON.stringify(PAYLOAD).slice(1, -1));
        expect(out).not.toMatch(RAW_TERMINAL_CONTROLS);
        break;
      }
      case 'junit':
        expect(out).not.toMatch(XML_FORBIDDEN);
        expect(out).not.toMatch(RAW_TERMINAL_CONTROLS);
        expect(out).not.toContain('<script');
        expect(out).not.toContain('<img');
        break;
      case 'html':
        expect(out).not.toMatch(RAW_TERMINAL_CONTROLS);
        expect(out).not.toContain('<script>alert');
        expect(out).not.toContain('<img');
        expect(out).not.toMatch(/href="javascript:/i);
        break;
      case 'markdown': {
        expect(out).not.toMatch(RAW_TERMINAL_CONTROLS);
        // Inside a code span HTML and Markdown are literal text (CommonMark); everywhere else they must be escaped.
        const outsideCode = withoutCodeSpans(out);
        expect(outsideCode).not.toContain('<script');
        expect(outsideCode).not.toContain('<img');
        expect(outsideCode).not.toContain('[x](javascript:');
        expect(outsideCode).toContain('&lt;script&gt;');
        break;
      }
      case 'text':
        expect(out).not.toMatch(RAW_TERMINAL_CONTROLS);
        expect(out).toContain('\\u001b');
        break;
    }
  });

  it('the teaching commands keep hostile arguments inert', async () => {
    for (const args of [
      ['explain', PAYLOAD],
      ['explain', PAYLOAD, '--format', 'markdown'],
      ['incidents', 'show', PAYLOAD],
      ['incidents', '--check', PAYLOAD],
      ['incidents', '--service', PAYLOAD],
    ]) {
      const result = await cli(args);
      expect(`${result.stdout}${result.stderr}`, args.join(' ')).not.toMatch(RAW_TERMINAL_CONTROLS);
      expect(result.stdout).not.toContain('<script');
    }
  });
});
