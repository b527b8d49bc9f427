/**
 * `--debug` without an emulator: the SDK talks to a dead loopback port (vitest.config.ts), so every
 * call fails, which is where an error path could be tempted to print the request. The stderr
 * must name each call and never the credentials, the session token or a signature.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { debugLine } from '../../../src/cli/debug.js';
import { main } from '../../../src/cli/main.js';

const ACCESS_KEY_ID = 'AKIAUNITDEBUGKEY0042';
const SECRET_ACCESS_KEY = 'unitDebugSecretAccessKey/PLANTED+0123456789';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEPLANTEDsessionTOKENunitDEBUG';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('--debug', () => {
  it('formats one line from the call record alone', () => {
    expect(debugLine({ service: 's3', operation: 'GetBucketPolicy', region: 'eu-west-1', durationMs: 12.6, attempts: 3, outcome: 'error', errorCode: 'SlowDown' })).toBe(
      'breachmap: debug: s3 GetBucketPolicy eu-west-1 13ms error SlowDown attempts=3 retries=2\n',
    );
    expect(debugLine({ service: 'iam', operation: 'ListUsers', region: 'us-east-1', durationMs: 1, attempts: 1, outcome: 'ok', errorCode: '\u001b[2J' })).not.toContain('\u001b');
  });

  it('logs the failing calls of a scan but no credential, token or signature', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', ACCESS_KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET_ACCESS_KEY);
    vi.stubEnv('AWS_SESSION_TOKEN', SESSION_TOKEN);
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), stdoutIsTty: false, env: { ...process.env } };
    const code = await main(['node', 'breachmap', 'scan', '--debug', '--quiet', '--region', 'us-east-1', '--max-attempts', '2'], io);
    const stderr = err.join('');
    expect(code).toBe(3);
    expect(stderr).toMatch(/^breachmap: debug: sts GetCallerIdentity us-east-1 \d+ms error \S+ attempts=2 retries=1$/m);
    for (const secret of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN]) expect(stderr).not.toContain(secret);
    expect(stderr).not.toMatch(/AWS4-HMAC-SHA256|Signature=|X-Amz-Security-Token|Credential=|authorization:/i);
  });

  it('is silent without the flag', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t), stdoutIsTty: false, env: { ...process.env } };
    await main(['node', 'breachmap', 'scan', '--quiet', '--region', 'us-east-1', '--max-attempts', '1'], io);
    expect(err.join('')).not.toContain('debug:');
  });
});
