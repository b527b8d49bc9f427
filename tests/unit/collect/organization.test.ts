import { PassThrough, Readable } from 'node:stream';
import { ListAccountsCommand, ListAccountsForParentCommand, ListOrganizationalUnitsForParentCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { accountOfRoleArn, assumedRoleCredentials, listAccounts, listAccountsUnder } from '../../../src/collect/organization.js';
import { describeProgress, createScanProgress } from '../../../src/cli/progress.js';
import { buildCollectContext } from '../../helpers/collect-context.js';

interface Canned {
  statusCode: number;
  body: string;
  delayMs?: number;
}

/** Stands in for NodeHttpHandler: the SDK's serializers, retries and parsers all still run. */
function fakeWire(respond: (request: { body?: unknown; hostname?: string; headers: Record<string, string> }, n: number) => Canned) {
  const requests: { body?: unknown; hostname?: string; headers: Record<string, string> }[] = [];
  let inFlight = 0;
  const peak = { value: 0 };
  return {
    requests,
    peak,
    handler: {
      handle: async (request: { body?: unknown; hostname?: string; headers: Record<string, string> }) => {
        requests.push(request);
        inFlight += 1;
        peak.value = Math.max(peak.value, inFlight);
        const next = respond(request, requests.length);
        if (next.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, next.delayMs));
        inFlight -= 1;
        return { response: { statusCode: next.statusCode, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': `req-${requests.length}` }, body: Readable.from([Buffer.from(next.body)]) } };
      },
    },
  };
}

const THROTTLED: Canned = {
  statusCode: 400,
  body: '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-1</RequestId></ErrorResponse>',
};

function assumed(expiration: string, key = 'ASIAEXAMPLE'): Canned {
  return {
    statusCode: 200,
    body: `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><Arn>arn:aws:sts::111111111111:assumed-role/audit/breachmap-abc</Arn><AssumedRoleId>AROA:breachmap-abc</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  };
}

const DENIED: Canned = {
  statusCode: 403,
  body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole</Message></Error><RequestId>r</RequestId></ErrorResponse>',
};

const request = { roleArn: 'arn:aws:iam::111111111111:role/audit', sessionName: 'breachmap-abc', externalId: 'ext-42' };

describe('assuming the scan role (over a fake wire, real SDK retries)', () => {
  it('retries a throttled AssumeRole and counts the throttle in the stats', async () => {
    const wire = fakeWire((_, n) => (n === 1 ? THROTTLED : assumed('2099-01-01T00:00:00Z')));
    const { clients, recorder } = buildCollectContext({ requestHandler: wire.handler, maxAttempts: 3 });

    const credentials = await assumedRoleCredentials(clients, request)();

    expect(credentials).toMatchObject({ accessKeyId: 'ASIAEXAMPLE', sessionToken: 'token' });
    expect(wire.requests).toHaveLength(2);
    const body = String(wire.requests[1]?.body);
    expect(body).toContain('Action=AssumeRole');
    expect(body).toContain('RoleSessionName=breachmap-abc');
    expect(body).toContain('ExternalId=ext-42');
    expect(recorder.stats(0).calls).toEqual([expect.objectContaining({ service: 'sts', operation: 'AssumeRole', calls: 1, errors: 0, throttled: 1 })]);
  });

  it('reuses the session while it is fresh and assumes again shortly before it expires', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const wire = fakeWire((_, n) => assumed('2030-01-01T01:00:00Z', `ASIA${n}`));
    const { clients } = buildCollectContext({ requestHandler: wire.handler });
    const provider = assumedRoleCredentials(clients, request, () => now);

    expect((await provider()).accessKeyId).toBe('ASIA1');
    expect((await Promise.all([provider(), provider()])).map((c) => c.accessKeyId)).toEqual(['ASIA1', 'ASIA1']);
    now = Date.parse('2030-01-01T00:56:00Z');
    expect((await provider()).accessKeyId).toBe('ASIA2');
    expect(wire.requests).toHaveLength(2);
  });

  it('lets a refusal through (the caller reports the account), and tries again on the next call', async () => {
    const wire = fakeWire((_, n) => (n === 1 ? DENIED : assumed('2099-01-01T00:00:00Z')));
    const { clients } = buildCollectContext({ requestHandler: wire.handler });
    const provider = assumedRoleCredentials(clients, request);
    await expect(provider()).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(provider()).resolves.toMatchObject({ accessKeyId: 'ASIAEXAMPLE' });
  });

  it('reads the account id of a role ARN', () => {
    expect(accountOfRoleArn('arn:aws:iam::123456789012:role/path/audit')).toBe('123456789012');
    expect(accountOfRoleArn('arn:aws-us-gov:iam::123456789012:role/audit')).toBe('123456789012');
    expect(accountOfRoleArn('arn:aws:iam::123456789012:user/audit')).toBeUndefined();
  });
});

describe('the per-service concurrency bound', () => {
  it('keeps at most N calls in flight per service and region, without holding back other services', async () => {
    const wire = fakeWire(() => ({ statusCode: 200, delayMs: 20, body: '<DescribeRegionsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><regionInfo/></DescribeRegionsResponse>' }));
    const { ClientFactory } = await import('../../../src/collect/clients.js');
    const { CallRecorder } = await import('../../../src/collect/recorder.js');
    const { DescribeRegionsCommand } = await import('@aws-sdk/client-ec2');
    const bounded = new ClientFactory({
      credentials: { accessKeyId: 'unit-test', secretAccessKey: 'unit-test' },
      s3PathStyle: true,
      maxAttempts: 1,
      homeRegion: 'us-east-1',
      recorder: new CallRecorder(),
      serviceConcurrency: 2,
      requestHandler: { destroy: () => undefined, ...wire.handler } as never,
    });
    await Promise.all(Array.from({ length: 6 }, () => bounded.ec2('us-east-1').send(new DescribeRegionsCommand({}))));
    expect(wire.peak.value).toBe(2);

    wire.peak.value = 0;
    // Another region is another AWS rate limit: it has its own slots.
    await Promise.all([...Array.from({ length: 3 }, () => bounded.ec2('us-east-1').send(new DescribeRegionsCommand({}))), ...Array.from({ length: 3 }, () => bounded.ec2('eu-west-1').send(new DescribeRegionsCommand({})))]);
    expect(wire.peak.value).toBe(4);
  });
});

describe('listing the organization', () => {
  const organizations = mockClient(OrganizationsClient);
  afterEach(() => organizations.reset());

  it('pages through ListAccounts and reads State, falling back to the deprecated Status', async () => {
    organizations
      .on(ListAccountsCommand)
      .resolvesOnce({ Accounts: [{ Id: '111111111111', Name: 'a', State: 'ACTIVE' }], NextToken: 't' })
      .resolvesOnce({ Accounts: [{ Id: '222222222222', Name: 'b', Status: 'SUSPENDED' }] });
    const { clients } = buildCollectContext();
    expect(await listAccounts(clients)).toEqual([
      { id: '111111111111', name: 'a', status: 'ACTIVE' },
      { id: '222222222222', name: 'b', status: 'SUSPENDED' },
    ]);
    expect(organizations.commandCalls(ListAccountsCommand)[1]?.args[0].input).toEqual({ NextToken: 't' });
  });

  it('walks an OU and every nested OU', async () => {
    organizations.on(ListAccountsForParentCommand, { ParentId: 'ou-root-aaaaaaaa' }).resolves({ Accounts: [{ Id: '111111111111', State: 'ACTIVE' }] });
    organizations.on(ListAccountsForParentCommand, { ParentId: 'ou-root-bbbbbbbb' }).resolvesOnce({ Accounts: [{ Id: '222222222222', State: 'ACTIVE' }], NextToken: 'p2' }).resolvesOnce({ Accounts: [{ Id: '333333333333', State: 'ACTIVE' }] });
    organizations.on(ListAccountsForParentCommand, { ParentId: 'ou-root-cccccccc' }).resolves({ Accounts: [{ Id: '444444444444', State: 'ACTIVE' }] });
    organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-aaaaaaaa' }).resolves({ OrganizationalUnits: [{ Id: 'ou-root-bbbbbbbb' }] });
    organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-bbbbbbbb' }).resolves({ OrganizationalUnits: [{ Id: 'ou-root-cccccccc' }] });
    organizations.on(ListOrganizationalUnitsForParentCommand, { ParentId: 'ou-root-cccccccc' }).resolves({ OrganizationalUnits: [] });
    const { clients } = buildCollectContext();
    expect((await listAccountsUnder(clients, 'ou-root-aaaaaaaa')).map((m) => m.id).sort()).toEqual(['111111111111', '222222222222', '333333333333', '444444444444']);
  });
});

describe('progress', () => {
  it('draws one live line on a terminal and leaves the final counts behind', async () => {
    const terminal = Object.assign(new PassThrough(), { isTTY: true, columns: 80, cursorTo: () => true, moveCursor: () => true, clearLine: () => true });
    const drawn: string[] = [];
    terminal.on('data', (chunk: Buffer) => drawn.push(chunk.toString('utf8')));
    const plain: string[] = [];
    const progress = createScanProgress({ quiet: false, env: {}, write: (t) => plain.push(t), tty: terminal });
    progress.servicesPlanned(2);
    progress.serviceDone();
    progress.step('Regions: us-east-1');
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(plain).toEqual([]);
    expect(drawn.join('')).toContain('services 1/2');
  });

  it('describes accounts, regions, services, calls and retries in one line', () => {
    expect(describeProgress({ accounts: { total: 20, done: 3, failed: 1 }, regions: 17, services: { total: 96, done: 40 }, calls: 1234, retries: 12 })).toBe(
      'accounts 3/20 (1 failed) · regions 17 · services 40/96 · 1234 calls · 12 throttled or retried',
    );
    expect(describeProgress({ regions: 0, services: { total: 3, done: 0 }, calls: 1, retries: 0 })).toBe('services 0/3 · 1 call · 0 throttled or retried');
  });

  it('prints plain lines at most every interval when stderr is not a terminal, and nothing when quiet', () => {
    const lines: string[] = [];
    let now = 0;
    const progress = createScanProgress({ quiet: false, env: {}, write: (t) => lines.push(t), now: () => now, intervalMs: 5000 });
    progress.servicesPlanned(4);
    progress.step('first');
    progress.call({ service: 'ec2', operation: 'DescribeInstances', region: 'us-east-1', durationMs: 1, attempts: 3, outcome: 'ok' });
    progress.serviceDone();
    progress.step('second');
    now = 6000;
    progress.step('third');
    progress.stop();
    expect(lines).toEqual(['breachmap: first [services 0/4 · 0 calls · 0 throttled or retried]\n', 'breachmap: third [services 1/4 · 1 call · 2 throttled or retried] (1 more step since the last line)\n']);

    const quiet: string[] = [];
    // A terminal that reports no width gets plain lines too (ora would clear an infinite number of lines).
    const widthless = Object.assign(new PassThrough(), { isTTY: true, columns: 0 });
    const viaWrite: string[] = [];
    const noWidth = createScanProgress({ quiet: false, env: {}, write: (t) => viaWrite.push(t), tty: widthless });
    noWidth.step('plain');
    noWidth.stop();
    expect(viaWrite).toEqual(['breachmap: plain [services 0/0 · 0 calls · 0 throttled or retried]\n']);

    const silent = createScanProgress({ quiet: true, env: {}, write: (t) => quiet.push(t) });
    silent.step('x');
    silent.stop();
    expect(quiet).toEqual([]);
  });
});
