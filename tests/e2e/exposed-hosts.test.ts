/**
 * Hosts the internet can reach. The whole Capital One chain on one instance (HTTPS open to the
 * world, a public IP, IMDSv1, a role that reads every bucket) next to two instances that each
 * break one link (IMDSv2 required; HTTPS only from the VPC range). And administrative ports open
 * to the world (SSH from 0.0.0.0/0, the kubelet from ::/0, as in the TeamTNT and Tesla cases) next
 * to a group that opens only HTTPS and keeps SSH to an office range.
 */
import { AddRoleToInstanceProfileCommand, AttachRolePolicyCommand, CreateInstanceProfileCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { cliEnvironment, e2eServer, findResult, HOME_REGION, reportOf, runCli, Scenario } from './harness.js';
import { EC2_TRUST_POLICY } from './provision.js';
import { runInstance, securityGroup } from './provision-hosts.js';

const server = e2eServer();

const CHECKS = ['ec2-capital-one-path', 'ec2-security-group-admin-ports-open'];

describe.skipIf(!server.available)('EC2: the Capital One chain and administrative ports open to the internet', () => {
  let scenario: Scenario;
  let report: Report;
  const groups = { wafHttps: '', intranetHttps: '', adminOpen: '', unusedSsh: '', webOnly: '' };
  const instances = { capitalOne: '', imdsv2: '', intranet: '', adminHost: '', webHost: '' };

  const instanceArn = (id: string) => `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:instance/${id}`;
  const groupArn = (id: string) => `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:security-group/${id}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'exposed-hosts');
    const ec2 = scenario.ec2(HOME_REGION);
    // The WAF's role reads every bucket, as Capital One's did.
    await scenario.iam.send(new CreateRoleCommand({ RoleName: 'waf', AssumeRolePolicyDocument: EC2_TRUST_POLICY }));
    await scenario.iam.send(new AttachRolePolicyCommand({ RoleName: 'waf', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    await scenario.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'waf' }));
    await scenario.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'waf', RoleName: 'waf' }));

    [groups.wafHttps, groups.intranetHttps, groups.adminOpen, groups.unusedSsh, groups.webOnly] = await Promise.all([
      securityGroup(ec2, 'waf-https', [{ port: 443, ipv4: ['0.0.0.0/0'] }]),
      securityGroup(ec2, 'intranet-https', [{ port: 443, ipv4: ['10.0.0.0/16'] }]),
      securityGroup(ec2, 'admin-open', [
        { port: 22, ipv4: ['0.0.0.0/0'] },
        { port: 10250, ipv6: ['::/0'] },
      ]),
      securityGroup(ec2, 'unused-ssh', [{ port: 22, ipv4: ['0.0.0.0/0'] }]),
      securityGroup(ec2, 'web-only', [
        { port: 443, ipv4: ['0.0.0.0/0'], ipv6: ['::/0'] },
        { port: 22, ipv4: ['198.51.100.0/24'] },
      ]),
    ]);
    [instances.capitalOne, instances.imdsv2, instances.intranet, instances.adminHost, instances.webHost] = await Promise.all([
      runInstance(ec2, { instanceProfile: 'waf', securityGroupIds: [groups.wafHttps], httpTokens: 'optional' }),
      runInstance(ec2, { instanceProfile: 'waf', securityGroupIds: [groups.wafHttps], httpTokens: 'required' }),
      runInstance(ec2, { instanceProfile: 'waf', securityGroupIds: [groups.intranetHttps], httpTokens: 'optional' }),
      runInstance(ec2, { securityGroupIds: [groups.adminOpen] }),
      runInstance(ec2, { securityGroupIds: [groups.webOnly] }),
    ]);
    report = reportOf(await scenario.scan(['--region', HOME_REGION, '--checks', CHECKS.join(',')]));
  });
  afterAll(() => scenario?.destroy());

  it('fails the whole chain once, critical, with each link in the evidence and Capital One first', () => {
    const chain = findResult(report, 'ec2-capital-one-path', instanceArn(instances.capitalOne));
    expect(chain.status).toBe('fail');
    expect(chain.severity).toBe('critical');
    expect(chain.incidents[0]?.id).toBe('capital-one-2019-04');
    expect(chain.evidence).toMatchObject({ imdsV1Reachable: true, httpTokens: 'optional', securityGroupIds: [groups.wafHttps] });
    expect(chain.evidence['publicIp']).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(chain.evidence['privilegeKinds']).toContain('data-wide');
    expect(chain.evidence['chain']).toEqual([
      expect.stringMatching(/^IMDSv1: yes/),
      expect.stringMatching(/^public address: yes/),
      expect.stringMatching(/^internet ingress: yes .*tcp 443 from 0\.0\.0\.0\/0/),
      expect.stringMatching(/^privileged role: yes .*AmazonS3FullAccess/),
    ]);
  });

  it('passes the same instance with IMDSv2 required, naming the broken link', () => {
    const result = findResult(report, 'ec2-capital-one-path', instanceArn(instances.imdsv2));
    expect(result.status).toBe('pass');
    expect(result.message).toContain('IMDSv2 session tokens are required');
  });

  it('passes the same instance when HTTPS is open only to 10.0.0.0/16', () => {
    const result = findResult(report, 'ec2-capital-one-path', instanceArn(instances.intranet));
    expect(result.status).toBe('pass');
    expect(result.message).toContain('no security group rule, alone or with the others, admits TCP from the whole internet');
  });

  it('fails SSH from 0.0.0.0/0 and the kubelet from ::/0 on a public instance at critical, naming its address', () => {
    const result = findResult(report, 'ec2-security-group-admin-ports-open', groupArn(groups.adminOpen));
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('critical');
    expect(result.evidence).toMatchObject({
      exposedPorts: ['22 (SSH)', '10250 (kubelet API)'],
      sources: expect.arrayContaining(['0.0.0.0/0', '::/0']) as unknown,
      usedByRunningInstances: [instances.adminHost],
      usedByPublicInstances: [instances.adminHost],
    });
    expect(result.message).toMatch(new RegExp(`Used by running instance ${instances.adminHost} \\(public IP \\d+\\.\\d+\\.\\d+\\.\\d+\\)\\.`));
    expect(result.incidents.length).toBeGreaterThan(0);
  });

  it('fails an open SSH group that no instance uses at its base severity', () => {
    const result = findResult(report, 'ec2-security-group-admin-ports-open', groupArn(groups.unusedSsh));
    expect(result.status).toBe('fail');
    expect(result.severity).toBe('high');
    expect(result.evidence['usedByRunningInstances']).toEqual([]);
  });

  it('passes a group that opens only HTTPS to the world and SSH to an office range', () => {
    const result = findResult(report, 'ec2-security-group-admin-ports-open', groupArn(groups.webOnly));
    expect(result.status).toBe('pass');
    expect(result.evidence['exposedPorts']).toEqual([]);
    expect(findResult(report, 'ec2-security-group-admin-ports-open', groupArn(groups.wafHttps)).status).toBe('pass');
  });

  it('permissions --checks ec2-security-group-admin-ports-open prints only the EC2 reads that check needs', async () => {
    const printed = await runCli(['permissions', '--checks', 'ec2-security-group-admin-ports-open'], cliEnvironment(server.endpoint, scenario.credentials));
    expect(printed.exitCode).toBe(0);
    const policy = JSON.parse(printed.stdout) as { Statement: { Action: string[] }[] };
    const actions = policy.Statement.flatMap((statement) => statement.Action);
    // The check's two slices, plus what every scan sends (caller, regions, account alias).
    expect(actions).toEqual([
      'ec2:DescribeInstances',
      'ec2:DescribeManagedPrefixLists',
      'ec2:DescribeRegions',
      'ec2:DescribeSecurityGroups',
      'ec2:GetManagedPrefixListEntries',
      'iam:ListAccountAliases',
      'sts:GetCallerIdentity',
    ]);
  });
});
