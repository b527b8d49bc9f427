import { defineCheck } from '../define.js';
import { accountArn } from '../arn.js';
import type { PublicAccessBlock } from '../../inventory/schema.js';

const FLAG_NAMES: Readonly<Record<keyof PublicAccessBlock, string>> = {
  blockPublicAcls: 'BlockPublicAcls',
  ignorePublicAcls: 'IgnorePublicAcls',
  blockPublicPolicy: 'BlockPublicPolicy',
  restrictPublicBuckets: 'RestrictPublicBuckets',
};

export default defineCheck({
  id: 's3-account-public-access-block',
  title: 'S3 Block Public Access is fully enabled for the account',
  service: 's3',
  severity: 'high',
  rootCauses: ['s3-public-write'],
  needs: ['s3AccountPublicAccessBlock'],
  description:
    'Fails unless the account-level S3 Block Public Access configuration exists with all four settings on (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets).',
  rationale:
    'The account-level block is the one switch that keeps every bucket, including the next one someone creates, from being opened to the internet. Without it a single bucket ACL or policy granting write to everyone lets an attacker replace the JavaScript a website serves, as happened to the LA Times (cryptojacking) and Twilio (a tampered SDK). Only IgnorePublicAcls and RestrictPublicBuckets neutralise public grants that already exist; BlockPublicAcls and BlockPublicPolicy merely reject new ones, so an account with only the Block* settings still serves every existing public grant.',
  remediation: {
    summary: 'Turn on all four Block Public Access settings at the account level, after moving any intentionally public content behind CloudFront.',
    console: [
      'Open the S3 console and choose "Block Public Access settings for this account".',
      'Choose "Edit", select "Block all public access", save and confirm.',
    ],
    cli: 'aws s3control put-public-access-block --account-id ACCOUNT_ID --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
    terraform: [
      'resource "aws_s3_account_public_access_block" "this" {',
      '  block_public_acls       = true',
      '  ignore_public_acls      = true',
      '  block_public_policy     = true',
      '  restrict_public_buckets = true',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html',
  },
  attackSteps: [
    'Wait for, or find, any bucket whose ACL or policy grants public access: an old one, or the next one someone opens "just for a test".',
    'Nothing at the account level neutralises the grant, so every existing public ACL and bucket policy keeps working.',
    'Write to (or read from) that bucket anonymously, exactly as with a bucket that is public on purpose.',
    'Turn the write into a supply-chain attack on the site\'s visitors (LA Times, Twilio) or the read into a data leak.',
  ],
  frameworks: {
    'cis-aws-1.4': ['2.1.5'],
    'cis-aws-3.0': ['2.1.4'],
    'cis-aws-5.0': ['2.1.4'],
    'aws-security-hub': ['S3.1'],
  },
  incidents: [
    {
      incident: 'twilio-2020-07',
      kind: 'related',
      why: 'Twilio\'s report says the SDK bucket had let anyone write since 2015, the kind of grant account-level Block Public Access neutralises, though the report does not discuss the setting.',
      source: 'https://web.archive.org/web/20210813010417/https://www.twilio.com/blog/incident-report-taskrouter-js-sdk-july-2020',
    },
    {
      incident: 'premint-2022-07',
      kind: 'related',
      why: 'The ChainCatcher analysis says outsiders could write to a PREMINT bucket, the kind of grant account-level Block Public Access neutralises, though the analysis does not discuss the setting.',
      source: 'https://www.chaincatcher.com/en/article/2076680',
    },
    {
      incident: 'la-times-2018-02',
      kind: 'related',
      why: 'Tripwire reports a publicly writable bucket behind the LA Times site in February 2018, before S3 Block Public Access existed; the account-level block is today\'s guard against such a grant.',
      source: 'https://web.archive.org/web/20210413201832/https://www.tripwire.com/state-of-security/security-data-protection/la-times-website-cryptojacking-attack/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    const resource = accountArn(partition, accountId);
    const configuration = data.s3AccountPublicAccessBlock.configuration;
    if (configuration === null) {
      return [
        {
          status: 'fail',
          resource,
          region: 'global',
          message: 'S3 Block Public Access is not configured for the account: every bucket relies on its own settings.',
          evidence: {
            configured: false,
            blockPublicAcls: null,
            ignorePublicAcls: null,
            blockPublicPolicy: null,
            restrictPublicBuckets: null,
          },
        },
      ];
    }
    const evidence = { configured: true, ...configuration };
    const flagsOff = (Object.keys(FLAG_NAMES) as (keyof PublicAccessBlock)[])
      .filter((flag) => !configuration[flag])
      .map((flag) => FLAG_NAMES[flag]);
    if (flagsOff.length === 0) {
      return [
        {
          status: 'pass',
          resource,
          region: 'global',
          message: 'All four S3 Block Public Access settings are on for the account.',
          evidence,
        },
      ];
    }
    // Only the Ignore/Restrict settings disable grants that exist; with both on, what is missing
    // merely lets people write public grants that would be ignored anyway.
    const stillEffective = [
      ...(configuration.ignorePublicAcls ? [] : ['public bucket and object ACLs']),
      ...(configuration.restrictPublicBuckets ? [] : ['public bucket policies']),
    ];
    return [
      {
        status: 'fail',
        resource,
        region: 'global',
        message:
          stillEffective.length === 0
            ? `S3 Block Public Access for the account has ${flagsOff.join(', ')} off; existing public grants are still neutralised by IgnorePublicAcls and RestrictPublicBuckets.`
            : `S3 Block Public Access for the account has ${flagsOff.join(', ')} off, so ${stillEffective.join(' and ')} keep working unless each bucket blocks them itself.`,
        evidence: { ...evidence, flagsOff },
        ...(stillEffective.length === 0 ? { severity: 'low' as const, severityReason: 'IgnorePublicAcls and RestrictPublicBuckets still neutralise existing public grants' } : {}),
      },
    ];
  },
});
