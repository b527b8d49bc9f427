import { defineCheck } from '../define.js';
import { accountArn } from '../arn.js';

export default defineCheck({
  id: 'iam-root-mfa',
  title: 'Root user signs in with MFA',
  service: 'iam',
  severity: 'critical',
  rootCauses: ['root', 'human-creds-mfa'],
  needs: ['accountSummary'],
  reportsReach: 'everything',
  description:
    'Fails when the root user of the account has no MFA device (GetAccountSummary AccountMFAEnabled is 0).',
  rationale:
    'Without MFA the root password alone opens the whole account: anyone who phishes it, finds it in a shared vault or resets it through a compromised root mailbox signs in with unrestricted power that no IAM policy can limit. At imToken a hijacked e-mail account was enough to reset the AWS account password and sign in.',
  remediation: {
    summary: 'Assign an MFA device (ideally a hardware key or passkey held by more than one person) to the root user.',
    console: [
      'Sign in as the root user and open "Security credentials" from the account menu.',
      'Under "Multi-factor authentication (MFA)", choose "Assign MFA device" and register a passkey, security key or authenticator app.',
      'Store the device or its recovery procedure where more than one trusted person can reach it.',
    ],
    cli: 'aws iam get-account-summary --query "SummaryMap.AccountMFAEnabled"',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html',
  },
  attackSteps: [
    'Obtain the root password: phish the root e-mail owner, reuse a password from another breach, or take over the root mailbox and use "Forgot password".',
    'Sign in to the console as root: with no MFA device registered, the password alone is accepted.',
    'Add the attacker\'s own MFA device and change the root e-mail address, so the rightful owner cannot recover the account.',
    'Delete instances, buckets, snapshots and backups or demand a ransom, with powers no IAM policy can restrict.',
  ],
  frameworks: {
    'cis-aws-1.2': ['1.13'],
    'cis-aws-1.4': ['1.5'],
    'cis-aws-3.0': ['1.5'],
    'cis-aws-5.0': ['1.4'],
    'aws-security-hub': ['IAM.9'],
  },
  incidents: [
    {
      incident: 'imtoken-2018-06',
      kind: 'precondition',
      why: 'imToken\'s disclosure says the attacker took over the e-mail account, reset the AWS account password through it and signed in with that password alone.',
      source: 'https://archive.ph/bRjXi',
    },
    {
      incident: 'ubiquiti-2021-04',
      kind: 'related',
      why: 'Krebs reports that credentials taken from an IT employee\'s password vault gave root administrator access to all of Ubiquiti\'s AWS accounts; the report does not say whether root had MFA.',
      source: 'https://web.archive.org/web/20210731152054/https://krebsonsecurity.com/2021/04/ubiquiti-all-but-confirms-breach-response-iniquity/',
    },
    {
      incident: 'chegg-2018-04',
      kind: 'related',
      why: 'The FTC complaint faults Chegg for a shared root credential and for not requiring MFA, though the credential abused was an access key rather than a root console sign-in.',
      source: 'https://www.ftc.gov/system/files/ftc_gov/pdf/2023151-Chegg-Complaint.pdf',
    },
  ],
  evaluate({ data, accountId, partition }) {
    const mfaEnabled = data.accountSummary.summaryMap['AccountMFAEnabled'];
    // Absent in older or emulated responses; only used to word the finding, never to pass it.
    const passwordPresent = data.accountSummary.summaryMap['AccountPasswordPresent'] ?? null;
    const resource = accountArn(partition, accountId);
    if (mfaEnabled === undefined) {
      return [
        {
          status: 'unknown',
          resource,
          region: 'global',
          message: 'GetAccountSummary did not report AccountMFAEnabled.',
          evidence: {},
        },
      ];
    }
    if (mfaEnabled > 0) {
      return [
        {
          status: 'pass',
          resource,
          region: 'global',
          message: 'The root user has an MFA device.',
          evidence: { accountMfaEnabled: mfaEnabled, accountPasswordPresent: passwordPresent },
        },
      ];
    }
    // A root user without a password is still exposed: whoever controls the root e-mail address
    // can set one through password recovery and sign in without a second factor (imToken).
    const message =
      passwordPresent === 0
        ? 'The root user has no MFA device. It has no password today, but anyone who controls the root e-mail address can set one through password recovery and sign in with a single factor.'
        : 'The root user has no MFA device: its password alone gives unrestricted control of the account.';
    return [
      {
        status: 'fail',
        resource,
        region: 'global',
        message,
        evidence: { accountMfaEnabled: mfaEnabled, accountPasswordPresent: passwordPresent },
      },
    ];
  },
});
