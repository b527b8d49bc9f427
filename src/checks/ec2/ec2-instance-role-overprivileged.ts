import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import { isLive } from '../instances.js';
import type { CheckOutcome } from '../define.js';
import type { AuthorizationDetails, Instance } from '../../inventory/schema.js';
import type { Severity } from '../../model.js';
import { describeGaps, describeGrant, instanceProfileGrants } from '../../policy/iam.js';

const ONE_LEVEL_DOWN: Readonly<Record<Severity, Severity>> = { critical: 'high', high: 'medium', medium: 'low', low: 'info', info: 'info' };

function imdsEvidence(instance: Instance): { httpTokens: string | null; imdsV1Reachable: boolean } {
  const { httpTokens, httpEndpoint } = instance.metadataOptions;
  return { httpTokens, imdsV1Reachable: httpTokens === 'optional' && (httpEndpoint ?? 'enabled') === 'enabled' };
}

function evaluateInstance(instance: Instance, region: string, details: AuthorizationDetails): CheckOutcome | null {
  const profileArn = instance.instanceProfileArn;
  if (profileArn === null) return null;
  const base = { resource: instance.arn, region };
  const profile = details.instanceProfiles.find((candidate) => candidate.arn === profileArn);
  if (profile === undefined) {
    return {
      ...base,
      status: 'unknown',
      message: `Instance ${instance.id} uses instance profile ${profileArn}, which GetAccountAuthorizationDetails did not return.`,
      evidence: { instanceProfileArn: profileArn, missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  if (profile.roleArns.length === 0) {
    return {
      ...base,
      status: 'pass',
      message: `Instance ${instance.id} has instance profile ${profile.name} with no role: it carries no AWS credentials.`,
      evidence: { instanceProfileArn: profileArn, roleArns: [] },
    };
  }

  const { grants, gaps } = instanceProfileGrants(profile, details);

  const evidence = {
    instanceProfileArn: profileArn,
    roleArns: profile.roleArns,
    ...imdsEvidence(instance),
  };
  const lead = grants.find((grant) => grant.kind === 'admin') ?? grants[0];
  const kinds = [...new Set(grants.map((grant) => grant.kind))];
  const grantEvidence = {
    kinds,
    grants: grants.map(describeGrant),
    escalationPaths: [...new Set(grants.flatMap((grant) => (grant.path === undefined ? [] : [grant.path])))],
    grantSources: [...new Set(grants.flatMap((grant) => [grant.source, ...grant.supporting.map((ref) => ref.source)]))],
    allGrantsConditional: grants.every((grant) => grant.conditional),
    unreadablePolicies: gaps.other.map((gap) => gap.source),
  };
  if (gaps.blocking.length > 0) {
    // A boundary can take away every grant the role's policies make: nothing can be concluded.
    return {
      ...base,
      status: 'unknown',
      message: `Could not judge the role of instance ${instance.id}: ${describeGaps(gaps.blocking)}. Without the boundary its policies would grant ${lead === undefined ? 'nothing dangerous' : describeGrant(lead)}.`,
      evidence: { ...evidence, ...grantEvidence, unreadableBoundary: gaps.blocking.map((gap) => gap.source), reasons: gaps.blocking.map((gap) => gap.reason), missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  if (lead !== undefined) {
    const outcome: Omit<CheckOutcome, 'severity' | 'severityReason'> = {
      ...base,
      status: 'fail',
      message: `Instance ${instance.id} hands anyone who reaches its metadata service (SSRF, IMDSv1) a role with ${kinds.join(', ')} privileges: ${describeGrant(lead)}.`,
      evidence: { ...evidence, ...grantEvidence },
    };
    // Admin is critical; grants that all hold only under a condition (source IP, VPC, tags) drop one level.
    const admin = lead.kind === 'admin';
    const severity: Severity = admin ? 'critical' : 'high';
    if (grants.every((grant) => grant.conditional)) {
      return { ...outcome, severity: ONE_LEVEL_DOWN[severity], severityReason: `every grant holds only under a condition${admin ? ' (the role is admin when it holds)' : ''}` };
    }
    return admin ? { ...outcome, severity, severityReason: 'the role is admin' } : outcome;
  }
  if (gaps.other.length > 0) {
    return {
      ...base,
      status: 'unknown',
      message: `Could not judge the role of instance ${instance.id}: ${describeGaps(gaps.other)} (needs iam:GetAccountAuthorizationDetails).`,
      evidence: { ...evidence, unreadablePolicies: gaps.other.map((gap) => gap.source), reasons: gaps.other.map((gap) => gap.reason), missingAction: 'iam:GetAccountAuthorizationDetails' },
    };
  }
  return {
    ...base,
    status: 'pass',
    message: `The role of instance ${instance.id} has no admin, account-wide data or privilege-escalation permissions.`,
    evidence: { ...evidence, kinds: [] },
  };
}

export default defineCheck({
  id: 'ec2-instance-role-overprivileged',
  title: 'EC2 instance roles are not over-privileged',
  service: 'ec2',
  severity: 'high',
  rootCauses: ['imds-ssrf'],
  needs: ['ec2Instances', 'authorizationDetails'],
  reportsReach: 'computed',
  description:
    'Fails when the role of an instance profile attached to an EC2 instance grants admin, account-wide data reads (s3:GetObject, secretsmanager:GetSecretValue, kms:Decrypt, … on every resource) or a named IAM privilege-escalation path, after Denies and permissions boundaries. Conditions are judged for the instance\'s own credentials (a role session without MFA). Admin is critical; grants that hold only under a condition lower the severity one level. An unreadable policy, or a boundary whose document is unknown, makes the result unknown, never pass.',
  rationale:
    "Any code on the instance, or any SSRF into a web application running there, can fetch the role's temporary credentials from the instance metadata service. At Capital One an SSRF through a misconfigured WAF read such credentials from IMDSv1, and the role could list and download over 700 buckets.",
  remediation: {
    summary:
      'Scope the instance role to the specific resources and actions the workload needs, remove admin and iam:* permissions from it, and require IMDSv2 on the instance.',
    console: [
      'Open the instance in the EC2 console and follow its IAM role link.',
      'Detach AdministratorAccess, *FullAccess and other broad managed policies; replace them with a policy that names the exact buckets, secrets and keys the workload uses.',
      'Use IAM Access Analyzer policy generation on the role to derive a least-privilege policy from CloudTrail activity.',
      'In EC2, "Actions" → "Instance settings" → "Modify instance metadata options": set IMDSv2 to Required.',
    ],
    cli: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID --http-tokens required --http-endpoint enabled',
    terraform: [
      '# Replace broad managed policies with a policy naming exactly what the workload uses.',
      'resource "aws_iam_role_policy" "web_app" {',
      '  name = "web-app-least-privilege"',
      '  role = aws_iam_role.web_app.id',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Effect   = "Allow"',
      '      Action   = ["s3:GetObject"]',
      '      Resource = "arn:aws:s3:::EXAMPLE-BUCKET/uploads/*"',
      '    }]',
      '  })',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
  },
  attackSteps: [
    'Get code execution or a server-side request forgery on the instance: a vulnerable web app, an open proxy, a misconfigured WAF, a malicious package.',
    'Read the role\'s temporary credentials from the instance metadata service (169.254.169.254/latest/meta-data/iam/security-credentials/ROLE).',
    'Use them from the attacker\'s own machine: aws s3 ls shows every bucket the role can list, and admin or iam:PassRole permissions open paths to full control.',
    'Download the data the role can read (Capital One: over 700 buckets) or escalate, for example by launching an instance with a more powerful role.',
  ],
  // No benchmark control targets instance-role privileges: CIS 1.16 / Security Hub IAM.1 are about
  // attached `*:*` policies in general, and CIS "EC2 uses instance roles" asks the opposite question.
  frameworks: {},
  incidents: [
    {
      incident: 'capital-one-2019-04',
      kind: 'precondition',
      why: 'The CSA analysis says the credentials taken through SSRF belonged to an instance role that could list and read far more S3 buckets than the WAF needed, over 700 of them.',
      source: 'https://cloudsecurityalliance.org/blog/2019/08/09/a-technical-analysis-of-the-capital-one-cloud-misconfiguration-breach',
    },
    {
      incident: 'unit-42-ssrf-2023-04',
      kind: 'related',
      why: 'Unit 42 reports that credentials stolen from an instance through SSRF were used to plant a backdoor in an IAM role, which the role could only do with IAM write rights.',
      source: 'https://www.paloaltonetworks.com/content/dam/pan/en_US/assets/pdf/reports/unit42-cloud-threat-report-volume7.pdf',
    },
    {
      incident: 'aws-2023-02',
      kind: 'related',
      why: 'AWS names SSRF against an instance, alongside a disclosed access key, as a possible way into an S3 ransomware case; what the role could reach is not detailed.',
      source: 'https://aws.amazon.com/blogs/security/anatomy-of-a-ransomware-event-targeting-data-in-amazon-s3/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    const details = data.authorizationDetails;
    return forEachRegion({ partition, accountId }, data.ec2Instances, {
      what: 'EC2 instances',
      action: 'ec2:DescribeInstances',
      nothing: 'No running or stopped EC2 instance has an instance profile.',
      judge: ({ instances }, region) =>
        instances.filter(isLive).flatMap((instance) => {
          const outcome = evaluateInstance(instance, region, details);
          return outcome === null ? [] : [outcome];
        }),
    });
  },
});
