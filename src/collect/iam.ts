/**
 * IAM collectors: the credential report, the account summary and one paginated
 * GetAccountAuthorizationDetails. Never one call per user or per role.
 */
import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import type {
  AttachedPolicy as SdkAttachedPolicy,
  GetAccountAuthorizationDetailsCommandOutput,
  GroupDetail,
  ManagedPolicyDetail,
  PolicyDetail,
  RoleDetail,
  UserDetail,
} from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import type {
  AttachedPolicy,
  AuthorizationDetails,
  CredentialReportKey,
  CredentialReportRow,
  IamGroup,
  IamRole,
  IamUser,
  InlinePolicy,
  InstanceProfile,
  ManagedPolicy,
} from '../inventory/schema.js';
import type { CollectContext, SliceCollector } from './types.js';
import { sdkErrorShape } from './sdk-error.js';

// ---------------------------------------------------------------- credential report

export interface CredentialReportPolling {
  /** Total GenerateCredentialReport rounds before giving up. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

const defaultPolling: CredentialReportPolling = {
  maxAttempts: 10,
  initialDelayMs: 250,
  maxDelayMs: 4_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Error names meaning "no usable report yet": the SDK's modelled names and the raw query-protocol
 * codes (an emulator or an older SDK may surface either).
 */
const REPORT_PENDING_ERRORS = new Set([
  'CredentialReportNotPresentException',
  'CredentialReportNotReadyException',
  'CredentialReportExpiredException',
  'ReportNotPresent',
  'ReportInProgress',
  'ReportExpired',
]);

/** Generate refuses while AWS is still building the previous request's report: keep waiting. */
const GENERATION_BUSY_ERRORS = new Set(['ReportGenerationLimitExceededException', 'ReportGenerationLimitExceeded']);

export function createCredentialReportCollector(
  polling: Partial<CredentialReportPolling> = {},
): SliceCollector<'credentialReport'> {
  const { maxAttempts, initialDelayMs, maxDelayMs, sleep } = { ...defaultPolling, ...polling };
  return {
    slice: 'credentialReport',
    collect: async (context) => {
      const iam = context.clients.iam();
      let delayMs = initialDelayMs;
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        // Generate on every round: it is cheap, returns COMPLETE while a fresh report exists, and
        // starts a new one when the last one expired. The report's GeneratedTime is never used to
        // judge freshness because emulators hard-code it.
        const state = await generateReport(context);
        if (state !== 'STARTED' && state !== 'INPROGRESS') {
          try {
            const report = await context.limit(() => iam.send(new GetCredentialReportCommand({})));
            return {
              generatedAt: report.GeneratedTime === undefined ? null : report.GeneratedTime.toISOString(),
              rows: parseCredentialReport(decodeReportContent(report.Content)),
            };
          } catch (error) {
            if (!REPORT_PENDING_ERRORS.has(sdkErrorShape(error).name ?? '')) throw error;
          }
        }
        if (attempt < maxAttempts) {
          context.progress(`waiting for the IAM credential report (${attempt}/${maxAttempts})`);
          await sleep(delayMs);
          delayMs = Math.min(delayMs * 2, maxDelayMs);
        }
      }
      throw new Error(`the IAM credential report was still not ready after ${maxAttempts} attempts; gave up waiting`);
    },
  };
}

async function generateReport(context: CollectContext): Promise<string | undefined> {
  try {
    const response = await context.limit(() => context.clients.iam().send(new GenerateCredentialReportCommand({})));
    return response.State;
  } catch (error) {
    if (GENERATION_BUSY_ERRORS.has(sdkErrorShape(error).name ?? '')) return 'INPROGRESS';
    throw error;
  }
}

export const credentialReportCollector: SliceCollector<'credentialReport'> = createCredentialReportCollector();

/** The SDK hands `Content` over as bytes; a JSON round trip (fixtures, other tools) leaves base64. */
export function decodeReportContent(content: Uint8Array | string | undefined): string {
  if (content === undefined) throw new Error('iam:GetCredentialReport returned no content');
  if (typeof content !== 'string') return Buffer.from(content).toString('utf8');
  // Base64 never starts with "user,", so a report that was already decoded is recognised safely.
  if (content.startsWith('user,')) return content;
  return Buffer.from(content, 'base64').toString('utf8');
}

/** Values AWS (and emulators) print where a column has nothing to say. */
const NO_VALUE = new Set(['', 'N/A', 'no_information', 'not_supported']);

function textOrNull(value: string | undefined): string | null {
  return value === undefined || NO_VALUE.has(value) ? null : value;
}

function dateOrNull(value: string | undefined): string | null {
  const text = textOrNull(value);
  if (text === null) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function booleanOrNull(value: string | undefined): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

function accessKeySlot(row: Record<string, string>, slot: 1 | 2): CredentialReportKey | null {
  const prefix = `access_key_${slot}_`;
  const active = row[`${prefix}active`] === 'true';
  const lastRotated = dateOrNull(row[`${prefix}last_rotated`]);
  // An inactive slot with no rotation date never held a key.
  if (!active && lastRotated === null) return null;
  return {
    slot,
    active,
    lastRotated,
    lastUsed: dateOrNull(row[`${prefix}last_used_date`]),
    lastUsedService: textOrNull(row[`${prefix}last_used_service`]),
    lastUsedRegion: textOrNull(row[`${prefix}last_used_region`]),
  };
}

/** Parses the report CSV. Only dates, flags and names are kept; the report holds no secret. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const records = parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true, bom: true, trim: true });
  return records.map((row) => {
    const user = row['user'];
    const arn = row['arn'];
    if (user === undefined || arn === undefined) throw new Error('the IAM credential report has no user or arn column');
    const accessKeys = [accessKeySlot(row, 1), accessKeySlot(row, 2)].filter((key) => key !== null);
    return {
      user,
      arn,
      userCreationTime: dateOrNull(row['user_creation_time']),
      passwordEnabled: booleanOrNull(row['password_enabled']),
      passwordLastUsed: dateOrNull(row['password_last_used']),
      passwordLastChanged: dateOrNull(row['password_last_changed']),
      mfaActive: row['mfa_active'] === 'true',
      accessKeys,
    };
  });
}

// ---------------------------------------------------------------- account summary

export const accountSummaryCollector: SliceCollector<'accountSummary'> = {
  slice: 'accountSummary',
  collect: async (context) => {
    const response = await context.limit(() => context.clients.iam().send(new GetAccountSummaryCommand({})));
    const summaryMap: Record<string, number> = {};
    for (const [key, value] of Object.entries(response.SummaryMap ?? {})) {
      if (typeof value === 'number') summaryMap[key] = value;
    }
    return { summaryMap };
  },
};

// ---------------------------------------------------------------- authorization details

/**
 * AWS URL-encodes every policy document; emulators sometimes return raw JSON (moto does for trust
 * policies and policy versions). A raw document containing `%` breaks decodeURIComponent, hence the
 * second attempt; a document that is not JSON at all is kept as the string it was.
 */
export function decodePolicyDocument(document: string | undefined): unknown {
  if (document === undefined) return null;
  try {
    return JSON.parse(decodeURIComponent(document)) as unknown;
  } catch {
    try {
      return JSON.parse(document) as unknown;
    } catch {
      return document;
    }
  }
}

function isoOrNull(date: Date | undefined): string | null {
  return date === undefined ? null : date.toISOString();
}

function attachedPolicies(list: SdkAttachedPolicy[] | undefined): AttachedPolicy[] {
  return (list ?? []).flatMap((policy) =>
    policy.PolicyArn === undefined ? [] : [{ name: policy.PolicyName ?? policy.PolicyArn, arn: policy.PolicyArn }],
  );
}

function inlinePolicies(list: PolicyDetail[] | undefined): InlinePolicy[] {
  return (list ?? []).map((policy) => ({
    name: policy.PolicyName ?? '',
    document: decodePolicyDocument(policy.PolicyDocument),
  }));
}

function toUser(user: UserDetail): IamUser {
  return {
    name: user.UserName ?? '',
    arn: user.Arn ?? '',
    id: user.UserId ?? '',
    createDate: isoOrNull(user.CreateDate),
    groups: user.GroupList ?? [],
    attachedPolicies: attachedPolicies(user.AttachedManagedPolicies),
    inlinePolicies: inlinePolicies(user.UserPolicyList),
    permissionsBoundaryArn: user.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
  };
}

function toGroup(group: GroupDetail): IamGroup {
  return {
    name: group.GroupName ?? '',
    arn: group.Arn ?? '',
    attachedPolicies: attachedPolicies(group.AttachedManagedPolicies),
    inlinePolicies: inlinePolicies(group.GroupPolicyList),
  };
}

function toRole(role: RoleDetail): IamRole {
  return {
    name: role.RoleName ?? '',
    arn: role.Arn ?? '',
    id: role.RoleId ?? '',
    path: role.Path ?? '/',
    createDate: isoOrNull(role.CreateDate),
    assumeRolePolicy: decodePolicyDocument(role.AssumeRolePolicyDocument),
    attachedPolicies: attachedPolicies(role.AttachedManagedPolicies),
    inlinePolicies: inlinePolicies(role.RolePolicyList),
    permissionsBoundaryArn: role.PermissionsBoundary?.PermissionsBoundaryArn ?? null,
  };
}

const AWS_MANAGED_POLICY_ARN = /^arn:[^:]+:iam::aws:policy\//;

function toManagedPolicy(policy: ManagedPolicyDetail & { Arn: string }): ManagedPolicy {
  const versions = policy.PolicyVersionList ?? [];
  const defaultVersion =
    versions.find((version) => version.IsDefaultVersion === true) ??
    versions.find((version) => version.VersionId !== undefined && version.VersionId === policy.DefaultVersionId);
  return {
    name: policy.PolicyName ?? policy.Arn,
    arn: policy.Arn,
    awsManaged: AWS_MANAGED_POLICY_ARN.test(policy.Arn),
    document: decodePolicyDocument(defaultVersion?.Document),
  };
}

/** GAAD has no instance profile list of its own: profiles appear under each role that is in them. */
function instanceProfilesOf(roles: RoleDetail[]): InstanceProfile[] {
  const byArn = new Map<string, { name: string; roleArns: Set<string> }>();
  for (const role of roles) {
    for (const profile of role.InstanceProfileList ?? []) {
      if (profile.Arn === undefined) continue;
      const entry = byArn.get(profile.Arn) ?? { name: profile.InstanceProfileName ?? '', roleArns: new Set<string>() };
      if (role.Arn !== undefined) entry.roleArns.add(role.Arn);
      for (const member of profile.Roles ?? []) if (member.Arn !== undefined) entry.roleArns.add(member.Arn);
      byArn.set(profile.Arn, entry);
    }
  }
  return [...byArn].map(([arn, entry]) => ({ name: entry.name, arn, roleArns: [...entry.roleArns].sort() }));
}

interface AuthorizationDetailsPages {
  users: UserDetail[];
  groups: GroupDetail[];
  roles: RoleDetail[];
  policies: ManagedPolicyDetail[];
}

async function readAllPages(context: CollectContext): Promise<AuthorizationDetailsPages> {
  const iam = context.clients.iam();
  const pages: AuthorizationDetailsPages = { users: [], groups: [], roles: [], policies: [] };
  const seenMarkers = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const input = marker === undefined ? { MaxItems: 1000 } : { MaxItems: 1000, Marker: marker };
    const page: GetAccountAuthorizationDetailsCommandOutput = await context.limit(() =>
      iam.send(new GetAccountAuthorizationDetailsCommand(input)),
    );
    pages.users.push(...(page.UserDetailList ?? []));
    pages.groups.push(...(page.GroupDetailList ?? []));
    pages.roles.push(...(page.RoleDetailList ?? []));
    pages.policies.push(...(page.Policies ?? []));
    if (page.IsTruncated !== true || page.Marker === undefined) return pages;
    // A server that hands back the same marker again would otherwise keep us here forever.
    if (seenMarkers.has(page.Marker)) throw new Error('iam:GetAccountAuthorizationDetails repeated a pagination marker');
    seenMarkers.add(page.Marker);
    marker = page.Marker;
  }
}

/**
 * A permissions boundary GAAD did not list (it lists the managed policies in use; an AWS managed
 * policy used only as a boundary may be missing): read its default version directly, two Get calls
 * per such policy. Null when it cannot be read; the evaluator then reports the principal unknown.
 */
async function readBoundaryPolicy(context: CollectContext, arn: string): Promise<ManagedPolicy | null> {
  const iam = context.clients.iam();
  try {
    const policy = await context.limit(() => iam.send(new GetPolicyCommand({ PolicyArn: arn })));
    const versionId = policy.Policy?.DefaultVersionId;
    if (versionId === undefined) return null;
    const version = await context.limit(() => iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })));
    return {
      name: policy.Policy?.PolicyName ?? arn,
      arn,
      awsManaged: AWS_MANAGED_POLICY_ARN.test(arn),
      document: decodePolicyDocument(version.PolicyVersion?.Document),
    };
  } catch (error) {
    // AccessDenied or NoSuchEntity: the boundary stays missing, which makes the principal unknown, not pass.
    context.progress(`could not read permissions boundary ${arn}: ${sdkErrorShape(error).name ?? 'error'}`);
    return null;
  }
}

export const authorizationDetailsCollector: SliceCollector<'authorizationDetails'> = {
  slice: 'authorizationDetails',
  collect: async (context): Promise<AuthorizationDetails> => {
    const pages = await readAllPages(context);
    const users = pages.users.map(toUser);
    const groups = pages.groups.map(toGroup);
    const roles = pages.roles.map(toRole);
    // AWS and emulators list every managed policy (thousands of AWS ones); only those some principal
    // uses matter: attached as a permission policy, or set as a user's or role's permissions boundary.
    // A boundary-only policy has AttachmentCount 0 (PermissionsBoundaryUsageCount > 0) but decides
    // what the principal may do (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html),
    // so it must not be filtered out. No Filter is sent: GAAD then returns every entity type.
    const usedArns = new Set([
      ...[...users, ...groups, ...roles].flatMap((principal) => principal.attachedPolicies.map((policy) => policy.arn)),
      ...[...users, ...roles].flatMap((principal) => (principal.permissionsBoundaryArn === null ? [] : [principal.permissionsBoundaryArn])),
    ]);
    const policies = pages.policies
      .filter((policy): policy is ManagedPolicyDetail & { Arn: string } => policy.Arn !== undefined && usedArns.has(policy.Arn))
      .map(toManagedPolicy);
    const listed = new Set(policies.map((policy) => policy.arn));
    const unlistedBoundaries = [
      ...new Set([...users, ...roles].flatMap((principal) => (principal.permissionsBoundaryArn === null || listed.has(principal.permissionsBoundaryArn) ? [] : [principal.permissionsBoundaryArn]))),
    ];
    const fetched = await Promise.all(unlistedBoundaries.map((arn) => readBoundaryPolicy(context, arn)));
    policies.push(...fetched.filter((policy): policy is ManagedPolicy => policy !== null));
    return { users, groups, roles, instanceProfiles: instanceProfilesOf(pages.roles), policies };
  },
};
