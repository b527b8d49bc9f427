/**
 * Supply chain: the published package holds only what a user runs (bin/, dist/, schema/, README,
 * package.json, LICENSE), and CI's audit gate (scripts/audit.js) fails on high and critical
 * advisories unless they are allow-listed with a reason. `npm test` builds dist/ before vitest.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..', '..');

interface PackEntry {
  path: string;
}

describe('npm pack', () => {
  it('ships only bin/, dist/, schema/, README.md, package.json and LICENSE, and no stale build output', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const [pack] = JSON.parse(stdout) as [{ files: PackEntry[] }];
    const files = pack.files.map((file) => file.path).sort();

    const outside = files.filter((path) => !/^(?:bin\/[^/]+\.js|dist\/.+\.js|schema\/[^/]+\.json|README\.md|package\.json|LICENSE(?:\.md)?)$/.test(path));
    expect(outside).toEqual([]);
    for (const needed of ['bin/breachmap.js', 'dist/cli/main.js', 'schema/report.schema.json', 'README.md', 'package.json']) expect(files).toContain(needed);
    // dist/ is not cleaned by tsc: a module whose source was deleted would still ship.
    const stale = files.filter((path) => path.startsWith('dist/') && !existsSync(join(ROOT, 'src', path.slice('dist/'.length).replace(/\.js$/, '.ts'))));
    expect(stale).toEqual([]);
  }, 60_000);
});

describe('CI audit gate (scripts/audit.js)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'breachmap-audit-'));

  async function gate(audit: unknown, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; output: string }> {
    const file = join(dir, `audit-${String(Math.random()).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(audit));
    try {
      const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'scripts', 'audit.js')], { env: { ...process.env, ...env, BREACHMAP_AUDIT_JSON: file } });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, output: e.stdout + e.stderr };
    }
  }

  const advisory = (severity: string, id = 'GHSA-aaaa-bbbb-cccc') => ({
    vulnerabilities: { 'fast-xml-parser': { severity, via: [{ severity, url: `https://github.com/advisories/${id}`, title: 'prototype pollution' }] } },
    metadata: { vulnerabilities: { low: 0, moderate: 0, high: 0, critical: 0 } },
  });

  it('passes with no advisory, and with only low or moderate ones', async () => {
    expect((await gate({ vulnerabilities: {}, metadata: { vulnerabilities: {} } })).code).toBe(0);
    expect((await gate(advisory('moderate'))).code).toBe(0);
  });

  it.each(['high', 'critical'])('fails on a %s advisory and names it', async (severity) => {
    const result = await gate(advisory(severity));
    expect(result.code).toBe(1);
    expect(result.output).toContain(`fast-xml-parser: ${severity} GHSA-aaaa-bbbb-cccc`);
  });

  it('an unreachable audit endpoint is a loud warning, or a failure under BREACHMAP_AUDIT_REQUIRED=1', async () => {
    const unreachable = { message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405 };
    const lenient = await gate(unreachable);
    expect(lenient.code).toBe(0);
    expect(lenient.output).toMatch(/WARNING: .*NOT checked/);
    expect((await gate(unreachable, { BREACHMAP_AUDIT_REQUIRED: '1' })).code).toBe(1);
  });
});
