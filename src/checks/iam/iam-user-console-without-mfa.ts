import { defineCheck } from '../define.js';
import { forEachIamUser } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';

export default defineCheck({
  id: 'iam-user-console-without-mfa',
  title: 'IAM users with a console password have MFA',
  service: 'iam',
  severity: 'high',
  rootCauses: ['human-creds-mfa'],
  needs: ['credentialReport'],
  reportsReach: 'computed',
  description:
    'Fails for each IAM user whose console password is enabled while no MFA device is active (credential report: password_enabled true, mfa_active false). The root user is left to iam-root-mfa.',
  rationale:
    'A password alone is one phishing page, one reused password or one infostealer away from an attacker. Timehop lost the data of 21 million users through an administrator login without MFA, a sacked employee deleted 23 of Voova\'s servers with a colleague\'s stolen password, and Code Spaces was wiped out by someone who got into its console. MFA is a floor, not a ceiling: at LastPass a keylogger captured a password typed after a valid second factor, which is why phishing-resistant factors and few console users matter too.',
  remediation: {
    summary:
      'Require MFA for every IAM user who signs in to the console (a FIDO2 security key or passkey resists phishing best), or remove the console password and move people to IAM Identity Center.',
    console: [
      'Open IAM > Users and add the "MFA" and "Console last sign-in" columns.',
      'For each flagged user, open "Security credentials" and choose "Assign MFA device" (or ask the user to do it at their next sign-in).',
      'If the user does not need the console, choose "Manage console access" > "Disable".',
      'Attach a policy that denies everything except MFA self-management while aws:MultiFactorAuthPresent is false.',
    ],
    cli: 'aws iam list-mfa-devices --user-name USER  # then: aws iam delete-login-profile --user-name USER if the console is not needed',
    terraform: [
      '# Users who only need programmatic access get no aws_iam_user_login_profile; people get Identity Center.',
      'resource "aws_iam_group_policy" "require_mfa" {',
      '  name  = "deny-without-mfa"',
      '  group = aws_iam_group.console_users.name',
      '  policy = jsonencode({',
      '    Version = "2012-10-17"',
      '    Statement = [{',
      '      Sid       = "DenyAllWithoutMFA"',
      '      Effect    = "Deny"',
      '      NotAction = ["iam:CreateVirtualMFADevice", "iam:EnableMFADevice", "iam:ListMFADevices", "iam:GetUser", "sts:GetSessionToken"]',
      '      Resource  = "*"',
      '      Condition = { BoolIfExists = { "aws:MultiFactorAuthPresent" = "false" } }',
      '    }]',
      '  })',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html',
  },
  attackSteps: [
    'Phish the user with a fake AWS sign-in page, buy the password from an infostealer log, or try it from another breached site where it was reused.',
    'Sign in to the AWS console with the account id or alias, the user name and the password: no second factor is asked for.',
    'Create access keys or a new IAM user for persistence so that a password reset does not end the intrusion.',
    'Use the user\'s permissions to read data, start instances for mining, or, as at Code Spaces, delete the instances, snapshots and backups.',
  ],
  frameworks: {
    'cis-aws-1.2': ['1.2'],
    'cis-aws-1.4': ['1.10'],
    'cis-aws-3.0': ['1.10'],
    'cis-aws-5.0': ['1.9'],
    'aws-security-hub': ['IAM.5'],
  },
  incidents: [
    {
      incident: 'timehop-2018-07',
      kind: 'precondition',
      why: 'TechCrunch reports that Timehop\'s attacker signed in with an administrator\'s credentials to an account that had no multi-factor authentication.',
      source: 'https://techcrunch.com/2018/07/09/timehop-discloses-july-4-data-breach-affecting-21-million/',
    },
    {
      incident: 'voova-2019-03',
      kind: 'precondition',
      why: 'Naked Security reports that a sacked IT worker signed in to Voova\'s AWS account with a colleague\'s stolen login and deleted 23 servers, and that the trial heard two-factor authentication was missing.',
      source: 'https://nakedsecurity.sophos.com/2019/03/22/sacked-it-guy-annihilates-23-of-his-ex-employers-aws-servers/',
    },
    {
      incident: 'code-spaces-2014-06',
      kind: 'related',
      why: 'Threatpost reports that an intruder in Code Spaces\' AWS control panel deleted nearly everything, without saying how the login was obtained or whether MFA was on.',
      source: 'https://threatpost.com/hacker-puts-hosting-service-code-spaces-out-of-business/106761/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachIamUser({ partition, accountId }, data.credentialReport, {
      nothing: 'No IAM user has a console password.',
      judge: (row) => {
        const outcomes: CheckOutcome[] = [];
        const base = { resource: row.arn, region: 'global' };
        const evidence = { user: row.user, passwordEnabled: row.passwordEnabled, mfaActive: row.mfaActive, passwordLastUsed: row.passwordLastUsed };
        if (row.passwordEnabled === null) {
          outcomes.push({
            ...base,
            status: 'unknown',
            message: `The credential report does not say whether ${row.user} has a console password.`,
            evidence,
          });
        } else if (!row.passwordEnabled) {
          return outcomes;
        } else if (row.mfaActive) {
          outcomes.push({ ...base, status: 'pass', message: `${row.user} signs in to the console with MFA.`, evidence });
        } else {
          const lastUse = row.passwordLastUsed === null ? 'has never signed in' : `last signed in ${row.passwordLastUsed.slice(0, 10)}`;
          outcomes.push({
            ...base,
            status: 'fail',
            message: `${row.user} can sign in to the console with a password alone: no MFA device is active (${lastUse}).`,
            evidence,
          });
        }
        return outcomes;
      },
    });
  },
});
