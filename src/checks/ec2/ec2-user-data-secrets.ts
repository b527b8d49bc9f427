import { defineCheck } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import type { Ec2UserDataSecrets, UserDataSecretKind, UserDataSecretMatch } from '../../inventory/schema.js';

type ScannedInstance = Extract<Ec2UserDataSecrets[number]['result'], { ok: true }>['data']['instances'][number];

/** Credentials that work anywhere on their own are critical; a password or token needs its service too. */
const CRITICAL_KINDS: ReadonlySet<UserDataSecretKind> = new Set(['aws-access-key-id', 'aws-secret-access-key', 'private-key']);

function location(match: UserDataSecretMatch): string {
  return `${match.kind} at ${match.part === null ? '' : `part ${match.part} `}line ${match.line}`;
}

export default defineCheck({
  id: 'ec2-user-data-secrets',
  title: 'EC2 user data holds no secrets',
  service: 'ec2',
  severity: 'high',
  rootCauses: ['secrets-compute'],
  needs: ['ec2UserDataSecrets'],
  description:
    'Fails for each EC2 instance whose user data (base64-decoded, gunzipped, MIME parts unpacked) contains an AWS access key id, an AWS secret access key, a private key block, or a password, token or secret assigned a literal value. Only the kind of secret and its line number are collected and shown, never the value.',
  rationale:
    'User data is not a secret store: anyone with ec2:DescribeInstanceAttribute (every read-only or audit role) can read it, and so can any process or SSRF on the instance through the metadata service at /latest/user-data, which has no IAM check at all. Credentials left on compute are what turned a single compromised host into an account breach at Imperva, BrowserStack, Onus and in Unit 42\'s SugarCRM case, and what the TeamTNT worm harvests from every host it lands on.',
  remediation: {
    summary:
      'Rotate every credential found (it has been readable all along), remove it from the user data, and have the boot script fetch secrets at run time from Secrets Manager or SSM Parameter Store with the instance role.',
    console: [
      'Rotate the exposed credentials first: deactivate and replace the access key, the password or the token.',
      'Stop the instance, choose Actions > "Instance settings" > "Edit user data", remove the secret and save; update the launch template too.',
      'Replace it with a call such as `aws secretsmanager get-secret-value --secret-id NAME` executed at boot under the instance role.',
    ],
    cli: 'aws ec2 describe-instance-attribute --instance-id INSTANCE_ID --attribute userData --query UserData.Value --output text | base64 -d',
    terraform: [
      'resource "aws_instance" "app" {',
      '  # ...',
      '  iam_instance_profile = aws_iam_instance_profile.app.name # may read only its own secret',
      '  user_data = <<-EOT',
      '    #!/bin/bash',
      '    DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id app/db --query SecretString --output text)',
      '  EOT',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html',
  },
  attackSteps: [
    'Get a foothold that can read user data: any read-only IAM identity (ec2:DescribeInstanceAttribute), or code execution or an SSRF on the instance (GET http://169.254.169.254/latest/user-data needs no IAM permission).',
    'Decode the base64 (and gzip) and pick out the access keys, database passwords, tokens and private keys left in the boot script.',
    'Use them from anywhere: long-lived AWS keys outlive the instance, and database or SaaS passwords reach systems the instance role never could.',
  ],
  frameworks: {},
  incidents: [
    {
      incident: 'imperva-2019-10',
      kind: 'related',
      why: 'Imperva\'s update says an AWS API key stored on an internet-reachable instance was used to steal an RDS snapshot; it does not say the key sat in user data.',
      source: 'https://web.archive.org/web/20210620143023/https://www.imperva.com/blog/ceoblog/',
    },
    {
      incident: 'browserstack-2014-11',
      kind: 'related',
      why: 'BrowserStack\'s analysis says access keys stored on a compromised server let the attacker create an IAM user and mount a backup; user data is not named.',
      source: 'http://archive.today/rsmmS',
    },
    {
      incident: 'onus-2021-12',
      kind: 'related',
      why: 'CyStack\'s analysis says AWS keys with full S3 access sat in a server\'s application configuration, the same kind of secret this check finds in user data.',
      source: 'https://cystack.net/research/the-attack-on-onus-a-real-life-case-of-the-log4shell-vulnerability',
    },
    {
      incident: 'unit42-2023-08',
      kind: 'related',
      why: 'Unit 42 reports that access keys stored on EC2 hosts were taken after a SugarCRM exploit and used to enumerate the account; their exact location on the host is not user data.',
      source: 'https://unit42.paloaltonetworks.com/sugarcrm-cloud-incident-black-hat/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.ec2UserDataSecrets, {
      what: 'EC2 instances',
      action: 'ec2:DescribeInstances',
      nothing: 'No EC2 instance was found.',
      judge: ({ instances, skippedByBudget }, region) => {
        const outcomes = instances.map((instance) => judgeInstance(instance, region));
        if (skippedByBudget > 0) {
          outcomes.push({
            status: 'unknown',
            resource: `arn:${partition}:ec2:${region}:${accountId}:instance/*`,
            region,
            qualifier: 'not-read',
            message: `The user data of ${skippedByBudget} instance${skippedByBudget === 1 ? '' : 's'} in ${region} was not read: the DescribeInstanceAttribute budget was spent. Raise --max-user-data-calls to cover them.`,
            evidence: { instancesNotRead: skippedByBudget },
          });
        }
        return outcomes;
      },
    });
  },
});

function judgeInstance(instance: ScannedInstance, region: string): CheckOutcome {
  const base = { resource: instance.arn, region };
  const facts = { instanceId: instance.instanceId, instanceName: instance.name, state: instance.state };
  if (!instance.scan.ok) {
    return {
      ...base,
      status: 'unknown',
      message: `The user data of instance ${instance.instanceId} could not be read: ${instance.scan.error.message}`,
      evidence: { ...facts, errorCode: instance.scan.error.code, missingAction: instance.scan.error.action ?? null },
    };
  }
  const { encoding, decodedBytes, matches } = instance.scan.data;
  const kinds = [...new Set(matches.map((match) => match.kind))];
  const evidence = {
    ...facts,
    userDataEncoding: encoding,
    userDataBytes: decodedBytes,
    secretKinds: kinds,
    secretLocations: matches.map(location),
  };
  if (matches.length === 0) {
    return {
      ...base,
      status: 'pass',
      message: encoding === 'none' ? `Instance ${instance.instanceId} has no user data.` : `No secret pattern was found in the user data of instance ${instance.instanceId}.`,
      evidence,
    };
  }
  const critical = kinds.filter((kind) => CRITICAL_KINDS.has(kind));
  return {
    ...base,
    status: 'fail',
    ...(critical.length > 0 ? { severity: 'critical' as const, severityReason: `it holds ${critical.join(', ')}, enough to act as the account or the host` } : {}),
    message: `The user data of instance ${instance.instanceId} contains ${matches.length === 1 ? 'a secret' : `${matches.length} secrets`} (${matches.map(location).join(', ')}), readable by anyone with ec2:DescribeInstanceAttribute and by any process on the instance.`,
    evidence,
  };
}
