import { defineCheck } from '../define.js';
import { accountArn } from '../arn.js';

export default defineCheck({
  id: 'iam-root-access-keys',
  title: 'Root user has no access keys',
  service: 'iam',
  severity: 'critical',
  rootCauses: ['root', 'leaked-keys'],
  needs: ['accountSummary'],
  reportsReach: 'everything',
  description:
    'Fails when the root user of the account has one or more access keys (GetAccountSummary AccountAccessKeysPresent).',
  rationale:
    'A root access key can do everything in the account, cannot be limited by any IAM policy or permission boundary, and never expires. Whoever finds it in a repository, a laptop backup or a CI log owns the account outright, as Chegg and the Expel root-key case show.',
  remediation: {
    summary: 'Delete the root user access keys and use IAM roles or IAM Identity Center for automation and people.',
    console: [
      'Sign in as the root user and open "Security credentials" from the account menu.',
      'Under "Access keys", deactivate each key, confirm nothing breaks, then delete it.',
    ],
    cli: 'aws iam get-account-summary --query "SummaryMap.AccountAccessKeysPresent"',
    docs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html',
  },
  attackSteps: [
    'Find the root access key where it leaked: a public or internal Git repository, a CI log, an old laptop backup, a pasted script.',
    'Confirm it with aws sts get-caller-identity: the ARN ends in ":root", so no IAM policy, permissions boundary or SCP in this account limits it.',
    'Create a backdoor IAM user or a second access key so that deleting the leaked key does not lock the attacker out.',
    'Copy or delete data in every region (S3, snapshots, databases), run cryptominers, or close off billing and MFA recovery, with nothing able to say no.',
  ],
  frameworks: {
    'cis-aws-1.2': ['1.12'],
    'cis-aws-1.4': ['1.4'],
    'cis-aws-3.0': ['1.4'],
    'cis-aws-5.0': ['1.3'],
    'aws-security-hub': ['IAM.4'],
  },
  incidents: [
    {
      incident: 'chegg-2018-04',
      kind: 'precondition',
      why: 'The FTC complaint says Chegg staff and contractors shared one AWS root credential, an access key with full administrative rights, and that a former contractor used it to take 40 million users\' data from S3.',
      source: 'https://www.ftc.gov/system/files/ftc_gov/pdf/2023151-Chegg-Complaint.pdf',
    },
    {
      incident: 'natures-basket-2020-07',
      kind: 'precondition',
      why: 'The researcher found root account access keys hard-coded in source code readable from a public S3 bucket and describes the result as a takeover of the whole AWS account.',
      source: 'https://web.archive.org/web/20200825004529/https://medium.com/@gchib/naturesbasket-aws-root-account-takeover-e4aa5c5e95e1',
    },
    {
      incident: 'pctattletale-2024-05',
      kind: 'precondition',
      why: 'TechCrunch reports that a flaw in the app gave the attacker AWS access keys of the account\'s root user, which were then used to publish the company\'s data.',
      source: 'https://techcrunch.com/2024/05/25/spyware-app-pctattletale-was-hacked-and-its-website-defaced/',
    },
    {
      incident: 'expel-case-study-2-2020-07',
      kind: 'precondition',
      why: 'Expel\'s SOC write-up traces a cryptojacking intrusion to a compromised access key of the account\'s root user.',
      source: 'https://web.archive.org/web/20210128055101/https://expel.io/blog/behind-the-scenes-expel-soc-alert-aws/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    const present = data.accountSummary.summaryMap['AccountAccessKeysPresent'];
    const resource = accountArn(partition, accountId);
    if (present === undefined) {
      return [
        {
          status: 'unknown',
          resource,
          region: 'global',
          message: 'GetAccountSummary did not report AccountAccessKeysPresent.',
          evidence: {},
        },
      ];
    }
    return [
      present > 0
        ? {
            status: 'fail',
            resource,
            region: 'global',
            message: 'The root user has an access key: a non-expiring credential with unrestricted power over the account.',
            evidence: { accountAccessKeysPresent: present },
          }
        : {
            status: 'pass',
            resource,
            region: 'global',
            message: 'The root user has no access keys.',
            evidence: { accountAccessKeysPresent: present },
          },
    ];
  },
});
