/**
 * "Open to the internet" beyond 0.0.0.0/0: split ranges that add up to the whole internet, and
 * managed prefix lists read as the union of their entries. Each opening sits next to its safe twin
 * (halves on different ports, an office-only list, AWS's own S3 list), and a rule naming a prefix
 * list that no longer exists is unknown, never pass. The scan reads one DescribeManagedPrefixLists
 * for the region and the entries of the referenced lists only.
 */
import { DeleteManagedPrefixListCommand, DescribeManagedPrefixListsCommand } from '@aws-sdk/client-ec2';
import { AddRoleToInstanceProfileCommand, AttachRolePolicyCommand, CreateInstanceProfileCommand, CreateRoleCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/schema.js';
import { callsOf, e2eServer, findResult, HOME_REGION, reportOf, Scenario } from './harness.js';
import { EC2_TRUST_POLICY } from './provision.js';
import { prefixList, runInstance, securityGroup } from './provision-hosts.js';

const server = e2eServer();

const CHECKS = ['ec2-capital-one-path', 'ec2-security-group-admin-ports-open'];
const ADMIN = 'ec2-security-group-admin-ports-open';

describe.skipIf(!server.available)('security groups: split ranges and managed prefix lists', () => {
  let scenario: Scenario;
  let report: Report;
  const lists = { halves: '', office: '', gone: '', s3: '' };
  const groups = { splitSsh: '', splitApart: '', listSsh: '', officeRdp: '', s3All: '', goneList: '', lowHalf: '', highHalf: '' };
  let webInstance = '';

  const groupArn = (id: string) => `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:security-group/${id}`;

  beforeAll(async () => {
    scenario = await Scenario.create(server.endpoint, 'sg-prefix-lists');
    const ec2 = scenario.ec2(HOME_REGION);
    [lists.halves, lists.office, lists.gone] = await Promise.all([
      prefixList(ec2, 'everyone-in-two-halves', ['0.0.0.0/1', '128.0.0.0/1']),
      prefixList(ec2, 'office', ['198.51.100.0/24', '52.94.10.0/24']),
      prefixList(ec2, 'retired', ['0.0.0.0/0']),
    ]);
    const described = await ec2.send(new DescribeManagedPrefixListsCommand({}));
    lists.s3 = described.PrefixLists?.find((list) => list.PrefixListName === `com.amazonaws.${HOME_REGION}.s3`)?.PrefixListId ?? '';
    expect(lists.s3).toMatch(/^pl-/);

    [groups.splitSsh, groups.splitApart, groups.listSsh, groups.officeRdp, groups.s3All, groups.goneList, groups.lowHalf, groups.highHalf] = await Promise.all([
      securityGroup(ec2, 'split-ssh', [{ port: 22, ipv4: ['0.0.0.0/1'] }, { port: 20, toPort: 30, ipv4: ['128.0.0.0/1'] }]),
      securityGroup(ec2, 'split-apart', [{ port: 22, ipv4: ['0.0.0.0/1'] }, { port: 3389, ipv4: ['128.0.0.0/1'] }]),
      securityGroup(ec2, 'list-ssh', [{ port: 22, prefixListIds: [lists.halves] }]),
      securityGroup(ec2, 'office-rdp', [{ port: 3389, prefixListIds: [lists.office] }]),
      securityGroup(ec2, 's3-all-ports', [{ port: 0, toPort: 65535, prefixListIds: [lists.s3] }]),
      securityGroup(ec2, 'gone-list', [{ port: 6443, prefixListIds: [lists.gone] }]),
      securityGroup(ec2, 'low-half-https', [{ port: 443, ipv4: ['0.0.0.0/1'] }]),
      securityGroup(ec2, 'high-half-https', [{ port: 443, ipv4: ['128.0.0.0/1'] }]),
    ]);
    // Retire a list a rule still names: moto forgets it after one more listing, as AWS forgets a deleted list.
    await ec2.send(new DeleteManagedPrefixListCommand({ PrefixListId: lists.gone }));
    await ec2.send(new DescribeManagedPrefixListsCommand({}));

    // The Capital One chain whose internet link is two groups, each with half of the internet on 443.
    await scenario.iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: EC2_TRUST_POLICY }));
    await scenario.iam.send(new AttachRolePolicyCommand({ RoleName: 'web', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' }));
    await scenario.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await scenario.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'web' }));
    webInstance = await runInstance(ec2, { instanceProfile: 'web', securityGroupIds: [groups.lowHalf, groups.highHalf], httpTokens: 'optional' });

    report = reportOf(await scenario.scan(['--region', HOME_REGION, '--checks', CHECKS.join(',')]));
  });
  afterAll(() => scenario?.destroy());

  it('moto round-trips prefix list references in IpPermissions (the premise of the rest)', () => {
    expect(findResult(report, ADMIN, groupArn(groups.listSsh)).evidence['worldOpenRules']).toEqual([
      `tcp 22 from ${lists.halves} (everyone-in-two-halves): 0.0.0.0/1, 128.0.0.0/1`,
    ]);
  });

  it('fails SSH open through two rules whose halves add up to the internet', () => {
    const result = findResult(report, ADMIN, groupArn(groups.splitSsh));
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ exposedPorts: ['22 (SSH)'], rulesPooled: true, sources: ['0.0.0.0/1', '128.0.0.0/1'] });
    expect(result.message).toContain('cover every internet address');
  });

  it('passes halves that sit on different ports', () => {
    const result = findResult(report, ADMIN, groupArn(groups.splitApart));
    expect(result.status).toBe('pass');
    expect(result.evidence['exposedPorts']).toEqual([]);
  });

  it('fails SSH from a customer prefix list whose entries are the whole internet', () => {
    const result = findResult(report, ADMIN, groupArn(groups.listSsh));
    expect(result.status).toBe('fail');
    expect(result.evidence).toMatchObject({ exposedPorts: ['22 (SSH)'], sources: [lists.halves] });
  });

  it('passes an office-only list and AWS\'s S3 list, even on every port', () => {
    expect(findResult(report, ADMIN, groupArn(groups.officeRdp)).status).toBe('pass');
    expect(findResult(report, ADMIN, groupArn(groups.s3All)).status).toBe('pass');
  });

  it('is unknown, naming the action, for a rule whose prefix list can no longer be read', () => {
    const result = findResult(report, ADMIN, groupArn(groups.goneList));
    expect(result.status).toBe('unknown');
    expect(result.evidence).toMatchObject({ uncertainPorts: ['6443 (Kubernetes API)'], missingAction: 'ec2:DescribeManagedPrefixLists' });
    expect(result.message).toContain(lists.gone);
  });

  it('completes the Capital One chain when two groups on the instance each admit half of the internet on 443', () => {
    const result = findResult(report, 'ec2-capital-one-path', `arn:aws:ec2:${HOME_REGION}:${scenario.accountId}:instance/${webInstance}`);
    expect(result.status).toBe('fail');
    expect(result.evidence['worldOpenRules']).toEqual([`${groups.lowHalf}: tcp 443 from 0.0.0.0/1`, `${groups.highHalf}: tcp 443 from 128.0.0.0/1`]);
    // The half-open groups alone open no admin port.
    expect(findResult(report, ADMIN, groupArn(groups.lowHalf)).status).toBe('pass');
  });

  it('lists the region\'s prefix lists once and reads entries only for the referenced, visible lists', () => {
    expect(callsOf(report, 'ec2', 'DescribeManagedPrefixLists')).toBe(1);
    // halves, office, S3; the retired list is not asked for.
    expect(callsOf(report, 'ec2', 'GetManagedPrefixListEntries')).toBe(3);
  });
});
