/**
 * The closed vocabularies of breachmap. Each is an `as const` array so the TypeScript union and
 * the zod enum come from one source and can never drift apart.
 */
import { z } from 'zod';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const severitySchema = z.enum(SEVERITIES);

/** Higher is worse; used for sorting and for `--fail-on`. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  critical: 4,
  high: 3,
  medium: 2,
  low: 1,
  info: 0,
};

export const STATUSES = ['pass', 'fail', 'unknown', 'not_applicable'] as const;
export type Status = (typeof STATUSES)[number];
export const statusSchema = z.enum(STATUSES);

/**
 * Root-cause classes shared by checks and incidents (see shared/reference/README.md). An incident
 * names one primary class and any number of secondary ones; a check names the classes whose
 * account-side precondition it detects.
 */
export const ROOT_CAUSES = [
  'leaked-keys',
  'root',
  'departed-stale',
  'human-creds-mfa',
  'creds-unspecified',
  's3-public-write',
  's3-public-read',
  'public-snapshot-ami',
  'untrusted-image',
  'imds-ssrf',
  'exposed-hosts',
  'exposed-k8s',
  'secrets-compute',
  'third-party',
  'app-vuln',
  'unknown',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];
export const rootCauseSchema = z.enum(ROOT_CAUSES);

export const ROOT_CAUSE_LABELS: Readonly<Record<RootCause, string>> = {
  'leaked-keys': 'Leaked long-lived access keys',
  root: 'Root account credentials',
  'departed-stale': 'Stale credentials of departed staff',
  'human-creds-mfa': 'Phished human credentials / no MFA',
  'creds-unspecified': 'Compromised credentials (type not stated)',
  's3-public-write': 'Publicly writable S3 bucket',
  's3-public-read': 'Publicly readable or listable S3 bucket',
  'public-snapshot-ami': 'Public or foreign-shared snapshot / AMI',
  'untrusted-image': 'Untrusted machine or container image',
  'imds-ssrf': 'SSRF to IMDSv1 with an over-privileged role',
  'exposed-hosts': 'Hosts exposed to the internet',
  'exposed-k8s': 'Exposed Kubernetes / Docker / Jupyter control plane',
  'secrets-compute': 'Secrets stored on compute',
  'third-party': 'Third-party or SaaS compromise',
  'app-vuln': 'Application vulnerability',
  unknown: 'Unknown or not stated',
};

/** Escalation and impact patterns seen across incidents (secondary matching and teaching). */
export const ATTACK_PATTERNS = [
  'backdoor-iam',
  'ses-sns-abuse',
  'llmjacking',
  'destruction-extortion',
  'cryptomining',
  /** Data carried out by sharing a snapshot or image with the attacker's accounts or making it public. */
  'snapshot-exfiltration',
  /** The attacker stopped, deleted or blinded the audit trail (CloudTrail, GuardDuty). */
  'trail-tampering',
  /** The attacker acted unnoticed for weeks or longer before anyone saw it. */
  'long-dwell',
] as const;
export type AttackPattern = (typeof ATTACK_PATTERNS)[number];
export const attackPatternSchema = z.enum(ATTACK_PATTERNS);

export const SERVICES = ['iam', 's3', 'ec2', 'ebs', 'rds', 'lambda', 'eks', 'cloudtrail', 'guardduty', 'bedrock'] as const;
export type Service = (typeof SERVICES)[number];

/** Framework identifiers, keyed by framework and version so a control's number never floats. */
export const FRAMEWORKS = [
  'cis-aws-1.2',
  'cis-aws-1.4',
  'cis-aws-3.0',
  'cis-aws-5.0',
  'aws-security-hub',
] as const;
export type Framework = (typeof FRAMEWORKS)[number];
export const frameworkSchema = z.enum(FRAMEWORKS);

export const FRAMEWORK_LABELS: Readonly<Record<Framework, string>> = {
  'cis-aws-1.2': 'CIS AWS Foundations Benchmark 1.2',
  'cis-aws-1.4': 'CIS AWS Foundations Benchmark 1.4',
  'cis-aws-3.0': 'CIS AWS Foundations Benchmark 3.0',
  'cis-aws-5.0': 'CIS AWS Foundations Benchmark 5.0',
  'aws-security-hub': 'AWS Security Hub controls',
};
