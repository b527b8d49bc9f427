import { defineCheck } from '../define.js';
import type { CheckOutcome, Evidence } from '../define.js';
import type { Bucket, PublicAccessBlock } from '../../inventory/schema.js';
import type { BucketPublicAssessment, PublicPolicyStatement } from '../../policy/s3-public.js';
import { assessBucketPublicAccess, standingActions } from '../../policy/s3-public.js';
import { BUCKET_LOCKDOWN_CLI, BUCKET_LOCKDOWN_TERRAFORM, describeGrant, describeStatement, notPublicMessage, judgeEachBucket, sharedBucketEvidence, undecidedBecause, unreadableReason } from '../s3-describe.js';

function describeFound(statement: PublicPolicyStatement): string {
  const actions = statement.writeActions.length > 0 ? statement.writeActions : statement.readActions.length > 0 ? statement.readActions : statement.metadataActions;
  return describeStatement(statement, actions);
}

function describeWrite(statement: PublicPolicyStatement): string {
  return describeStatement(statement, standingActions(statement, 'write'));
}

function evidenceFor(assessment: BucketPublicAssessment): Evidence {
  const writeStatements = assessment.effective.policyStatements.filter((statement) => standingActions(statement, 'write').length > 0);
  return {
    verdict: assessment.verdict,
    // The read facet is s3-bucket-public-read's finding; named here so both results agree.
    publicRead: assessment.readVerdict === 'public-read',
    publicAclGrants: assessment.aclGrants.map(describeGrant),
    effectiveWriteAclGrants: assessment.effective.aclGrants.filter((grant) => grant.access === 'write').map(describeGrant),
    publicPolicyStatements: assessment.policyStatements.map(describeFound),
    effectiveWritePolicyStatements: writeStatements.map(describeWrite),
    ...sharedBucketEvidence(assessment, { nonRestrictingConditions: true }),
  };
}

function howWritable(assessment: BucketPublicAssessment): string {
  const ways: string[] = [];
  const aclWrites = assessment.effective.aclGrants.filter((grant) => grant.access === 'write');
  if (aclWrites.length > 0) ways.push(`its ACL grants ${aclWrites.map(describeGrant).join(', ')}`);
  const statements = assessment.effective.policyStatements.filter((statement) => standingActions(statement, 'write').length > 0);
  if (statements.length > 0) ways.push(`its bucket policy statement ${statements.map(describeWrite).join('; ')} has no condition that pins the caller`);
  return ways.join(', and ');
}

function outcomeFor(bucket: Bucket, account: PublicAccessBlock | null): CheckOutcome {
  const assessment = assessBucketPublicAccess(bucket, account);
  const base = { resource: bucket.arn, region: bucket.region, evidence: evidenceFor(assessment) };
  switch (assessment.verdict) {
    case 'public-write':
      return {
        ...base,
        status: 'fail',
        message: `Anyone can write to bucket ${bucket.name}: ${howWritable(assessment)}.`,
      };
    case 'unknown': {
      const missing = assessment.unreadable.map((part) => part.action);
      // Say why each part is missing: a throttled or garbled read is not a permissions problem.
      const reasons = assessment.unreadable.map(unreadableReason);
      return {
        ...base,
        status: 'unknown',
        evidence: { ...base.evidence, missingAction: missing.join(', ') },
        message: `Could not decide whether bucket ${bucket.name} is publicly writable: ${undecidedBecause(assessment, reasons)}.`,
      };
    }
    case 'public-read-only':
      return {
        ...base,
        status: 'pass',
        message: `Bucket ${bucket.name} is readable by the public but not writable.`,
      };
    case 'not-public':
      return {
        ...base,
        status: 'pass',
        message: notPublicMessage(bucket.name, 'writable', assessment),
      };
  }
}

export default defineCheck({
  id: 's3-bucket-public-write',
  title: 'S3 buckets are not writable by the public',
  service: 's3',
  severity: 'critical',
  rootCauses: ['s3-public-write'],
  needs: ['s3Buckets', 's3AccountPublicAccessBlock'],
  description:
    'Fails when a bucket ACL grants AllUsers or AuthenticatedUsers WRITE, WRITE_ACP or FULL_CONTROL, or a bucket policy Allows a write action to Principal "*" without a condition that pins the caller, and neither IgnorePublicAcls nor RestrictPublicBuckets (bucket or account) neutralises it.',
  rationale:
    'A bucket anyone can write to lets an attacker plant code in what the site serves to its visitors (the LA Times cryptojacker, the Twilio TaskRouter SDK), replace or delete data, or rewrite the ACL and take the bucket over. BlockPublicAcls and BlockPublicPolicy only stop new grants: a bucket that already had one stays open.',
  remediation: {
    summary:
      'Remove public write grants from the ACL and the bucket policy, then turn on all four Block Public Access settings for the account (IgnorePublicAcls and RestrictPublicBuckets neutralise what already exists).',
    console: [
      'Open the bucket in the S3 console, "Permissions" tab.',
      'Under "Access control list (ACL)", remove Write and ACP write for "Everyone" and "Authenticated users group".',
      'Under "Bucket policy", remove or add a restricting condition to statements that allow s3:Put*, s3:Delete* or s3:* to Principal "*".',
      'Under "Block public access", enable all four settings (also at account level under "Block Public Access settings for this account").',
    ],
    cli: BUCKET_LOCKDOWN_CLI,
    terraform: BUCKET_LOCKDOWN_TERRAFORM,
    docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  attackSteps: [
    'Find the bucket: names are guessable and appear in page source, JavaScript URLs, DNS records and public bucket search engines.',
    'Test write access with an anonymous request (aws s3 cp file s3://BUCKET/ --no-sign-request) or any AWS account when AuthenticatedUsers is granted.',
    'Overwrite a JavaScript file the website or SDK serves with a copy that adds a cryptominer or a card skimmer (Magecart), or plant malware.',
    'Every visitor\'s browser runs the attacker\'s code; with WRITE_ACP or FULL_CONTROL the attacker can also rewrite the ACL and lock the owner out of objects.',
  ],
  frameworks: {
    'aws-security-hub': ['S3.3'],
  },
  incidents: [
    {
      incident: 'la-times-2018-02',
      kind: 'precondition',
      why: 'Tripwire reports that an S3 bucket behind homicide.latimes.com allowed anyone to write, and that the attacker added Coinhive mining code to the site\'s JavaScript.',
      source: 'https://web.archive.org/web/20210413201832/https://www.tripwire.com/state-of-security/security-data-protection/la-times-website-cryptojacking-attack/',
    },
    {
      incident: 'twilio-2020-07',
      kind: 'precondition',
      why: 'Twilio\'s incident report says the bucket serving the TaskRouter JS SDK had been misconfigured in 2015 to allow public write, which let an attacker alter the SDK file.',
      source: 'https://web.archive.org/web/20210813010417/https://www.twilio.com/blog/incident-report-taskrouter-js-sdk-july-2020',
    },
    {
      incident: 'premint-2022-07',
      kind: 'precondition',
      why: 'The ChainCatcher analysis says the attacker uploaded a malicious JavaScript file into a PREMINT S3 bucket whose permissions let outsiders write to it.',
      source: 'https://www.chaincatcher.com/en/article/2076680',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return judgeEachBucket(data, { accountId, partition }, outcomeFor);
  },
});
