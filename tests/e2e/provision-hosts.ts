/**
 * Provisioning helpers for the host-level scenarios (exposed hosts, AMIs, user data): security
 * groups with given ingress rules, instances with any mix of AMI, groups, profile, IMDS setting and
 * user data, and AMIs made from an instance. Each sets up a breach precondition or its safe twin.
 */
import { gzipSync } from 'node:zlib';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateImageCommand,
  CreateManagedPrefixListCommand,
  CreateSecurityGroupCommand,
  ModifyImageAttributeCommand,
  RunInstancesCommand,
  type EC2Client,
  type IpPermission,
} from '@aws-sdk/client-ec2';

/** Any AMI id works on the e2e server (it loads no default AMIs and does not validate the id). */
export const PLACEHOLDER_AMI = 'ami-12c6146b';

export interface IngressRule {
  port: number;
  /** Defaults to `port`. */
  toPort?: number;
  ipv4?: string[];
  ipv6?: string[];
  /** Managed prefix list ids (`pl-…`) the rule admits. */
  prefixListIds?: string[];
}

function toPermission(rule: IngressRule): IpPermission {
  return {
    IpProtocol: 'tcp',
    FromPort: rule.port,
    ToPort: rule.toPort ?? rule.port,
    IpRanges: (rule.ipv4 ?? []).map((cidr) => ({ CidrIp: cidr })),
    Ipv6Ranges: (rule.ipv6 ?? []).map((cidr) => ({ CidrIpv6: cidr })),
    ...(rule.prefixListIds === undefined ? {} : { PrefixListIds: rule.prefixListIds.map((id) => ({ PrefixListId: id })) }),
  };
}

/** A customer-managed IPv4 prefix list holding these CIDRs. Returns its id. */
export async function prefixList(ec2: EC2Client, name: string, cidrs: readonly string[]): Promise<string> {
  const created = await ec2.send(
    new CreateManagedPrefixListCommand({ PrefixListName: name, AddressFamily: 'IPv4', MaxEntries: Math.max(1, cidrs.length), Entries: cidrs.map((cidr) => ({ Cidr: cidr })) }),
  );
  const id = created.PrefixList?.PrefixListId;
  if (id === undefined) throw new Error('CreateManagedPrefixList returned no id');
  return id;
}

/** A security group in the region's default VPC with these TCP ingress rules. Returns its id. */
export async function securityGroup(ec2: EC2Client, name: string, rules: readonly IngressRule[]): Promise<string> {
  const created = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `e2e ${name}` }));
  const id = created.GroupId ?? '';
  if (rules.length > 0) await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: rules.map(toPermission) }));
  return id;
}

export interface InstanceSpec {
  imageId?: string;
  httpTokens?: 'optional' | 'required';
  instanceProfile?: string;
  securityGroupIds?: string[];
  /** The user data exactly as RunInstances takes it: base64 (see `gzippedUserData`). */
  userData?: string;
}

/** One instance in the default VPC (which gives it a public IP, as AWS does by default). Returns its id. */
export async function runInstance(ec2: EC2Client, spec: InstanceSpec = {}): Promise<string> {
  const run = await ec2.send(
    new RunInstancesCommand({
      ImageId: spec.imageId ?? PLACEHOLDER_AMI,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      MetadataOptions: { HttpTokens: spec.httpTokens ?? 'required', HttpEndpoint: 'enabled' },
      ...(spec.instanceProfile === undefined ? {} : { IamInstanceProfile: { Name: spec.instanceProfile } }),
      ...(spec.securityGroupIds === undefined ? {} : { SecurityGroupIds: spec.securityGroupIds }),
      ...(spec.userData === undefined ? {} : { UserData: spec.userData }),
    }),
  );
  const id = run.Instances?.[0]?.InstanceId;
  if (id === undefined) throw new Error('RunInstances returned no instance');
  return id;
}

/** User data the way cloud-init accepts it when it would not fit otherwise: gzip, then base64. */
export function gzippedUserData(script: string): string {
  return gzipSync(Buffer.from(script, 'utf8')).toString('base64');
}

/** User data as plain base64 text. */
export function plainUserData(script: string): string {
  return Buffer.from(script, 'utf8').toString('base64');
}

/** An AMI made from a fresh instance of this account, made public (a community AMI) when asked. */
export async function createImage(ec2: EC2Client, name: string, visibility: 'private' | 'public'): Promise<string> {
  const source = await runInstance(ec2);
  const image = await ec2.send(new CreateImageCommand({ InstanceId: source, Name: name }));
  const id = image.ImageId;
  if (id === undefined) throw new Error('CreateImage returned no image id');
  if (visibility === 'public') {
    await ec2.send(new ModifyImageAttributeCommand({ ImageId: id, LaunchPermission: { Add: [{ Group: 'all' }] } }));
  }
  return id;
}
