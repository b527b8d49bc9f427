import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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
    AWS_ENDPOINT_URL: 'http://localhost:9',
    AWS_ENDPOINT_URL_S3_CONTROL: undefined,
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

/**
 * A local endpoint that answers sts:GetCallerIdentity with a GovCloud caller and refuses the rest,
 * recording the region each request was signed for (the SigV4 credential scope).
 */
async function fakeAws(): Promise<{ url: string; scopes: string[]; hosts: string[]; close: () => Promise<void> }> {
  const scopes: string[] = [];
  const hosts: string[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\//.exec(request.headers.authorization ?? '');
      if (scope !== null) scopes.push(`${scope[2]}:${scope[1]}`);
      hosts.push(request.headers.host ?? '');
      response.setHeader('content-type', 'text/xml');
      if (body.includes('Action=GetCallerIdentity')) {
        response.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws-us-gov:iam::123456789012:user/audit</Arn><UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account>' +
            '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
        return;
      }
      response.statusCode = 403;
      response.end('<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error><RequestId>1</RequestId></ErrorResponse>');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}`, scopes, hosts, close: () => new Promise((done) => server.close(() => done())) };
}

describe('the home region (IAM, STS, S3 Control) follows the AWS CLI', () => {
  const GOV_PROFILE = '[profile gov]\nregion = us-gov-west-1\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n';
  const scan = ['scan', '--region', 'us-gov-west-1', '--checks', 'iam-root-access-keys', '--format', 'json', '--max-attempts', '1', '--quiet'];

  it.each([
    ["the profile's region when nothing else is set", {}, 'us-gov-west-1'],
    ['AWS_DEFAULT_REGION over the profile', { AWS_DEFAULT_REGION: 'us-gov-east-1' }, 'us-gov-east-1'],
    ['AWS_REGION over AWS_DEFAULT_REGION', { AWS_REGION: 'us-gov-east-1', AWS_DEFAULT_REGION: 'us-east-2' }, 'us-gov-east-1'],
    ['an empty AWS_REGION counts as unset', { AWS_REGION: '' }, 'us-gov-west-1'],
  ])('%s', async (_name, extra, expected) => {
    const aws = await fakeAws();
    try {
      const result = await cli(scan, { ...awsHome(GOV_PROFILE), AWS_PROFILE: 'gov', AWS_ENDPOINT_URL: aws.url, ...extra });
      // Every read after the identity is refused, so the scan ends "nothing collected"; the report is still written.
      expect(result.code, result.stderr).toBe(EXIT.cannotRun);
      expect(aws.scopes.filter((scope) => scope.startsWith('sts:'))).toEqual([`sts:${expected}`]);
      const iam = aws.scopes.filter((scope) => scope.startsWith('iam:'));
      expect(iam.length).toBeGreaterThan(0);
      expect(new Set(iam)).toEqual(new Set([`iam:${expected}`]));
      // The partition comes from the caller's ARN, so the report's ARNs are GovCloud ARNs.
      const report = JSON.parse(result.stdout) as { account: { partition: string } };
      expect(report.account.partition).toBe('aws-us-gov');
      expect(result.stdout).not.toMatch(/"arn:aws:/);
    } finally {
      await aws.close();
    }
  });

  it('--home-region wins over everything', async () => {
    const aws = await fakeAws();
    try {
      const result = await cli([...scan, '--home-region', 'us-gov-east-1'], { ...awsHome(GOV_PROFILE), AWS_PROFILE: 'gov', AWS_ENDPOINT_URL: aws.url, AWS_REGION: 'us-east-2' });
      expect(result.code, result.stderr).toBe(EXIT.cannotRun);
      expect(aws.scopes.filter((scope) => scope.startsWith('sts:'))).toEqual(['sts:us-gov-east-1']);
    } finally {
      await aws.close();
    }
  });

  it('names where a malformed home region came from', async () => {
    const result = await cli(scan, { ...awsHome('[profile gov]\nregion = moon\n'), AWS_PROFILE: 'gov' });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe("breachmap: error: 'moon' is not an AWS region name (from the profile's region in ~/.aws/config).\n");
  });
});

describe('--endpoint-url sends every call to one endpoint, as the AWS CLI flag does', () => {
  const PROFILE = '[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\n';

  it('wins over AWS_ENDPOINT_URL, and S3 Control reaches it through the account-id host prefix', async () => {
    const aws = await fakeAws();
    try {
      const result = await cli(
        ['scan', '--region', 'us-east-1', '--checks', 's3-account-public-access-block', '--format', 'json', '--max-attempts', '1', '--quiet', '--endpoint-url', aws.url],
        { ...awsHome(PROFILE), AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: 'http://localhost:9' },
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(aws.scopes).toContain('sts:us-east-1');
      const port = new URL(aws.url).port;
      expect(aws.hosts).toContain(`123456789012.localhost:${port}`);
      expect((JSON.parse(result.stdout) as { account: { id: string } }).account.id).toBe('123456789012');
    } finally {
      await aws.close();
    }
  });

  it.each([
    [['--endpoint-url', 'http://127.0.0.1:5055'], {}, "breachmap: error: --endpoint-url: 'http://127.0.0.1:5055' is an IP address, which S3 Control cannot use (it puts the account id in front of the host); use http://localhost:5055 or a host name instead.\n"],
    [[], { AWS_ENDPOINT_URL: 'http://[::1]:4566' }, "breachmap: error: AWS_ENDPOINT_URL: 'http://[::1]:4566' is an IP address, which S3 Control cannot use (it puts the account id in front of the host); use http://localhost:4566 or a host name instead.\n"],
    [[], { AWS_ENDPOINT_URL_S3_CONTROL: 'https://10.0.0.5' }, "breachmap: error: AWS_ENDPOINT_URL_S3_CONTROL: 'https://10.0.0.5' is an IP address, which S3 Control cannot use (it puts the account id in front of the host); use https://localhost or a host name instead.\n"],
    [['--endpoint-url', 'localhost:5000'], {}, "breachmap: error: --endpoint-url: 'localhost:5000' must start with http:// or https://.\n"],
    [['--endpoint-url', 'not a url'], {}, "breachmap: error: --endpoint-url: 'not a url' is not a URL (e.g. http://localhost:5000).\n"],
  ])('refuses %j %j before any call (exit 2, one line)', async (args, extra, message) => {
    const result = await cli(['scan', '--region', 'us-east-1', '--quiet', ...args], { ...awsHome(PROFILE), AWS_REGION: 'us-east-1', ...extra });
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toBe(message);
  });

  it.each([
    ['endpoint_url in the profile', (url: string) => `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\nendpoint_url = ${url}\n`],
    ['a services section', (url: string) => `[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = secret\nservices = local\n[services local]\nsts =\n  endpoint_url = ${url}\niam =\n  endpoint_url = ${url}\n`],
  ])('honours the SDK\'s configured endpoints in ~/.aws/config: %s', async (_name, config) => {
    const aws = await fakeAws();
    try {
      const env = { ...awsHome(config(aws.url)), AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL: undefined };
      const result = await cli(['scan', '--region', 'us-east-1', '--checks', 'iam-root-access-keys', '--format', 'json', '--max-attempts', '1', '--quiet'], env);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(aws.scopes).toContain('sts:us-east-1');
      expect(aws.scopes.some((scope) => scope.startsWith('iam:'))).toBe(true);
    } finally {
      await aws.close();
    }
  });

  it('cannot be combined with --from', async () => {
    const result = await cli(['scan', '--from', 'x.json', '--endpoint-url', 'http://localhost:5000'], awsHome(''));
    expect(result.code).toBe(EXIT.usage);
    expect(result.stderr).toMatch(/cannot be combined with .*--endpoint-url/);
  });
});
