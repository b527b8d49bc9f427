import { defineCheck } from '../define.js';
import type { CheckOutcome, Evidence } from '../define.js';
import type { Bucket, PublicAccessBlock } from '../../inventory/schema.js';
import type { BucketPublicAssessment, PublicAclGrant } from '../../policy/s3-public.js';
import { assessBucketPublicAccess, standingActions } from '../../policy/s3-public.js';
import { BUCKET_LOCKDOWN_CLI, BUCKET_LOCKDOWN_TERRAFORM, describeGrant, describeStatement, notPublicMessage, judgeEachBucket, sharedBucketEvidence, undecidedBecause, unreadableReason } from '../s3-describe.js';

/** ACL grants that let the public list or read: READ, and FULL_CONTROL, which includes it. */
function readsData(grant: PublicAclGrant): boolean {
  return grant.permission === 'READ' || grant.permission === 'FULL_CONTROL';
}

function evidenceFor(assessment: BucketPublicAssessment): Evidence {
  const readStatements = assessment.effective.policyStatements.filter((statement) => standingActions(statement, 'read').length > 0);
  const metadataStatements = assessment.policyStatements.filter((statement) => standingActions(statement, 'metadata').length > 0);
  return {
    verdict: assessment.readVerdict,
    // The write facet is s3-bucket-public-write's finding; it is named here so both results agree.
    publicWrite: assessment.verdict === 'public-write',
    publicAclGrants: assessment.aclGrants.map(describeGrant),
    effectiveReadAclGrants: assessment.effective.aclGrants.filter(readsData).map(describeGrant),
    publicReadPolicyStatements: assessment.policyStatements
      .filter((statement) => statement.readActions.length > 0)
      .map((statement) => describeStatement(statement, statement.readActions)),
    effectiveReadPolicyStatements: readStatements.map((statement) => describeStatement(statement, standingActions(statement, 'read'))),
    publicMetadataPolicyStatements: metadataStatements.map((statement) => describeStatement(statement, standingActions(statement, 'metadata'))),
    ...sharedBucketEvidence(assessment),
  };
}

function howReadable(assessment: BucketPublicAssessment): string {
  const ways: string[] = [];
  const grants = assessment.effective.aclGrants.filter(readsData);
  if (grants.length > 0) {
    const who = grants.some((grant) => grant.grantee === 'AllUsers') ? 'anyone' : 'any AWS account';
    ways.push(`its ACL grants ${grants.map(describeGrant).join(', ')} (${who} can list its objects)`);
  }
  const statements = assessment.effective.policyStatements.filter((statement) => standingActions(statement, 'read').length > 0);
  if (statements.length > 0) {
    const described = statements.map((statement) => describeStatement(statement, standingActions(statement, 'read')));
    ways.push(`its bucket policy statement ${described.join('; ')} has no condition that pins the caller`);
  }
  return ways.join(', and ');
}

function outcomeFor(bucket: Bucket, account: PublicAccessBlock | null): CheckOutcome {
  const assessment = assessBucketPublicAccess(bucket, account);
  const base = { resource: bucket.arn, region: bucket.region, evidence: evidenceFor(assessment) };
  switch (assessment.readVerdict) {
    case 'public-read':
      return { ...base, status: 'fail', message: `Bucket ${bucket.name} can be read or listed by the public: ${howReadable(assessment)}.` };
    case 'unknown': {
      const reasons = assessment.unreadable.map(unreadableReason);
      return {
        ...base,
        status: 'unknown',
        evidence: { ...base.evidence, missingAction: assessment.unreadable.map((part) => part.action).join(', ') },
        message: `Could not decide whether bucket ${bucket.name} is publicly readable: ${undecidedBecause(assessment, reasons)}.`,
      };
    }
    case 'not-public':
      return { ...base, status: 'pass', message: notPublicMessage(bucket.name, 'readable', assessment) };
  }
}

export default defineCheck({
  id: 's3-bucket-public-read',
  title: 'S3 buckets are not readable or listable by the public',
  service: 's3',
  severity: 'high',
  rootCauses: ['s3-public-read'],
  needs: ['s3Buckets', 's3AccountPublicAccessBlock'],
  description:
    'Fails when a bucket ACL grants AllUsers or AuthenticatedUsers READ or FULL_CONTROL, or a bucket policy Allows a public principal ("*", {"AWS":"*"}, NotPrincipal, Federated) to read objects or list keys (s3:GetObject, s3:ListBucket, s3:Get*, s3:*, …) without a condition or Deny that limits it to fixed trusted callers, and neither IgnorePublicAcls nor RestrictPublicBuckets (bucket or account) neutralises it. Public write is s3-bucket-public-write\'s finding; a bucket that is both fails both.',
  rationale:
    'Most S3 data exposures needed no hacking at all: a bucket left readable by "everyone" or by "any AWS account" was found by a researcher or a bucket-search engine and downloaded whole. The 2017 wave (Verizon through NICE Systems, Booz Allen Hamilton, Dow Jones, Deep Root Analytics\' 198 million voter records) was exactly this. BlockPublicAcls and BlockPublicPolicy only stop new grants: a bucket that already had one stays open.',
  remediation: {
    summary:
      'Remove public read grants from the ACL and the bucket policy (serve public files through CloudFront with origin access control instead), then turn on all four Block Public Access settings for the account: IgnorePublicAcls and RestrictPublicBuckets neutralise what already exists.',
    console: [
      'Open the bucket in the S3 console, "Permissions" tab.',
      'Under "Object Ownership", choose "Bucket owner enforced" to disable ACLs (existing ACL grants then grant nothing).',
      'Under "Bucket policy", remove or pin with a condition (aws:SourceVpce, aws:PrincipalOrgID, …) the statements that allow s3:GetObject, s3:ListBucket, s3:Get*, s3:List* or s3:* to Principal "*".',
      'Under "Block public access", enable all four settings (also at account level under "Block Public Access settings for this account").',
    ],
    cli: BUCKET_LOCKDOWN_CLI,
    terraform: BUCKET_LOCKDOWN_TERRAFORM,
    docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html',
  },
  attackSteps: [
    'Find the bucket: names are guessable (company-backup, company-prod) and leak through page source, DNS records, mobile apps and public bucket search engines.',
    'List it anonymously (aws s3 ls s3://BUCKET --no-sign-request), or with any AWS account when the grant is to AuthenticatedUsers ("any AWS user").',
    'Download everything the listing or the policy exposes (aws s3 sync s3://BUCKET . --no-sign-request): backups, database exports, logs, customer records.',
    'Use or sell the data; no alarm fires, since reading a public object is a normal, authorised request.',
  ],
  frameworks: {
    'aws-security-hub': ['S3.2'],
  },
  // Typed incident links arrive with the IncidentLink format (issue 13); candidates are in the report to the integrator.
  incidents: [
    {
      incident: 'booz-allen-hamilton-2017-05',
      kind: 'precondition',
      why: 'The report says Booz Allen\'s files for an NGA project sat on a publicly accessible Amazon server with no password, credentials included.',
      source: 'http://lists.riskbasedsecurity.com/pipermail/breachexchange/2017-June/001675.html',
    },
    {
      incident: 'dow-jones-2017-05',
      kind: 'precondition',
      why: 'The analysis says the bucket\'s read permission was granted to all authenticated AWS users, so anyone with an AWS account could download the customer data.',
      source: 'http://blog.stratumsecurity.com/2017/07/21/how-to-prevent-rnc-verizon-and-dow-jones-aws-s3-data-leaks/',
    },
    {
      incident: 'deep-root-analytics-2017-06',
      kind: 'precondition',
      why: 'The article says the voter data sat in an unsecured S3 bucket that anyone could reach at its subdomain after an access-settings change.',
      source: 'http://www.bankinfosecurity.com/198-million-us-voter-records-left-online-for-two-weeks-a-10024',
    },
    {
      incident: 'nice-systems-verizon-2017-06',
      kind: 'precondition',
      why: 'The article says NICE Systems\' S3 repository was configured for public access, so the S3 URL alone was enough to download the Verizon customer logs.',
      source: 'https://www.infosecurity-magazine.com/news/verizon-data-six-million-users/',
    },
    {
      incident: 'wwe-2017-07',
      kind: 'precondition',
      why: 'The write-up says the fan database was left unprotected on an Amazon S3 bucket without authentication.',
      source: 'https://blog.thefourcraft.com/leaky-buckets-wwe',
    },
    {
      incident: 'tigerswan-talentpen-2017-07',
      kind: 'precondition',
      why: 'The article says the résumés were left on an S3 bucket accidentally configured for public access.',
      source: 'https://www.itgovernanceusa.com/blog/us-military-contractor-exposes-thousands-of-personnel-files/',
    },
    {
      incident: 'election-systems-software-2017-08',
      kind: 'precondition',
      why: 'The article says the Chicago voter backups sat in an S3 bucket configured for public access.',
      source: 'https://www.scmagazine.com/editorial/news/breach/voter-data-on-1-8m-chicagoans-left-exposed-on-online-storage-service',
    },
    {
      incident: 'verizon-dvs-2017-09',
      kind: 'precondition',
      why: 'The article lists a Verizon S3 bucket holding over 100 MB about its DVS billing system among buckets exposed by configuration mistakes.',
      source: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
    },
    {
      incident: 'svr-tracking-2017-09',
      kind: 'precondition',
      why: 'The write-up says SVR Tracking\'s account data sat on an Amazon cloud storage server left open to anyone on the web.',
      source: 'https://www.iotprivacyforum.org/2017/09/26/leaked-vehicle-tracking-accounts/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return judgeEachBucket(data, { accountId, partition }, outcomeFor);
  },
});
