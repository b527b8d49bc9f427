import { defineCheck } from '../define.js';
import { forEachActiveKey, forEachIamUser } from '../outcomes.js';
import { wholeDaysSince } from '../../time.js';

export default defineCheck({
  id: 'iam-access-key-unused',
  title: 'Active IAM user access keys are in use',
  service: 'iam',
  severity: 'medium',
  rootCauses: ['departed-stale', 'leaked-keys'],
  needs: ['credentialReport'],
  reportsReach: 'computed',
  description:
    'Fails for each active access key of an IAM user that was last used more than maxUnusedDays ago (45 by default), or that was never used and was created more than maxUnusedDays ago. The root user is left to iam-root-access-keys.',
  rationale:
    'An active key nobody uses any more usually belongs to someone who left or to a retired job, so nobody notices when it starts being used again. Access outlived the job at Cisco, where a former engineer deleted 450 instances five months after resigning, and Juspay was breached through an old key nobody had retired; a key that is never exercised by its owner is also the one whose leak goes unseen the longest.',
  remediation: {
    summary: 'Deactivate access keys that are not used, then delete them once nothing has complained; offboard departed users completely.',
    console: [
      'Open IAM > Users and add the "Access key last used" column.',
      'For each flagged key, open the user\'s "Security credentials" tab and choose "Deactivate".',
      'After a grace period with no breakage, delete the key (and the user if its owner has left).',
    ],
    cli: 'aws iam update-access-key --user-name USER --access-key-id KEY_ID --status Inactive',
    terraform: [
      '# For keys managed by Terraform: deactivate first, delete the resource after the grace period.',
      'resource "aws_iam_access_key" "example" {',
      '  user   = aws_iam_user.example.name',
      '  status = "Inactive"',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
  },
  attackSteps: [
    'Keep or find the key of someone who has left, or of a retired integration: nobody revoked it because nobody owns it any more.',
    'Use it from the attacker\'s own network; since the owner never uses the key, nobody notices new activity or is asked about it.',
    'Explore the permissions the key still carries and create a more durable foothold (a new user, a new key, a role trust).',
    'Delete servers, copy customer data or extort the company, as the former engineer at Cisco deleted instances.',
  ],
  frameworks: {
    'cis-aws-1.2': ['1.3'],
    'cis-aws-1.4': ['1.12'],
    'cis-aws-3.0': ['1.12'],
    'cis-aws-5.0': ['1.11'],
    'aws-security-hub': ['IAM.8', 'IAM.22'],
  },
  incidents: [
    {
      incident: 'juspay-2021-01',
      kind: 'related',
      why: 'Threatpost reports that the breach used an old access key nobody had rotated or retired, the kind of forgotten key this check brings to light when it has also stopped being used.',
      source: 'https://web.archive.org/web/20210127001214/https://threatpost.com/data-from-august-breach-of-amazon-partner-juspay-dumped-online/162740/',
    },
    {
      incident: 'cisco-2020-12',
      kind: 'related',
      why: 'ZDNet reports that a former engineer still reached Cisco\'s AWS account five months after resigning and deleted about 450 instances; the credential he used is not named.',
      source: 'https://web.archive.org/web/20210304053727/https://www.zdnet.com/article/former-cisco-engineer-sentenced-to-prison-for-deleting-16k-webex-accounts/',
    },
    {
      incident: 'mandiant-insider-threat-scenario-2020-09',
      kind: 'related',
      why: 'Mandiant\'s talk describes a dismissed employee whose credentials kept working and who used them to reach a CI/CD server and create a new user; the credential type is not stated.',
      source: 'https://web.archive.org/web/20201103091354/https://www.youtube.com/watch?v=rtEjI_5TPdw&feature=youtu.be/',
    },
    {
      incident: 'malindo-air-2019-09',
      kind: 'related',
      why: 'Infosecurity Magazine reports the breach as an inside job by former staff of a contractor, without saying which credentials were used.',
      source: 'https://www.infosecurity-magazine.com/news/malindo-air-data-breach-was-inside/',
    },
  ],
  evaluate({ data, now, options, accountId, partition }) {
    const limit = options.maxUnusedDays;
    return forEachIamUser({ partition, accountId }, data.credentialReport, {
      nothing: 'No IAM user has an active access key.',
      judge: (row) =>
        forEachActiveKey(row, (key, qualifier) => {
          const base = { resource: row.arn, qualifier, region: 'global' };
          if (key.lastUsed !== null) {
            const daysSinceUse = wholeDaysSince(key.lastUsed, now);
            const evidence = { user: row.user, keySlot: key.slot, lastUsed: key.lastUsed, daysSinceUse, maxUnusedDays: limit };
            return daysSinceUse > limit
              ? {
                  ...base,
                  status: 'fail',
                  message: `Access key ${key.slot} of ${row.user} is active but was last used ${daysSinceUse} days ago (limit ${limit}).`,
                  evidence,
                }
              : {
                  ...base,
                  status: 'pass',
                  message: `Access key ${key.slot} of ${row.user} was used ${daysSinceUse} days ago.`,
                  evidence,
                };
          }
          // Never used: the key's creation date (last_rotated) tells how long it has sat idle.
          if (key.lastRotated === null) {
            return {
              ...base,
              status: 'unknown',
              message: `Access key ${key.slot} of ${row.user} was never used and the credential report gives no creation date.`,
              evidence: { user: row.user, keySlot: key.slot, lastUsed: null },
            };
          }
          const createdDaysAgo = wholeDaysSince(key.lastRotated, now);
          const evidence = { user: row.user, keySlot: key.slot, lastUsed: null, createdDaysAgo, maxUnusedDays: limit };
          return createdDaysAgo > limit
            ? {
                ...base,
                status: 'fail',
                message: `Access key ${key.slot} of ${row.user} is active, was created ${createdDaysAgo} days ago and has never been used.`,
                evidence,
              }
            : {
                ...base,
                status: 'pass',
                message: `Access key ${key.slot} of ${row.user} has not been used yet but was created only ${createdDaysAgo} days ago.`,
                evidence,
              };
        }),
    });
  },
});
