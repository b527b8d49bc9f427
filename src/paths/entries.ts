/**
 * Entry points: where the catalog's attackers came in. Each kind is found where the report's checks
 * already judged it, with the inventory for what no check decides:
 *
 * - access-key: every IAM user (and the root user) with an active access key in the credential
 *   report. That a key can leak is the premise, not a finding, so passing key checks do not remove
 *   it; but when the key findings on that user exist and every one is suppressed, the risk was
 *   accepted and it is not an entry point.
 * - internet-instance: an instance whose metadata service answers IMDSv1, with a public address,
 *   TCP open to the whole internet and an instance profile (the Capital One chain, computed from the
 *   inventory as ec2-capital-one-path does), provided a judging check (ec2-capital-one-path,
 *   ec2-imdsv1-enabled) has an open finding on it or none has a result for it at all.
 * - external-trust: the open findings of iam-role-trust-external; when that check is not in the
 *   report at all, the roles whose trust policy admits, without a condition, anyone or an account
 *   other than this one and `--trusted-accounts`.
 * - public-bucket / public-snapshot: the open findings of s3-bucket-public-read, s3-bucket-public-write
 *   and ebs-snapshot-public (only those checks judge public access; the inventory alone does not).
 *
 * Suppressed findings never make an entry point; passing, unknown and not_applicable ones neither.
 */
import { isLive } from '../checks/instances.js';
import type { Instance, Inventory, SecurityGroupsRegion, Collected } from '../inventory/schema.js';
import { ROOT_ACCOUNT_USER } from '../inventory/schema.js';
import { groupRules, prefixListLookup, tcpInternetExposure, type LabelledRule } from '../policy/security-groups.js';
import type { StoreAccess } from '../policy/reach-types.js';
import type { EntryKind, EntryPoint } from '../report/paths-schema.js';
import type { Report, Result } from '../report/schema.js';
import { externalTrust } from './trust.js';

export const KEY_CHECKS = ['iam-user-keys-privileged', 'iam-access-key-rotation', 'iam-access-key-unused', 'iam-root-access-keys'] as const;
export const INSTANCE_CHECKS = ['ec2-capital-one-path', 'ec2-imdsv1-enabled'] as const;
export const EXTERNAL_TRUST_CHECK = 'iam-role-trust-external';
export const PUBLIC_BUCKET_CHECKS: Readonly<Record<string, StoreAccess>> = { 's3-bucket-public-read': 'read', 's3-bucket-public-write': 'write' };
export const PUBLIC_SNAPSHOT_CHECK = 'ebs-snapshot-public';

/** The check whose top incident tells an entry's story when no finding of its own names one. */
export const STORY_CHECK: Readonly<Record<EntryKind, string>> = {
  'access-key': 'iam-user-keys-privileged',
  'internet-instance': 'ec2-capital-one-path',
  'external-trust': EXTERNAL_TRUST_CHECK,
  'public-bucket': 's3-bucket-public-read',
  'public-snapshot': PUBLIC_SNAPSHOT_CHECK,
};

/** An entry point with where it leads first: the principals it hands over, or the public store. */
export interface Entry {
  point: EntryPoint;
  /** access-key: the user (or root); internet-instance: the profile's roles; external-trust: the role. */
  principals: readonly { arn: string; kind: 'user' | 'role' | 'root'; name: string }[];
  /** external-trust from trust policies: who is trusted, for the story ("account 210987654321"). */
  from?: string;
  /** public-bucket / public-snapshot: what anyone can do to it. */
  publicAccess?: readonly StoreAccess[];
}

export interface IncidentRef {
  id: string;
  name: string;
}

/** The catalog as paths need it: a name by id, and the incident a check matches first. */
export interface IncidentLookup {
  name(id: string): string | undefined;
  topOf(checkId: string): IncidentRef | null;
}

const isOpen = (result: Result): boolean => result.status === 'fail' && result.suppression === undefined;
const isSuppressed = (result: Result): boolean => result.status === 'fail' && result.suppression !== undefined;

/** Open findings of the checks on the resource; null when none of the checks has any result for it. */
function judged(byResource: ReadonlyMap<string, Result[]>, resource: string, checks: readonly string[]): { open: Result[]; suppressed: Result[] } | null {
  const mine = (byResource.get(resource) ?? []).filter((result) => checks.includes(result.checkId));
  if (mine.length === 0) return null;
  return { open: mine.filter(isOpen), suppressed: mine.filter(isSuppressed) };
}

/** Who the story says comes in: "account 210987654321", "anyone", "2 outside parties". */
function storyParty(parties: readonly string[]): string | undefined {
  if (parties.length === 0) return undefined;
  if (parties.length > 1) return `${parties.length} outside parties`;
  return parties[0] === '*' ? 'anyone' : parties[0];
}

const lastSegment = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/**
 * The same reading of the instance's groups as ec2-capital-one-path: rules pooled across groups,
 * TCP from the whole internet (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html).
 */
function internetOpen(instance: Instance, groups: Collected<SecurityGroupsRegion> | undefined): boolean {
  if (groups === undefined || !groups.ok) return false;
  const pooled: LabelledRule[] = [];
  for (const id of instance.securityGroupIds) {
    const group = groups.data.securityGroups.find((candidate) => candidate.id === id);
    if (group !== undefined) pooled.push(...groupRules(group, group.id));
  }
  return tcpInternetExposure(pooled, prefixListLookup(groups.data.prefixLists)).open.length > 0;
}

/** IMDSv1 answers unless tokens are required or the endpoint is off (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html). */
function answersImdsV1(instance: Instance): boolean {
  return instance.metadataOptions.httpEndpoint !== 'disabled' && instance.metadataOptions.httpTokens !== 'required';
}

export function findEntries(report: Pick<Report, 'results' | 'options'>, inventory: Inventory, incidents: IncidentLookup): Entry[] {
  const byResource = new Map<string, Result[]>();
  for (const result of report.results) byResource.set(result.resource, [...(byResource.get(result.resource) ?? []), result]);
  const story = (kind: EntryKind, open: readonly Result[]): IncidentRef | null => {
    const top = open.flatMap((result) => result.incidents.slice(0, 1))[0];
    if (top !== undefined) return { id: top.id, name: incidents.name(top.id) ?? top.id };
    return incidents.topOf(STORY_CHECK[kind]);
  };
  const point = (kind: EntryKind, resource: string, name: string, region: string, detail: string, open: readonly Result[]): EntryPoint => {
    const entry: EntryPoint = { resource, kind, name, region, detail, checks: [...new Set(open.map((result) => result.checkId))] };
    const incident = story(kind, open);
    if (incident !== null) entry.incident = incident;
    return entry;
  };
  const entries: Entry[] = [];

  const rows = inventory.slices.credentialReport?.ok === true ? inventory.slices.credentialReport.data.rows : [];
  for (const row of rows) {
    const active = row.accessKeys.filter((key) => key.active);
    if (active.length === 0) continue;
    const verdict = judged(byResource, row.arn, KEY_CHECKS);
    if (verdict !== null && verdict.open.length === 0 && verdict.suppressed.length > 0) continue;
    const root = row.user === ROOT_ACCOUNT_USER;
    const name = root ? 'root' : row.user;
    const detail = `${active.length} active access key${active.length === 1 ? '' : 's'}${root ? ' of the root user' : ''}`;
    entries.push({ point: point('access-key', row.arn, name, 'global', detail, verdict?.open ?? []), principals: [{ arn: row.arn, kind: root ? 'root' : 'user', name }] });
  }

  const ec2 = inventory.slices.ec2Instances?.ok === true ? inventory.slices.ec2Instances.data : [];
  const groupsByRegion = new Map((inventory.slices.ec2SecurityGroups?.ok === true ? inventory.slices.ec2SecurityGroups.data : []).map((entry) => [entry.region, entry.result]));
  const profiles = inventory.slices.authorizationDetails?.ok === true ? inventory.slices.authorizationDetails.data.instanceProfiles : [];
  for (const { region, result } of ec2) {
    if (!result.ok) continue;
    for (const instance of result.data.instances) {
      if (!isLive(instance) || instance.instanceProfileArn === null || instance.publicIp === null || !answersImdsV1(instance)) continue;
      if (!internetOpen(instance, groupsByRegion.get(region))) continue;
      const verdict = judged(byResource, instance.arn, INSTANCE_CHECKS);
      if (verdict !== null && verdict.open.length === 0) continue;
      const roles = profiles.find((profile) => profile.arn === instance.instanceProfileArn)?.roleArns ?? [];
      if (roles.length === 0) continue;
      const detail = `IMDSv1, public IP ${instance.publicIp}, open to the internet`;
      entries.push({ point: point('internet-instance', instance.arn, instance.id, region, detail, verdict?.open ?? []), principals: roles.map((arn) => ({ arn, kind: 'role' as const, name: lastSegment(arn) })) });
    }
  }

  const trustResults = report.results.filter((result) => result.checkId === EXTERNAL_TRUST_CHECK);
  const roles = inventory.slices.authorizationDetails?.ok === true ? inventory.slices.authorizationDetails.data.roles : [];
  if (trustResults.length > 0) {
    for (const result of trustResults.filter(isOpen)) {
      const name = lastSegment(result.resource);
      const role = roles.find((candidate) => candidate.arn === result.resource);
      const from = role === undefined ? undefined : storyParty(externalTrust(role, report.options.trustedAccounts));
      entries.push({ point: point('external-trust', result.resource, name, result.region, result.message, [result]), principals: [{ arn: result.resource, kind: 'role', name }], ...(from === undefined ? {} : { from }) });
    }
  } else {
    for (const role of roles) {
      const parties = externalTrust(role, report.options.trustedAccounts);
      if (parties.length === 0) continue;
      const detail = `trusted by ${parties.map((party) => (party === '*' ? 'anyone' : party)).join(', ')}`;
      const from = storyParty(parties);
      entries.push({ point: point('external-trust', role.arn, role.name, 'global', detail, []), principals: [{ arn: role.arn, kind: 'role', name: role.name }], ...(from === undefined ? {} : { from }) });
    }
  }

  const publicBuckets = new Map<string, { result: Result; access: StoreAccess[]; open: Result[] }>();
  for (const result of report.results.filter(isOpen)) {
    const access = PUBLIC_BUCKET_CHECKS[result.checkId];
    if (access !== undefined) {
      const known = publicBuckets.get(result.resource) ?? { result, access: [], open: [] };
      known.access.push(access);
      known.open.push(result);
      publicBuckets.set(result.resource, known);
    } else if (result.checkId === PUBLIC_SNAPSHOT_CHECK) {
      const name = lastSegment(result.resource);
      entries.push({ point: point('public-snapshot', result.resource, name, result.region, 'anyone can create a volume from it', [result]), principals: [], publicAccess: ['read', 'copy'] });
    }
  }
  for (const [resource, { result, access, open }] of publicBuckets) {
    const name = resource.slice(resource.lastIndexOf(':') + 1);
    const ordered = (['read', 'write'] as const).filter((kind) => access.includes(kind));
    entries.push({ point: point('public-bucket', resource, name, result.region, `anyone can ${ordered.join(' and ')} objects`, open), principals: [], publicAccess: ordered });
  }
  return entries;
}
