import type { Incident } from '../types.js';

/**
 * Vendor-reported case studies, rows 104..136 of shared/reference/incident-catalog.json.
 * `name` is the reporting vendor or researcher; none of these rows names the victim.
 */
export const vendorCaseStudies2023To2025: Incident[] = [
  {
    id: 'aws-ecs-port-2023-08',
    name: 'AWS',
    date: '2023-08',
    section: 'vendor-case-study',
    primaryCause: 'exposed-hosts',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause:
      'A port left open by mistake in an ECS task definition let an attacker execute code remotely inside the task.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The attacker used the compromised compute to mine cryptocurrency.',
    impactShort: 'Cryptojacking through an exposed ECS task port',
    lesson:
      'Port mappings in a container task are network exposure just as much as an EC2 listener is. Review the security groups of ECS services for rules open to 0.0.0.0/0 and check which tasks receive public IP addresses. A narrow task role caps what a remote-code bug can spend or reach.',
    links: [
      {
        title:
          'Two real-life examples of why limiting permissions works: Lessons from AWS CIRT - Story 2: More instances for crypto mining',
        url: 'https://aws.amazon.com/blogs/security/two-real-life-examples-of-why-limiting-permissions-works-lessons-from-aws-cirt/',
      },
    ],
  },
  {
    id: 'security-joes-2023-09',
    name: 'Security Joes',
    date: '2023-09',
    section: 'vendor-case-study',
    primaryCause: 'exposed-hosts',
    secondaryCauses: ['app-vuln'],
    patterns: [],
    rootCause:
      'Attackers exploited an outdated, vulnerable MinIO object-storage server running on an EC2 instance, using the evil_minIO exploit.',
    escalation: 'From that host they scanned the network and created Windows accounts.',
    impact: 'The write-up does not state what the intrusion finally cost the victim.',
    impactShort: 'Impact not stated (MinIO host compromised)',
    lesson:
      'Self-hosted services such as MinIO on EC2 sit outside AWS patching and need their own update routine. A read-only scan cannot see the software version, but it can flag instances whose security groups admit the whole internet on service or admin ports, which is what made the vulnerable server reachable. Patch those exposed hosts first.',
    links: [
      {
        title: 'New Attack Vector In The Cloud: Attackers caught exploiting Object Storage Services',
        url: 'https://www.securityjoes.com/post/new-attack-vector-in-the-cloud-attackers-caught-exploiting-object-storage-services',
      },
      { title: 'evil_minIO', url: 'https://github.com/AbelChe/evil_minio' },
    ],
  },
  {
    id: 'unit42-2023-10',
    name: 'Unit 42',
    date: '2023-10',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'AWS credentials were published on GitHub.',
    escalation: 'The attacker used them to launch EC2 instances.',
    impact: 'The new instances mined Monero for the attacker.',
    impactShort: 'Monero mining on attacker-launched EC2',
    lesson:
      'Automated scanners comb public repositories for keys, so every long-lived key should be treated as something that will leak one day. List IAM users with active access keys, their age and their last use, and move developers and pipelines to short-lived role credentials. A key allowed to start EC2 instances can also run up a mining bill.',
    links: [
      {
        title: 'CloudKeys in the Air: Tracking Malicious Operations of Exposed IAM Keys',
        url: 'https://unit42.paloaltonetworks.com/malicious-operations-of-exposed-iam-keys-cryptojacking/',
      },
    ],
  },
  {
    id: 'reliaquest-2023-11',
    name: 'ReliaQuest',
    date: '2023-11',
    section: 'vendor-case-study',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A spearphishing attack gave the attacker an initial foothold.',
    escalation: 'The attacker then took over a Citrix virtual desktop (VDI) session.',
    impact: 'Data was stolen, including a LastPass export that had been kept in an S3 bucket.',
    impactShort: 'Data theft, incl. a LastPass export in S3',
    lesson:
      'Phishing goes after people, so the account-side defence is making a stolen password useless on its own. Flag every IAM user with a console password and no MFA device, and prefer phishing-resistant factors. Exported password vaults are credentials in bulk and do not belong in an ordinary bucket.',
    links: [
      {
        title: 'Scattered Spider Attack Analysis',
        url: 'https://www.reliaquest.com/blog/scattered-spider-attack-analysis-account-compromise/',
      },
    ],
  },
  {
    id: 'aws-cirt-2024-01',
    name: 'AWS CIRT',
    date: '2024-01',
    section: 'vendor-case-study',
    primaryCause: 'third-party',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A third-party identity provider trusted by the account was compromised.',
    escalation: 'Through that provider the attacker obtained federated access to the AWS environment.',
    impact: 'Data was exfiltrated from the environment.',
    impactShort: 'Data exfiltration via federated access',
    lesson:
      'When an outside identity provider vouches for your users, its compromise becomes yours. A read-only scan can list SAML and OIDC providers and the roles that trust them, which tells you how much such a provider can hand out. Keep federated roles scoped to real needs and know how to disable a provider quickly.',
    notCoverable: 'A trusted identity provider outside AWS was compromised, and trusting it is not itself a setting a read-only check could fault.',
    links: [
      {
        title: 'How to investigate and respond to compromised third-party identity provider keys',
        url: 'https://aws.amazon.com/blogs/security/how-to-investigate-and-respond-to-compromised-third-party-identity-provider-keys/',
      },
    ],
  },
  {
    id: 'datadog-1-2024-01',
    name: 'Datadog #1',
    date: '2024-01',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'cryptomining'],
    rootCause: 'The long-lived access key of an IAM user leaked.',
    escalation: 'The attacker used it to create a new IAM user with administrator rights.',
    impact: 'Data was copied out of S3 and the attacker also tried to mine cryptocurrency.',
    impactShort: 'S3 data theft and attempted cryptomining',
    lesson:
      'One leaked user key was enough to mint a fresh administrator, and that new identity outlives the disabled original. Look for access keys that are old, unused or attached to broadly privileged users, and review recently created users holding admin policies. Deleting the leaked key is only half of the cleanup when new identities were added.',
    links: [
      {
        title: 'Tales from the cloud trenches: Amazon ECS is the new EC2 for crypto mining',
        url: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-ecs-crypto-mining/',
      },
    ],
  },
  {
    id: 'datadog-2-2024-01',
    name: 'Datadog #2',
    date: '2024-01',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'A long-lived IAM user access key was leaked.',
    escalation: 'The write-up does not report any further escalation.',
    impact: 'The attacker ran XMRig cryptocurrency miners on ECS Fargate.',
    impactShort: 'XMRig mining on ECS Fargate',
    lesson:
      'Serverless containers are compute too: a key that can register task definitions and run Fargate tasks can mine without a single EC2 instance appearing. When judging what a user key can do, look past ec2:RunInstances to every service that launches workloads. Retiring user keys nobody uses closes the easiest route.',
    links: [
      {
        title: 'Tales from the cloud trenches: Amazon ECS is the new EC2 for crypto mining',
        url: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-ecs-crypto-mining/',
      },
    ],
  },
  {
    id: 'invictus-ir-2024-01',
    name: 'Invictus IR',
    date: '2024-01',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'ses-sns-abuse', 'cryptomining'],
    rootCause: 'An access key belonging to an IAM user with administrator rights was exposed.',
    escalation:
      'The attacker created an admin IAM user, added access keys to existing users and set up a role that an outside account could assume.',
    impact:
      'The account was used for cryptomining, for spam and phishing sent through SES, and for registering domains as phishing infrastructure.',
    impactShort: 'Cryptomining, SES phishing and phishing domains',
    lesson:
      'An administrator key is the jackpot for an intruder because it unlocks every kind of abuse at once. Flag IAM users that combine active access keys with admin policies, and read role trust policies for account principals you do not recognise. A second access key on a user that nobody remembers creating deserves a question.',
    links: [
      {
        title: 'The curious case of DangerDev@protonmail.me',
        url: 'https://www.invictus-ir.com/news/the-curious-case-of-dangerdev-protonmail-me',
      },
    ],
  },
  {
    id: 'stephen-berger-infoguardag-2024-02',
    name: 'Stephen Berger (InfoGuard AG)',
    date: '2024-02',
    section: 'vendor-case-study',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'The write-up does not say how the attacker got in.',
    escalation: 'How the attacker moved inside the account is not described.',
    impact: 'The attacker deleted S3 buckets as part of a ransom attack.',
    impactShort: 'S3 ransomware: buckets deleted',
    lesson:
      'With the entry point unknown, the lesson is about recovery: data that one set of credentials can delete can be held to ransom. Check buckets for versioning, MFA delete and Object Lock, and keep backups in a separate account or a locked AWS Backup vault. An active CloudTrail trail gives the next investigation a chance to find the root cause.',
    links: [{ title: 'AWS Ransomware', url: 'https://dfir.ch/posts/aws_ransomware/' }],
  },
  {
    id: 'sysdig-2024-03',
    name: 'Sysdig',
    date: '2024-03',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'Attackers exploited vulnerable Laravel and WordPress applications.',
    escalation: 'Any movement beyond the exploited applications is not covered by the write-up.',
    impact: 'The compromised resources were put to work mining through the Meson CDN network.',
    impactShort: 'Meson CDN cryptomining',
    lesson:
      'Known-vulnerable web frameworks remain a common first step into a cloud account. Keep internet-facing hosts patched and scanned, and let security groups admit only the traffic they need. The role attached to such a host defines what an attacker inherits, so require IMDSv2 and keep instance roles small.',
    links: [
      {
        title: 'Cloud Threats deploying Crypto CDN',
        url: 'https://sysdig.com/blog/cloud-threats-deploying-crypto-cdn/',
      },
    ],
  },
  {
    id: 'datadog-2024-03',
    name: 'Datadog',
    date: '2024-03',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['ses-sns-abuse'],
    rootCause: 'Credentials for the account were compromised; the write-up summary does not say what kind.',
    escalation: 'The write-up does not describe how the attacker extended their access.',
    impact: 'The attacker used Amazon SNS to send SMS phishing messages.',
    impactShort: 'SMS phishing sent through Amazon SNS',
    lesson:
      'Messaging services turn a stolen credential into a phishing platform billed to you and sent under your reputation. Know whether the account has left the SNS SMS sandbox and which identities may publish SMS or send email. Credentials that never need to message anyone should not hold sns:Publish or ses:Send* permissions.',
    links: [
      {
        title: 'Tales from the cloud trenches: Using malicious AWS activity to spot phishing campaigns',
        url: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-aws-activity-to-phishing/',
      },
    ],
  },
  {
    id: 'mandiant-2024-04',
    name: 'Mandiant',
    date: '2024-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['departed-stale', 'human-creds-mfa'],
    patterns: ['destruction-extortion'],
    rootCause:
      "A phishing attack exposed credentials that were kept in a former employee's personal Google Drive.",
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Data was taken from S3 and buckets were deleted in a ransom-style attack.',
    impactShort: 'S3 data theft and bucket-deletion ransom',
    lesson:
      'Credentials copied to personal storage outlive the job of the person who holds them, so offboarding has to revoke keys as well as disable accounts. Flag access keys and console passwords that have gone unused for months. Require MFA for console users, and protect critical buckets with versioning or Object Lock so deletion cannot turn into extortion.',
    links: [
      {
        title:
          'Cloud compromises: Lessons learned from Mandiant investigations in 2023 - Incident Response Case Study #4',
        url: 'https://assets.swoogo.com/uploads/3783545-66183eb421ec0.pdf',
      },
    ],
  },
  {
    id: 'sysdig-2024-05',
    name: 'Sysdig',
    date: '2024-05',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: [],
    patterns: ['llmjacking'],
    rootCause: 'Attackers exploited CVE-2021-3129, a known vulnerability in Laravel.',
    escalation: 'The steps between the exploit and the abuse are not described in the write-up.',
    impact: "The attacker abused the victim's access to hosted large language models (LLMjacking).",
    impactShort: 'LLMjacking after a Laravel exploit',
    lesson:
      'An old framework vulnerability became a path to paid AI model usage. Patch internet-facing applications, and make sure the credentials they hold cannot invoke Bedrock models unless that is their job. Looking for policies that grant bedrock:InvokeModel on every resource, and checking whether model invocation logging is on, shows how exposed you are.',
    links: [
      {
        title: 'LLMjacking: Stolen Cloud Credentials Used in New AI Attack',
        url: 'https://sysdig.com/blog/llmjacking-stolen-cloud-credentials-used-in-new-ai-attack/',
      },
    ],
  },
  {
    id: 'lacework-2024-06',
    name: 'Lacework',
    date: '2024-06',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'llmjacking'],
    rootCause: 'Credentials were stolen or otherwise compromised.',
    escalation: 'The attacker created a new console user.',
    impact: 'Access to cloud-hosted AI models was hijacked (LLMjacking).',
    impactShort: 'LLMjacking after a new console user',
    lesson:
      'A new console user is a cheap way for an intruder to stay in after the first credential is revoked. Review IAM users with login profiles against the people you know, and require MFA on every console password so an unexpected user stands out. Few identities should be able to call iam:CreateUser or iam:CreateLoginProfile at all.',
    links: [
      {
        title: 'Detecting AI resource-hijacking with Composite Alerts',
        url: 'https://www.lacework.com/blog/detecting-ai-resource-hijacking-with-composite-alerts',
      },
    ],
  },
  {
    id: 'datadog-2024-06',
    name: 'Datadog',
    date: '2024-06',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['llmjacking'],
    rootCause: 'The attacker held stolen or compromised credentials.',
    escalation: 'No further escalation is described in the write-up.',
    impact: "The attacker ran AI models at the victim's expense (LLMjacking).",
    impactShort: 'LLMjacking',
    lesson:
      'LLMjacking needs nothing more than a credential with Bedrock permissions and a region where models are enabled. Audit which users and roles can invoke models, and turn on Bedrock model invocation logging so unusual use is visible. Stale keys with broad permissions are the cheapest entry point to remove.',
    links: [
      {
        title: 'Tales from the cloud trenches: Raiding for AWS vaults, buckets and secrets',
        url: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-raiding-for-vaults-buckets-secrets/',
      },
    ],
  },
  {
    id: 'yotam-meitar-wiz-2024-06',
    name: 'Yotam Meitar (Wiz)',
    date: '2024-06',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['imds-ssrf', 'secrets-compute'],
    patterns: ['destruction-extortion'],
    rootCause: 'A vulnerable application running in a Kubernetes pod was compromised.',
    escalation:
      'Overly broad access to secrets let the attacker retrieve credentials tied to the identity provider.',
    impact: 'Data was exfiltrated from S3 and the victim faced a ransom demand.',
    impactShort: 'S3 data theft and ransom',
    lesson:
      'One compromised pod reached far beyond its workload because the identity it ran with could read secrets it did not need. Check that node and instance roles are least-privilege, and that IMDSv2 with a hop limit of 1 stops pods from borrowing node credentials. Identity-provider credentials belong in a secret store only a few principals can read.',
    links: [
      {
        title: 'Responding to Sophisticated Ransom Attacks in the Cloud: A Real-World Case Study',
        url: 'https://www.youtube.com/watch?v=f066e7WndTQ',
      },
    ],
  },
  {
    id: 'rapid7-1-2024-07',
    name: 'Rapid7 #1',
    date: '2024-07',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'ses-sns-abuse', 'destruction-extortion'],
    rootCause: 'A credential was compromised; its type is not stated.',
    escalation: 'The attacker created an SES user and a KMS key.',
    impact: 'Data was exfiltrated and destroyed.',
    impactShort: 'Data exfiltration and destruction',
    lesson:
      'A KMS key created by an intruder deserves attention, because its key policy can be written to lock the owner out of whatever it encrypts. Review newly created IAM users that can send through SES and customer-managed keys nobody requested. Versioning, Object Lock and backups held in an isolated account decide whether destruction is recoverable.',
    links: [
      {
        title: 'Cloud Attack Paths Unveiled: Lessons Learned from the SOC',
        url: 'https://2631050.fs1.hubspotusercontent-na1.net/hubfs/2631050/1108-24/Day%201%20-%20Presentations/Daniel%20Comarmond.pdf',
      },
    ],
  },
  {
    id: 'rapid7-2-2024-07',
    name: 'Rapid7 #2',
    date: '2024-07',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'ses-sns-abuse'],
    rootCause: 'A credential was found in a publicly accessible S3 bucket.',
    escalation: 'The attacker created IAM users that were allowed to use SES.',
    impact: 'SES was abused to send email.',
    impactShort: 'SES email abuse',
    lesson:
      'Public buckets leak more than customer records; configuration files in them often carry keys. Turn on S3 Block Public Access at the account level and review bucket policies and ACLs for public grants. Then check whether any IAM user can send through SES without a business reason.',
    links: [
      {
        title: 'Cloud Attack Paths Unveiled: Lessons Learned from the SOC',
        url: 'https://2631050.fs1.hubspotusercontent-na1.net/hubfs/2631050/1108-24/Day%201%20-%20Presentations/Daniel%20Comarmond.pdf',
      },
    ],
  },
  {
    id: 'unit42-2024-08',
    name: 'Unit 42',
    date: '2024-08',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'AWS credentials had been exposed.',
    escalation: 'The report does not describe any escalation after the initial access.',
    impact: 'Data was stolen from S3 and the victim was extorted.',
    impactShort: 'S3 data theft and extortion',
    lesson:
      'Read access to S3 is all an extortion group needs to steal data and demand payment, so exposed keys are worth hunting for. Inventory long-lived access keys together with their policies; a key that can read every bucket is a data breach in waiting. Short-lived role credentials shrink the time a leaked secret stays useful.',
    links: [
      {
        title: 'Bling Libra’s Tactical Evolution: The Threat Actor Group Behind ShinyHunters Ransomware',
        url: 'https://unit42.paloaltonetworks.com/shinyhunters-ransomware-extortion/',
      },
    ],
  },
  {
    id: 'wiz-2024-09',
    name: 'Wiz',
    date: '2024-09',
    section: 'vendor-case-study',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'Social engineering led a user to run an infostealer.',
    escalation:
      'The attacker hijacked a remote session, used RDP to reach a server in the cloud and took AWS access keys from it.',
    impact: 'Data was exfiltrated.',
    impactShort: 'Data exfiltration',
    lesson:
      'Access keys stored on a server are only as safe as every path to that server. Prefer instance roles to keys on hosts, and scan user data and configuration for AKIA-style secrets. Keep RDP closed to 0.0.0.0/0 and require MFA on the human accounts that can reach it.',
    links: [
      {
        title: 'Uncovering Hybrid Cloud Attacks Part 2 – The Attack',
        url: 'https://www.wiz.io/blog/uncovering-hybrid-cloud-attacks-part-2-the-attack',
      },
    ],
  },
  {
    id: 'permiso-2024-10',
    name: 'Permiso',
    date: '2024-10',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['llmjacking'],
    rootCause: 'Access came from stolen or compromised credentials.',
    escalation: 'The write-up does not say what the attacker did beyond using the credentials.',
    impact: 'Hosted AI models were abused (LLMjacking).',
    impactShort: 'LLMjacking of hosted models',
    lesson:
      'Stolen cloud keys are now spent on AI model access as readily as on mining. Know which identities can invoke Bedrock and in which regions model access is switched on. Removing unused long-lived keys leaves less for anyone to steal.',
    links: [
      {
        title: 'When AI Gets Hijacked: Exploiting Hosted Models for Dark Roleplaying',
        url: 'https://permiso.io/blog/exploiting-hosted-models',
      },
    ],
  },
  {
    id: 'datadog-2024-12',
    name: 'Datadog',
    date: '2024-12',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'ses-sns-abuse'],
    rootCause: 'The intruder used stolen or compromised credentials.',
    escalation: "The attacker created a new role that their own AWS account could assume.",
    impact: 'The attacker went after SES, the email-sending service.',
    impactShort: 'SES targeted after a backdoor role',
    lesson:
      'A role that trusts an outside account is persistence that survives password resets and key rotation. Scan role trust policies for external account principals you cannot name, and use IAM Access Analyzer external-access findings to keep that list short. Restrict who may create roles or edit trust policies.',
    links: [
      {
        title: 'Tales from the cloud trenches: Unwanted visitor',
        url: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-unwanted-visitor/#key-points-and-observations',
      },
    ],
  },
  {
    id: 'wiz-2024-12',
    name: 'Wiz',
    date: '2024-12',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'llmjacking'],
    rootCause: 'Stolen or compromised credentials provided the first access.',
    escalation: 'New IAM users and access keys were created.',
    impact: 'The account was used for LLMjacking.',
    impactShort: 'LLMjacking with backdoor users and keys',
    lesson:
      'Extra users and keys created by an intruder keep the model abuse going after the first credential is revoked. Compare IAM users and key creation dates with what your team actually provisioned, and flag users with two active keys. Policies that allow bedrock:InvokeModel on all models deserve the same scrutiny as admin rights.',
    links: [
      {
        title: 'New Developments in LLM Hijacking Activity',
        url: 'https://www.wiz.io/blog/jinx-2401-llm-hijacking-aws',
      },
    ],
  },
  {
    id: 'sygnia-2025-01',
    name: 'Sygnia',
    date: '2025-01',
    section: 'vendor-case-study',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: [],
    rootCause: "An infostealer was planted on a user's machine through social engineering.",
    escalation:
      'The attacker escalated privileges through Lambda and used that to run commands on an EC2 instance.',
    impact: 'The report says only that the attacker made API calls against critical assets.',
    impactShort: 'API calls against critical assets',
    lesson:
      'Infostealers collect stored passwords and live sessions, so console MFA is necessary but not sufficient. Check console users for MFA, keep session durations short, and review which identities can change Lambda code whose execution role reaches EC2. A function allowed to run commands on instances is an escalation path worth finding first.',
    links: [
      {
        title: 'Sygnia’s 2025 Field Report',
        url: 'https://www.sygnia.co/blog/sygnia-2025-field-report-identity-based-attacks/',
      },
    ],
  },
  {
    id: 'expel-2025-02',
    name: 'Expel',
    date: '2025-02',
    section: 'vendor-case-study',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: ['third-party'],
    patterns: [],
    rootCause: 'Phishing and SMS phishing compromised Okta identities.',
    escalation: 'The report does not describe what the attacker did in AWS afterwards.',
    impact: 'The report does not state the impact.',
    impactShort: 'Impact not described',
    lesson:
      'When AWS access flows through Okta, an Okta login taken by phishing is an AWS session. Prefer phishing-resistant MFA at the identity provider, and size the AWS-side blast radius by listing SAML and OIDC providers and the permissions of the roles they can assume. Short federated sessions limit how long a stolen login stays useful.',
    links: [
      {
        title: "Expel's 2025 Annual Threat Report - Scattered Spider",
        url: 'https://expel.com/wp-content/uploads/2025/01/Expel-Annual-Threat-Report-2025-013025.pdf',
      },
    ],
  },
  {
    id: 'badshah-2025-04',
    name: 'Badshah',
    date: '2025-04',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'The attacker got in with stolen or compromised credentials.',
    escalation: 'How the attacker moved further is not described.',
    impact: 'Data was exfiltrated and then deleted.',
    impactShort: 'Data exfiltration and deletion',
    lesson:
      'With the entry point unstated, the account-side lesson is to limit what any single credential can destroy. Enable versioning and Object Lock on important buckets, deletion protection and retained backups on databases, and keep backup copies in a vault the workload accounts cannot delete. Retiring old access keys leaves fewer credentials to steal.',
    links: [
      {
        title: "Securing a SaaS Company's AWS Environment After a Breach",
        url: 'https://badshah.io/case-studies/saas-aws-breach/',
      },
    ],
  },
  {
    id: 'mandiant-m-trends-2025-04',
    name: 'Mandiant M-Trends 2025',
    date: '2025-04',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['llmjacking', 'cryptomining'],
    rootCause: 'Stolen or compromised credentials gave the attackers access to cloud accounts.',
    escalation: 'The report summary does not describe any escalation.',
    impact: 'The access was used for cryptomining and LLMjacking, and the report also mentions resale.',
    impactShort: 'Cryptomining, LLMjacking and resale',
    lesson:
      'Financially motivated groups monetise stolen cloud credentials in several ways at once. Budgets, cost-anomaly monitors, disabled unused regions and realistic vCPU quotas make that abuse visible and bounded. On the identity side, remove long-lived keys that have not been used recently.',
    links: [
      {
        title:
          'M-Trends 2025: TRIPLESTRENGTH Leverages Stolen Credentials for Cloud Assets for Illicit Cryptocurrency Mining',
        url: 'https://services.google.com/fh/files/misc/m-trends-2025-en.pdf',
      },
    ],
  },
  {
    id: 'datadog-2025-03',
    name: 'Datadog',
    date: '2025-03',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['backdoor-iam'],
    rootCause: 'Credentials were leaked.',
    escalation:
      'The attacker created admin IAM users and set up persistence through Lambda and through AWS SSO (IAM Identity Center).',
    impact: 'The write-up does not state the final impact.',
    impactShort: 'Layered persistence; impact not stated',
    lesson:
      'Persistence here was spread across IAM users, Lambda and IAM Identity Center, and removing one foothold does not evict an attacker who holds several. After any key leak, review recently created IAM users, Lambda functions with powerful execution roles, and Identity Center users and assignments. A scan listing every admin-privileged identity gives a baseline to compare against.',
    links: [
      {
        title: 'Tales from the cloud trenches: The Attacker doth persist too much, methinks',
        url: 'https://securitylabs.datadoghq.com/articles/tales-from-the-cloud-trenches-the-attacker-doth-persist-too-much/',
      },
    ],
  },
  {
    id: 'darktrace-1-2025-07',
    name: 'Darktrace #1',
    date: '2025-07',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: ['exposed-hosts'],
    patterns: [],
    rootCause: 'Credentials were compromised.',
    escalation: 'The attacker opened RDP connections to other instances.',
    impact: 'Data was exfiltrated.',
    impactShort: 'Data exfiltration after RDP movement',
    lesson:
      'RDP between instances turned one foothold into many. Restrict ports 3389 and 22 to known administrative sources rather than 0.0.0.0/0, and consider Session Manager instead of open admin ports. The human credentials that can reach these hosts should all require MFA.',
    links: [
      {
        title: 'Defending the Cloud: Stopping Cyber Threats in Azure and AWS with Darktrace',
        url: 'https://www.darktrace.com/blog/defending-the-cloud-stopping-cyber-threats-in-azure-and-aws-with-darktrace',
      },
    ],
  },
  {
    id: 'darktrace-2-2025-07',
    name: 'Darktrace #2',
    date: '2025-07',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The intrusion started at a SonicWall product; the catalog names only the vendor.',
    escalation: 'The write-up does not describe the path from that entry point onwards.',
    impact: 'Data was exfiltrated.',
    impactShort: 'Data exfiltration after a SonicWall entry',
    lesson:
      'Edge appliances are attractive targets and often fall outside the usual patch cycle. Track their versions and advisories, and keep their management interfaces off the open internet. On the AWS side, check which credentials and network paths such an appliance holds, since that is what an attacker inherits.',
    notCoverable: 'It began at a SonicWall appliance, and the catalog names only the vendor and no setting in the AWS account.',
    links: [
      {
        title: 'Defending the Cloud: Stopping Cyber Threats in Azure and AWS with Darktrace',
        url: 'https://www.darktrace.com/blog/defending-the-cloud-stopping-cyber-threats-in-azure-and-aws-with-darktrace',
      },
    ],
  },
  {
    id: 'google-threat-horizons-unc4899-2025-07',
    name: 'Google Cloud Threat Horizons UNC4899 Case',
    date: '2025-07',
    section: 'vendor-case-study',
    primaryCause: 'human-creds-mfa',
    // Not s3-public-write: the JavaScript was changed with stolen session access, not through a public grant.
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Malware reached the target through a fake job opportunity used as a lure.',
    escalation:
      'The attacker stole session cookies and then modified JavaScript served from S3 through CloudFront.',
    impact: 'Cryptocurrency was stolen.',
    impactShort: 'Cryptocurrency theft',
    lesson:
      'Whoever can write to a bucket behind CloudFront can change the code your users run. Review bucket policies and ACLs for write access beyond the deployment pipeline, and enable versioning so tampered assets can be spotted and rolled back. Stolen session cookies sidestep MFA, so short console sessions matter alongside phishing-resistant factors.',
    links: [
      {
        title: 'GCAT Threat Horizons H2 2025',
        url: 'https://services.google.com/fh/files/misc/cloud_threat_horizons_report_h22025.pdf',
      },
    ],
  },
  {
    id: 'wiz-2025-09',
    name: 'Wiz',
    date: '2025-09',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['ses-sns-abuse'],
    rootCause: 'The attacker worked from stolen or compromised credentials.',
    escalation: 'The attacker asked AWS Support to move the account out of the SES sandbox.',
    impact: 'SES was then used to send phishing email.',
    impactShort: 'SES phishing after leaving the sandbox',
    lesson:
      'SES production access is something an attacker will request on your behalf if a credential can open support cases. Check whether production sending is enabled and actually used, and keep support:CreateCase and ses:PutAccountDetails to the few people who need them. Removing keys nobody uses leaves fewer credentials to abuse.',
    links: [
      {
        title: 'From Compromised Keys to Phishing Campaigns: Inside a Cloud Email Service Takeover',
        url: 'https://www.wiz.io/blog/wiz-discovers-cloud-email-abuse-campaign',
      },
    ],
  },
  {
    id: 'sysdig-2025-11',
    name: 'Sysdig',
    date: '2025-11',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'llmjacking'],
    rootCause: 'Credentials were sitting in S3 buckets that anyone could read.',
    escalation:
      'The attacker injected code into Lambda functions, created IAM access keys and added a backdoor admin user.',
    impact: 'The account was used for LLMjacking and to provision GPU instances.',
    impactShort: 'LLMjacking and GPU instances launched',
    lesson:
      'Publicly readable buckets are a common source of leaked keys, and here the path from such a key to admin was short. Turn on account-level S3 Block Public Access, check which identities can update Lambda code running under a privileged execution role, and flag users who hold admin policies together with access keys. Keeping GPU instance quotas close to real use limits how much such abuse can cost.',
    links: [
      {
        title: 'AI-assisted cloud intrusion achieves admin access in 8 minutes',
        url: 'https://sysdig.com/blog/ai-assisted-cloud-intrusion-achieves-admin-access-in-8-minutes/',
      },
    ],
  },
];
