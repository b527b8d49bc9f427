import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXIT } from '../../../src/cli/errors.js';
import { main } from '../../../src/cli/main.js';

/**
 * The SDK reads its config files and AWS_PROFILE from process.env, so each test points
 * process.env at its own temp files (unique paths also defeat the SDK's file cache) and gives
 * main() the same environment.
 */
function awsHome(config: string): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'breachmap-creds-'));
  writeFileSync(join(home, 'config'), config);
  const env: Record<string, string | undefined> = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_REGION: undefined,
    AWS_DEFAULT_REGION: undefined,
    AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
    AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  };
  return env;
}

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'breachmap', ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stdoutIsTty: false, env: process.env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('named profiles fail with their real reason, in one line', () => {
  it('AWS_PROFILE naming an unknown profile is a usage error, as --profile is', async () => {
    const env = awsHome('[profile other]\nregion = us-east-1\n');
    const fromEnv = await cli(['scan', '--region', 'us-east-1', '--quiet'], { ...env, AWS_PROFILE: 'nope' });
    expect(fromEnv.code).toBe(EXIT.usage);
    expect(fromEnv.stderr).toBe("breachmap: error: AWS profile 'nope' (from AWS_PROFILE) not found in ~/.aws/config or ~/.aws/credentials. Check the name with 'aws configure list-profiles'.\n");
    const fromFlag = await cli(['scan', '--region', 'us-east-1', '--quiet', '--profile', 'nope'], env);
    expect(fromFlag.code).toBe(EXIT.usage);
    expect(fromFlag.stderr).toMatch(/^breachmap: error: AWS profile 'nope' not found/);
  });

  it('an empty AWS_PROFILE is unset, as the SDK treats it', async () => {
    const result = await cli(['scan', '--region', 'us-east-1', '--quiet'], { ...awsHome(''), AWS_PROFILE: '' });
    expect(result.code).toBe(EXIT.cannotRun);
    expect(result.stderr).toMatch(/^breachmap: error: No AWS credentials found/);
  });

  it('a missing source_profile is named, not "No AWS credentials found"', async () => {
    const env = awsHome('[profile chained]\nrole_arn = arn:aws:iam::123456789012:role/audit\nsource_profile = gone\nregion = us-east-1\n');
    for (const args of [['--profile', 'chained'], []]) {
      const result = await cli(['scan', '--region', 'us-east-1', '--quiet', ...args], args.length === 0 ? { ...env, AWS_PROFILE: 'chained' } : env);
      expect(result.code).toBe(EXIT.cannotRun);
      expect(result.stderr).toBe("breachmap: error: AWS profile 'chained' could not provide credentials: Could not resolve credentials using profile: [gone] in configuration/credentials file(s).\n");
    }
  });

  it("a failing credential_process shows the command's error in one line", async () => {
    const env = awsHome('[profile vault]\ncredential_process = /bin/sh -c "echo vault is sealed >&2; exit 3"\n');
    const result = await cli(['scan', '--region', 'us-east-1', '--quiet', '--profile', 'vault'], env);
    expect(result.code).toBe(EXIT.cannotRun);
    expect(result.stderr).toMatch(/^breachmap: error: AWS profile 'vault' could not provide credentials: Command failed: .*: vault is sealed\n$/);
  });

  it('a credential_process that prints no JSON says so', async () => {
    const env = awsHome('[profile broken]\ncredential_process = /bin/echo not-json\n');
    const result = await cli(['scan', '--region', 'us-east-1', '--quiet', '--profile', 'broken'], env);
    expect(result.code).toBe(EXIT.cannotRun);
    expect(result.stderr).toBe("breachmap: error: AWS profile 'broken' could not provide credentials: Profile broken credential_process returned invalid JSON.\n");
  });
});

describe('the default profile', () => {
  it("a default profile's failing credential_process is named too", async () => {
    const result = await cli(['scan', '--region', 'us-east-1', '--quiet'], awsHome('[default]\ncredential_process = /bin/echo not-json\n'));
    expect(result.code).toBe(EXIT.cannotRun);
    expect(result.stderr).toBe("breachmap: error: AWS profile 'default' could not provide credentials: Profile default credential_process returned invalid JSON.\n");
  });

  it('a default profile with only a region is "no credentials"', async () => {
    const result = await cli(['scan', '--region', 'us-east-1', '--quiet'], awsHome('[default]\nregion = eu-west-1\n'));
    expect(result.code).toBe(EXIT.cannotRun);
    expect(result.stderr).toMatch(/^breachmap: error: No AWS credentials found/);
  });
});
