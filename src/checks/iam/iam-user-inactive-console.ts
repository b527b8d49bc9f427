import { defineCheck } from '../define.js';
import { forEachIamUser } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import { wholeDaysSince } from '../../time.js';
import type { CredentialReportRow } from '../../inventory/schema.js';

function judgeUser(row: CredentialReportRow, now: Date, limit: number): CheckOutcome {
  const base = { resource: row.arn, region: 'global' };
  if (row.passwordLastUsed !== null) {
    const daysSinceUse = wholeDaysSince(row.passwordLastUsed, now);
    const evidence = { user: row.user, passwordLastUsed: row.passwordLastUsed, daysSinceUse, maxInactiveConsoleDays: limit, mfaActive: row.mfaActive };
    return daysSinceUse > limit
      ? {
          ...base,
          status: 'fail',
          message: `${row.user} still has a console password but last signed in ${daysSinceUse} days ago (limit ${limit}).`,
          evidence,
        }
      : { ...base, status: 'pass', message: `${row.user} signed in to the console ${daysSinceUse} days ago.`, evidence };
  }
  // Never used: the password's age (or the user's, when AWS gives no password date) is how long
  // the login has sat idle. AWS also reports "never" for sign-ins before it started tracking them.
  const since = row.passwordLastChanged ?? row.userCreationTime;
  if (since === null) {
    return {
      ...base,
      status: 'unknown',
      message: `${row.user} has a console password that was never used, and the credential report gives neither the password's nor the user's creation date.`,
      evidence: { user: row.user, passwordLastUsed: null, maxInactiveConsoleDays: limit },
    };
  }
  const idleDays = wholeDaysSince(since, now);
  const evidence = {
    user: row.user,
    passwordLastUsed: null,
    idleSince: since,
    idleSinceSource: row.passwordLastChanged === null ? 'user creation' : 'password last changed',
    idleDays,
    maxInactiveConsoleDays: limit,
    mfaActive: row.mfaActive,
  };
  return idleDays > limit
    ? {
        ...base,
        status: 'fail',
        message: `${row.user} has had a console password for ${idleDays} days and has never signed in with it (limit ${limit}).`,
        evidence,
      }
    : {
        ...base,
        status: 'pass',
        message: `${row.user} has not signed in yet, but the password is only ${idleDays} days old.`,
        evidence,
      };
}

export default defineCheck({
  id: 'iam-user-inactive-console',
  title: 'IAM console passwords are in use',
  service: 'iam',
  severity: 'medium',
  rootCauses: ['departed-stale'],
  needs: ['credentialReport'],
  reportsReach: 'computed',
  description:
    'Fails for each IAM user whose console password is enabled but was last used more than maxInactiveConsoleDays ago (90 by default, --max-inactive-days), or was never used and was set (or the user created) longer ago than that. CIS 1.4 and later and Security Hub IAM.22 use 45 days: pass --max-inactive-days 45 to match them. The root user is left to the root checks.',
  rationale:
    'A console login nobody uses is usually a person who has left, and because the owner is gone nobody notices when it signs in again. Former staff kept access after leaving at Cisco (five months after resigning, 450 instances deleted) and First Republic Bank; the write-ups do not say which kind of credential they used, and an unused console password is one of the few a scan can see.',
  remediation: {
    summary: 'Remove the console password of users who no longer sign in, and make disabling AWS access part of offboarding; prefer IAM Identity Center so leaving the company ends AWS access.',
    console: [
      'Open IAM > Users and add the "Console last sign-in" column.',
      'For each flagged user, open "Security credentials" and choose "Manage console access" > "Disable".',
      'If the person has left, also deactivate their access keys and delete the user after a grace period.',
    ],
    cli: 'aws iam delete-login-profile --user-name USER',
    terraform: [
      '# Remove the aws_iam_user_login_profile of users who no longer sign in; give people Identity Center access instead.',
      'resource "aws_iam_account_password_policy" "strict" {',
      '  minimum_password_length        = 14',
      '  max_password_age               = 90',
      '  password_reuse_prevention      = 24',
      '  allow_users_to_change_password = true',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html',
  },
  attackSteps: [
    'A person leaves (or a shared admin login falls out of use) and nobody removes the console password; the former owner, or whoever has their password manager, still knows it.',
    'Sign in to the console months later: the account id, user name and password still work, and no one watches a login that is supposed to be dormant.',
    'Create a new access key or IAM user so that access survives if the old password is finally removed.',
    'Delete instances and data out of revenge (as the former engineer did at Cisco) or copy customer data out, with the permissions the user was given years ago.',
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
      incident: 'cisco-2020-12',
      kind: 'related',
      why: 'ZDNet reports that a former engineer still reached Cisco\'s AWS account five months after resigning and deleted about 450 instances; the credential he used is not named.',
      source: 'https://web.archive.org/web/20210304053727/https://www.zdnet.com/article/former-cisco-engineer-sentenced-to-prison-for-deleting-16k-webex-accounts/',
    },
    {
      incident: 'first-republic-bank-2020-03',
      kind: 'related',
      why: 'The breaches.cloud entry says a fired employee was not completely offboarded and disrupted systems afterwards, without naming the login left active.',
      source: 'https://www.breaches.cloud/incidents/first-republic/',
    },
    {
      incident: 'mandiant-insider-threat-scenario-2020-09',
      kind: 'related',
      why: 'Mandiant\'s talk describes a dismissed employee whose credentials kept working and who used them to reach a CI/CD server and create a new user; the credential type is not stated.',
      source: 'https://web.archive.org/web/20201103091354/https://www.youtube.com/watch?v=rtEjI_5TPdw&feature=youtu.be/',
    },
    {
      incident: 'kiranapro-2025-06',
      kind: 'related',
      why: 'TechCrunch reports that KiranaPro\'s servers were deleted in an attack attributed to a former employee after layoffs, without naming the access that remained.',
      source: 'https://techcrunch.com/2025/06/03/indian-grocery-startup-kiranapro-was-hacked-and-its-servers-deleted-ceo-confirms/',
    },
  ],
  evaluate({ data, now, options, accountId, partition }) {
    const limit = options.maxInactiveConsoleDays;
    return forEachIamUser({ partition, accountId }, data.credentialReport, {
      nothing: 'No IAM user has a console password.',
      judge: (row) => {
        if (row.passwordEnabled === null) {
          return [
            {
              resource: row.arn,
              region: 'global',
              status: 'unknown',
              message: `The credential report does not say whether ${row.user} has a console password.`,
              evidence: { user: row.user, passwordEnabled: null },
            },
          ];
        }
        return row.passwordEnabled ? [judgeUser(row, now, limit)] : [];
      },
    });
  },
});
