import { defineCheck } from '../define.js';
import { forEachActiveKey, forEachIamUser } from '../outcomes.js';
import { wholeDaysSince } from '../../time.js';

/** A key this old that is still in use is the DXC / Uber pattern: escalate it. */
const ANCIENT_KEY_DAYS = 365;

export default defineCheck({
  id: 'iam-access-key-rotation',
  title: 'Active IAM user access keys are rotated within the allowed age',
  service: 'iam',
  severity: 'medium',
  rootCauses: ['leaked-keys'],
  needs: ['credentialReport'],
  reportsReach: 'computed',
  description:
    'Fails for each active access key of an IAM user whose creation date (credential report access_key_N_last_rotated) is older than maxKeyAgeDays (90 by default). The root user is left to iam-root-access-keys.',
  rationale:
    'A long-lived access key is copied into scripts, CI variables, laptops and repositories, and every copy stays valid until the key is deleted. The older the key, the more places it has leaked to: DXC lost a key through GitHub and 244 instances were started for cryptomining, Uber keys sat in a private repository for years, and Juspay was breached with an old key nobody had rotated. A key that is both ancient and still in use is the most likely to be live in an attacker\'s hands too.',
  remediation: {
    summary:
      'Create a second key, switch every consumer to it, deactivate the old key, then delete it; better, replace user keys with IAM roles or IAM Identity Center.',
    console: [
      'Open IAM > Users, choose the user and the "Security credentials" tab.',
      'Under "Access keys", create a new key and update every application that uses the old one.',
      'Make the old key inactive, confirm nothing breaks (check "Last used"), then delete it.',
    ],
    cli: 'aws iam create-access-key --user-name USER && aws iam update-access-key --user-name USER --access-key-id OLD_KEY_ID --status Inactive && aws iam delete-access-key --user-name USER --access-key-id OLD_KEY_ID',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html',
  },
  attackSteps: [
    'Collect an old access key from one of the many places it was copied to over the years: a repository history, a CI variable, a developer laptop, a Docker image layer.',
    'Check it still works with aws sts get-caller-identity; keys never expire, so a key leaked years ago is still valid today.',
    'Enumerate what the user may do (aws iam list-attached-user-policies, or simply try actions) and find the data stores and services it reaches.',
    'Exfiltrate data from S3 or databases, or launch instances for cryptomining, blending in with the key\'s normal daily use.',
  ],
  frameworks: {
    'cis-aws-1.2': ['1.4'],
    'cis-aws-1.4': ['1.14'],
    'cis-aws-3.0': ['1.14'],
    'cis-aws-5.0': ['1.13'],
    'aws-security-hub': ['IAM.3'],
  },
  incidents: [
    {
      incident: 'juspay-2021-01',
      kind: 'precondition',
      why: 'Threatpost reports that the intruder used an old AWS access key that Juspay had never rotated or retired.',
      source: 'https://web.archive.org/web/20210127001214/https://threatpost.com/data-from-august-breach-of-amazon-partner-juspay-dumped-online/162740/',
    },
    {
      incident: 'uber-2016-10',
      kind: 'related',
      why: 'Bloomberg reports that the attackers found AWS credentials in a private GitHub repository and used them to download the drivers\' and riders\' data from AWS; key age is not discussed.',
      source: 'https://web.archive.org/web/20210824171652/https://www.bloomberg.com/news/articles/2017-11-21/uber-concealed-cyberattack-that-exposed-57-million-people-s-data',
    },
    {
      incident: 'dxc-technologies-2017-11',
      kind: 'related',
      why: 'The Register reports that a private AWS key pushed to a public GitHub repository was used to start 244 instances; it does not say how old the key was.',
      source: 'https://web.archive.org/web/20210228215919/https://www.theregister.com/2017/11/14/dxc_github_aws_keys_leaked/',
    },
  ],
  evaluate({ data, now, options, accountId, partition }) {
    return forEachIamUser({ partition, accountId }, data.credentialReport, {
      nothing: 'No IAM user has an active access key.',
      judge: (row) =>
        forEachActiveKey(row, (key, qualifier) => {
          if (key.lastRotated === null) {
            return {
              status: 'unknown',
              resource: row.arn,
              qualifier,
              region: 'global',
              message: `The credential report gives no creation date for active access key ${key.slot} of ${row.user}.`,
              evidence: { user: row.user, keySlot: key.slot, lastUsed: key.lastUsed },
            };
          }
          const ageDays = wholeDaysSince(key.lastRotated, now);
          const evidence = {
            user: row.user,
            keySlot: key.slot,
            ageDays,
            maxKeyAgeDays: options.maxKeyAgeDays,
            lastRotated: key.lastRotated,
            lastUsed: key.lastUsed,
          };
          if (ageDays <= options.maxKeyAgeDays) {
            return {
              status: 'pass',
              resource: row.arn,
              qualifier,
              region: 'global',
              message: `Access key ${key.slot} of ${row.user} is ${ageDays} days old (limit ${options.maxKeyAgeDays}).`,
              evidence,
            };
          }
          const usedRecently =
            key.lastUsed !== null && wholeDaysSince(key.lastUsed, now) <= options.maxUnusedDays;
          const live = ageDays > ANCIENT_KEY_DAYS && usedRecently;
          return {
            status: 'fail',
            resource: row.arn,
            qualifier,
            region: 'global',
            message: live
              ? `Access key ${key.slot} of ${row.user} is ${ageDays} days old and was used in the last ${options.maxUnusedDays} days: an ancient key that is still live.`
              : `Access key ${key.slot} of ${row.user} is ${ageDays} days old, more than the ${options.maxKeyAgeDays} days allowed.`,
            evidence,
            ...(live ? { severity: 'high' as const, severityReason: 'the old key is still in use' } : {}),
          };
        }),
    });
  },
});
