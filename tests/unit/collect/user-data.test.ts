import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { DescribeInstanceAttributeCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import type { DescribeInstancesCommandOutput } from '@aws-sdk/client-ec2';
import { ALL_CHECKS } from '../../../src/checks/index.js';
import { DEFAULT_EVALUATION_OPTIONS } from '../../../src/checks/define.js';
import { ec2UserDataSecretsCollector } from '../../../src/collect/user-data.js';
import { buildReport } from '../../../src/engine/report.js';
import { INCIDENTS } from '../../../src/incidents/catalog.js';
import { ec2UserDataSecretsSchema, inventorySchema } from '../../../src/inventory/schema.js';
import type { Ec2UserDataSecrets, Inventory } from '../../../src/inventory/schema.js';
import { REPORT_FORMATS, renderReport } from '../../../src/report/index.js';
import { buildCollectContext, ec2Error, regionResult, okData, TEST_ACCOUNT_ID } from '../../helpers/collect-context.js';

/** Planted values: none of them may ever leave the collector. */
const PLANTED = {
  keyId: 'AKIAZZPLANTEDKEY0001',
  secretKey: 'pLaNtEdSeCrEtAcCeSsKeY000000000000000001',
  password: 'PlantedPassw0rd!',
  token: 'ghp_PlantedGithubToken0001',
  privateKeyBody: 'MIIEpAIBAAKCAQEAplantedprivatekeybody',
};

const LEAKY_SCRIPT = [
  '#!/bin/bash',
  `export AWS_ACCESS_KEY_ID=${PLANTED.keyId}`,
  `export AWS_SECRET_ACCESS_KEY=${PLANTED.secretKey}`,
  `DB_PASSWORD=${PLANTED.password}`,
  `GITHUB_TOKEN=${PLANTED.token}`,
  'cat > /root/.ssh/id_rsa <<EOF',
  '-----BEGIN RSA PRIVATE KEY-----',
  PLANTED.privateKeyBody,
  '-----END RSA PRIVATE KEY-----',
  'EOF',
].join('\n');

const LEAKY_USER_DATA = Buffer.from(gzipSync(LEAKY_SCRIPT)).toString('base64');

describe('ec2UserDataSecretsCollector (mocked SDK)', () => {
  let ec2: AwsClientStub<EC2Client>;
  beforeAll(() => {
    ec2 = mockClient(EC2Client);
  });
  afterAll(() => ec2.restore());
  beforeEach(() => ec2.reset());

  function instances(...ids: string[]): DescribeInstancesCommandOutput {
    return { $metadata: {}, Reservations: [{ Instances: ids.map((id) => ({ InstanceId: id, State: { Name: 'running' as const }, Tags: [{ Key: 'Name', Value: `${id}-name` }] })) }] };
  }

  it('reads user data once per instance (bounded by the limiter) and keeps only match metadata', async () => {
    ec2.on(DescribeInstancesCommand).resolvesOnce({ ...instances('i-leaky'), NextToken: 'p2' }).resolvesOnce(instances('i-clean', 'i-empty'));
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-leaky' }).resolves({ UserData: { Value: LEAKY_USER_DATA } });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-clean' }).resolves({ UserData: { Value: Buffer.from('#!/bin/bash\nyum -y install nginx\n').toString('base64') } });
    // moto and AWS answer {} for an instance without user data.
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-empty' }).resolves({});
    const { context } = buildCollectContext({ regions: ['us-east-1'], concurrency: 1 });

    const result = await ec2UserDataSecretsCollector.collect(context);

    expect(ec2.commandCalls(DescribeInstanceAttributeCommand).map((c) => c.args[0].input)).toEqual([
      { InstanceId: 'i-clean', Attribute: 'userData' },
      { InstanceId: 'i-empty', Attribute: 'userData' },
      { InstanceId: 'i-leaky', Attribute: 'userData' },
    ]);
    const data = okData(regionResult(result, 'us-east-1'));
    expect(data.skippedByBudget).toBe(0);
    expect(data.instances.map((i) => [i.instanceId, i.scan.ok ? i.scan.data.encoding : 'failed'])).toEqual([
      ['i-clean', 'text'],
      ['i-empty', 'none'],
      ['i-leaky', 'gzip'],
    ]);
    const leaky = data.instances.find((i) => i.instanceId === 'i-leaky');
    expect(leaky?.scan).toEqual({
      ok: true,
      data: {
        encoding: 'gzip',
        decodedBytes: Buffer.byteLength(LEAKY_SCRIPT),
        matches: [
          { kind: 'aws-access-key-id', line: 2, part: null },
          { kind: 'aws-secret-access-key', line: 3, part: null },
          { kind: 'password-assignment', line: 4, part: null },
          { kind: 'token-assignment', line: 5, part: null },
          { kind: 'private-key', line: 7, part: null },
        ],
      },
    });
    expect(ec2UserDataSecretsSchema.safeParse(result).success).toBe(true);
  });

  it('never lets a planted secret reach the collector output, the inventory JSON or any rendered report', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instances('i-leaky'));
    ec2.on(DescribeInstanceAttributeCommand).resolves({ UserData: { Value: LEAKY_USER_DATA } });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const collected: Ec2UserDataSecrets = await ec2UserDataSecretsCollector.collect(context);
    const inventory: Inventory = inventorySchema.parse({
      schemaVersion: 1,
      tool: { name: 'breachmap', version: '0.0.0-test' },
      account: { id: TEST_ACCOUNT_ID, partition: 'aws', callerArn: null, alias: null },
      collectedAt: '2026-06-01T00:00:00.000Z',
      regions: ['us-east-1'],
      slices: { ec2UserDataSecrets: { ok: true, data: collected } },
      stats: { durationMs: 1, totalCalls: 2, calls: [] },
    });
    const report = buildReport({ inventory, checks: ALL_CHECKS, catalog: INCIDENTS, options: DEFAULT_EVALUATION_OPTIONS });
    const finding = report.results.find((r) => r.checkId === 'ec2-user-data-secrets');
    expect(finding).toMatchObject({ status: 'fail', severity: 'critical' });

    const outputs = [
      JSON.stringify(collected),
      JSON.stringify(inventory),
      ...REPORT_FORMATS.map((format) => renderReport(report, format, { color: false, showPassed: true })),
    ];
    for (const output of outputs) {
      for (const value of [...Object.values(PLANTED), LEAKY_USER_DATA, LEAKY_SCRIPT]) {
        expect(output).not.toContain(value);
      }
    }
    expect(outputs.at(-1)?.length).toBeGreaterThan(0);
  });

  it('stops at the call budget, instances by id, and counts the rest', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instances('i-c', 'i-a', 'i-b'));
    ec2.on(DescribeInstanceAttributeCommand).resolves({});
    const { context, progressLines } = buildCollectContext({ regions: ['us-east-1'], budgets: { userDataCalls: 2 } });

    const data = okData(regionResult(await ec2UserDataSecretsCollector.collect(context), 'us-east-1'));

    expect(ec2.commandCalls(DescribeInstanceAttributeCommand).map((c) => c.args[0].input.InstanceId).sort()).toEqual(['i-a', 'i-b']);
    expect(data.instances.map((i) => i.instanceId)).toEqual(['i-a', 'i-b']);
    expect(data.skippedByBudget).toBe(1);
    expect(progressLines.at(-1)).toContain('1 instance not read (budget 2, raise --max-user-data-calls)');
  });

  it('fails one instance on AccessDenied or throttling, and the region when the listing is denied', async () => {
    ec2.on(DescribeInstancesCommand).callsFake(async (_input, getClient) => {
      const name = await getClient().config.region();
      if (name === 'eu-west-1') throw ec2Error('UnauthorizedOperation', 403);
      return instances('i-denied', 'i-slow');
    });
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-denied' }).rejects(ec2Error('UnauthorizedOperation', 403));
    ec2.on(DescribeInstanceAttributeCommand, { InstanceId: 'i-slow' }).rejects(ec2Error('RequestLimitExceeded', 503, 3));
    const { context } = buildCollectContext({ regions: ['us-east-1', 'eu-west-1'] });

    const result = await ec2UserDataSecretsCollector.collect(context);

    expect(regionResult(result, 'eu-west-1')).toMatchObject({ ok: false, error: { code: 'UnauthorizedOperation', action: 'ec2:DescribeInstances' } });
    const scans = okData(regionResult(result, 'us-east-1')).instances.map((i) => i.scan);
    expect(scans).toEqual([
      { ok: false, error: { code: 'UnauthorizedOperation', message: 'access denied: the scanning identity lacks ec2:DescribeInstanceAttribute', action: 'ec2:DescribeInstanceAttribute' } },
      { ok: false, error: { code: 'RequestLimitExceeded', message: 'throttled by AWS after all retries (ec2:DescribeInstanceAttribute)', action: 'ec2:DescribeInstanceAttribute' } },
    ]);
  });

  it('records undecodable user data as that instance\'s failure', async () => {
    ec2.on(DescribeInstancesCommand).resolves(instances('i-corrupt'));
    ec2.on(DescribeInstanceAttributeCommand).resolves({ UserData: { Value: Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x42, 0x42]).toString('base64') } });
    const { context } = buildCollectContext({ regions: ['us-east-1'] });

    const [scanned] = okData(regionResult(await ec2UserDataSecretsCollector.collect(context), 'us-east-1')).instances;

    expect(scanned?.scan).toMatchObject({ ok: false, error: { code: 'UndecodableUserData' } });
  });
});
