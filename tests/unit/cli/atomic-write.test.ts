/**
 * A write that fails half-way (disk full, killed process) must leave the previous report intact:
 * readers see the old file or the whole new one, never a torn one, and no temp file is left behind.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const failure = vi.hoisted(() => ({ armed: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fsPromises>();
  return {
    ...actual,
    // Writes half of the content to the temp file, then fails like a full disk.
    writeFile: async (path: Parameters<typeof actual.writeFile>[0], data: string, options: Parameters<typeof actual.writeFile>[2]) => {
      if (!failure.armed) return actual.writeFile(path, data, options);
      await actual.writeFile(path, data.slice(0, Math.floor(data.length / 2)), options);
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
  };
});

const { writeFileAtomic } = await import('../../../src/cli/files.js');
const { main } = await import('../../../src/cli/main.js');

afterEach(() => {
  failure.armed = false;
});

describe('atomic writes', () => {
  it('keeps the old file when the write fails mid-way, and removes the temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachmap-atomic-'));
    const file = join(dir, 'report.sarif');
    writeFileSync(file, 'the previous report');
    failure.armed = true;
    await expect(writeFileAtomic(file, 'x'.repeat(10_000))).rejects.toThrow(/ENOSPC/);
    expect(readFileSync(file, 'utf8')).toBe('the previous report');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });

  it('makes scan/demo exit 3 with a one-line message and keep every old output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachmap-atomic-'));
    writeFileSync(join(dir, 'summary.md'), 'old summary');
    failure.armed = true;
    const err: string[] = [];
    const code = await main(['node', 'breachmap', 'demo', '--quiet', '--report', 'markdown=summary.md'], {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      stdoutIsTty: false,
      env: {},
      cwd: dir,
    });
    expect(code).toBe(3);
    expect(err.join('')).toMatch(/^breachmap: error: ENOSPC: no space left on device/);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('old summary');
    expect(readdirSync(dir)).toEqual(['summary.md']);
  });

  it('writes normally when nothing fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breachmap-atomic-'));
    const file = join(dir, 'report.json');
    writeFileSync(file, 'old');
    await writeFileAtomic(file, 'new');
    expect(readFileSync(file, 'utf8')).toBe('new');
  });
});
