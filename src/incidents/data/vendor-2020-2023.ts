import type { Incident } from '../types.js';

/**
 * Vendor-reported case studies, rows 71–103 of the reference catalog (shared/reference). Facts and
 * links come from the reference; every sentence is breachmap's own.
 */
export const vendorCaseStudies2020To2023: Incident[] = [
  {
    id: 'mandiant-m-trends-2020-02',
    name: 'Mandiant M-Trends 2020',
    date: '2020-02',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    // Not public-snapshot-ami: no snapshot was made public or shared; they were restored inside the victim's account.
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The attacker pulled AWS credentials out of the commit history of a GitHub repository.',
    escalation: 'Inside the victim’s own account they snapshotted EBS volumes, launched instances with volumes made from those snapshots and copied the data out over SSH.',
    impact: 'Data held on the victim’s EBS volumes was stolen by way of snapshots.',
    impactShort: 'EBS volume data stolen via snapshots',
    lesson:
      'Removing a secret in a later commit leaves it in Git history, so a key that ever reached a repository should be treated as exposed and rotated. Long-lived keys allowed to create snapshots and launch instances give an intruder a quiet way to copy whole disks. Review which IAM users hold active keys, how old those keys are, and whether they can call ec2:CreateSnapshot.',
    links: [
      {
        title: 'M-Trends 2020',
        url: 'https://web.archive.org/https://www.mandiant.com/sites/default/files/2021-09/mtrends-2020.pdf',
      },
    ],
  },
  {
    id: 'teamtnt-worm-2020-04',
    name: 'TeamTNT Worm',
    date: '2020-04',
    section: 'vendor-case-study',
    primaryCause: 'exposed-k8s',
    secondaryCauses: ['secrets-compute'],
    patterns: ['cryptomining'],
    rootCause: 'Docker and Kubernetes platforms that were misconfigured and reachable gave the worm its way in.',
    escalation: 'On each infected host it collected the AWS credential files kept under ~/.aws.',
    impact: 'The compromised machines were put to work mining Monero.',
    impactShort: 'Monero cryptojacking on hijacked hosts',
    lesson:
      'A Docker or Kubernetes API open to the internet exposes every credential stored on the host behind it. Keep control-plane ports closed to 0.0.0.0/0 and EKS endpoints private or limited to known CIDRs. Prefer instance roles to credential files on disk, so that whatever a worm grabs expires on its own.',
    links: [
      {
        title: 'Team TNT – The First Crypto-Mining Worm to Steal AWS Credentials',
        url: 'https://web.archive.org/web/20210607223609/https://www.cadosecurity.com/post/team-tnt-the-first-crypto-mining-worm-to-steal-aws-credentials/',
      },
      {
        title: 'TeamTNT with new campaign aka “Chimaera”',
        url: 'https://cybersecurity.att.com/blogs/labs-research/teamtnt-with-new-campaign-aka-chimaera',
      },
    ],
  },
  {
    id: 'expel-case-study-1-2020-04',
    name: 'Expel case study 1',
    date: '2020-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['exposed-hosts'],
    patterns: [],
    rootCause: 'The attacker held eight compromised IAM access keys.',
    escalation: 'They altered security groups to open a path to the victim’s instances.',
    impact: 'The attacker gained command-line access to EC2 instances.',
    impactShort: 'Shell access to EC2 instances',
    lesson:
      'Every extra live key is another way in and another thing to revoke during a response. Inventory active access keys, delete the ones nobody uses, and alert on security-group changes. Ingress rules that open SSH or RDP to 0.0.0.0/0 are exactly what a backdoored group looks like, and a scanner can list them.',
    links: [
      {
        title: 'Finding evil in AWS: A key pair to remember',
        url: 'https://web.archive.org/web/20210226132628/https://expel.io/blog/finding-evil-in-aws/',
      },
    ],
  },
  {
    id: 'expel-case-study-2-2020-07',
    name: 'Expel case study 2',
    date: '2020-07',
    section: 'vendor-case-study',
    primaryCause: 'root',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'An access key belonging to the account’s root user was compromised.',
    escalation: 'The attacker generated SSH key pairs for EC2 instances.',
    impact: 'The account’s compute was used for cryptojacking.',
    impactShort: 'Cryptojacking with a stolen root key',
    lesson:
      'A root access key carries unlimited power over the account, and no IAM policy in that account can narrow it. The root user should have no access keys at all and should sign in only with MFA, both of which iam:GetAccountSummary reports. Delete a root key when you find one rather than rotating it.',
    links: [
      {
        title: 'Behind the scenes in the Expel SOC: Alert-to-fix in AWS',
        url: 'https://web.archive.org/web/20210128055101/https://expel.io/blog/behind-the-scenes-expel-soc-alert-aws/',
      },
    ],
  },
  {
    id: 'mandiant-insider-threat-scenario-2020-09',
    name: 'Mandiant: Insider Threat Scenario',
    date: '2020-09',
    section: 'vendor-case-study',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'destruction-extortion'],
    rootCause: 'A dismissed employee’s credentials kept working after they left.',
    escalation: 'They reached a CI/CD server, created a new user and took further credentials.',
    impact: 'Production databases were deleted.',
    impactShort: 'Production databases deleted',
    lesson:
      'Offboarding has to reach every credential a person could still use: IAM users, access keys, SSH keys and CI/CD accounts. Credential-report fields such as password_last_used and access_key_1_last_used_date reveal identities that have gone quiet and should be removed. Deletion protection and backups kept out of reach of everyday credentials limit what an angry insider can destroy.',
    links: [
      {
        title: 'Cloud Breaches: Case Studies, Best Practices, and Pitfalls',
        url: 'https://web.archive.org/web/20201103091354/https://www.youtube.com/watch?v=rtEjI_5TPdw&feature=youtu.be/',
      },
    ],
  },
  {
    id: 'fireeye-m-trends-2021-04',
    name: 'FireEye M-Trends 2021 case study',
    date: '2021-04',
    section: 'vendor-case-study',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'destruction-extortion'],
    rootCause: 'A former employee still had an SSH key that worked.',
    escalation: 'With that access they created users and launched EC2 instances.',
    impact: 'RDS backups were deleted.',
    impactShort: 'RDS backups deleted',
    lesson:
      'SSH keys easily outlive the people who made them, since neither EC2 key pairs nor IAM SSH public keys expire. Review both whenever someone leaves and remove the keys nobody can vouch for. Backups are only a safety net if an identity inside the account cannot delete them, for example in a locked AWS Backup vault.',
    links: [
      {
        title: 'M-Trends 2021',
        url: 'https://www.arrow.com/ecs-media/16352/fireeye-rpt-mtrends-2021.pdf',
      },
    ],
  },
  {
    id: 'darklab-case-study-2021-07',
    name: 'DarkLab case study',
    date: '2021-07',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['exposed-hosts'],
    patterns: ['backdoor-iam', 'destruction-extortion'],
    rootCause: 'The attacker got in through remote code execution on a Jenkins server.',
    escalation: 'They created IAM users and browsed S3 with the S3 Browser tool.',
    impact: 'The environment was used to launch scanning and its resources were then wiped out.',
    impactShort: 'Account used for scanning, then wiped',
    lesson:
      'Build servers tend to hold strong cloud permissions, so a reachable Jenkins is a short route to IAM. Keep CI consoles off the public internet; a security group that opens the Jenkins port to 0.0.0.0/0 is worth fixing first. Scope the build role so that it cannot create IAM users.',
    links: [
      {
        title: 'Trouble in Paradise',
        url: 'https://blog.darklab.hk/2021/07/06/trouble-in-paradise/',
      },
    ],
  },
  {
    id: 'expel-case-study-3-2022-04',
    name: 'Expel case study 3',
    date: '2022-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'Credentials were sitting in a code repository that anyone could read.',
    escalation: 'The attacker called iam:AttachUserPolicy to grant themselves more privileges.',
    impact: 'A cryptojacking attempt followed and was stopped before it took hold.',
    impactShort: 'Cryptojacking attempt, prevented',
    lesson:
      'A leaked key that may attach policies to users can make itself an administrator in one call. Besides keeping keys out of public repositories, strip IAM write permissions from long-lived keys and watch for AttachUserPolicy from unexpected principals. Old keys with broad privileges are the combination a scanner should surface first.',
    links: [
      {
        title: 'Incident report: From CLI to console, chasing an attacker in AWS',
        url: 'https://expel.com/blog/incident-report-from-cli-to-console-chasing-an-attacker-in-aws/',
      },
    ],
  },
  {
    id: 'permiso-case-study-1-2022-06',
    name: 'Permiso case study 1',
    date: '2022-06',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['exposed-hosts', 'secrets-compute'],
    patterns: ['backdoor-iam', 'cryptomining'],
    rootCause: 'A GitLab vulnerability, CVE-2021-22205, let the attacker onto the server.',
    escalation: 'Credentials found on that system were used to create a spare IAM user for the attacker.',
    impact: 'The account was used for cryptojacking.',
    impactShort: 'Cryptojacking after a GitLab exploit',
    lesson:
      'Patching an internet-facing code platform matters, but what the host held mattered more: AWS credentials stored on it turned a server compromise into an account compromise. Give such hosts instance roles instead of static keys, and check their user data for embedded secrets. A new IAM user created by an unfamiliar principal is a classic sign of persistence.',
    links: [
      {
        title: 'Anatomy of an Attack: Exposed keys to Crypto Mining',
        url: 'https://web.archive.org/web/20220629061640/https://permiso.io/blog/s/anatomy-of-attack-exposed-keys-to-crypto-mining/',
      },
    ],
  },
  {
    id: 'clearvector-case-study-2022-08',
    name: 'ClearVector case study',
    date: '2022-08',
    section: 'vendor-case-study',
    primaryCause: 'third-party',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Control of an organisation’s ADFS server offered a pivot into AWS IAM Identity Center, the NOBELIUM MagicWeb route the post audits for.',
    escalation: 'The write-up does not describe further movement inside AWS.',
    impact: 'The write-up does not describe an impact.',
    impactShort: 'Impact not described',
    lesson:
      'When AWS trusts an external identity provider, whoever controls that provider controls the federated access. Know every SAML and OIDC provider and Identity Center instance in your accounts, and what the roles behind them can do. A scanner can size that trust; protecting the identity provider itself happens outside AWS.',
    notCoverable:
      'The pivot runs through a compromised ADFS server that the account is meant to trust, and no read-only view of the account tells a subverted identity provider from a healthy one.',
    links: [
      {
        title: 'Auditing identity activity for NOBELIUM and MagicWeb in AWS',
        url: 'https://www.clearvector.com/blog/auditing-identity-activity-for-nobelium-and-magicweb-in-aws/',
      },
    ],
  },
  {
    id: 'positive-thinking-company-case-study-2022-06',
    name: 'Positive Thinking Company case study',
    date: '2022-06',
    section: 'vendor-case-study',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'The write-up does not state how the attacker got in.',
    escalation: 'How the attacker progressed is not described in the write-up.',
    impact: 'An AWS machine was used for cryptojacking, and the abuse was caught early.',
    impactShort: 'Cryptojacking on an AWS machine, caught early',
    lesson:
      'With no known entry point, the useful takeaways are about noticing and limiting abuse. Unexpected compute spend is often the first signal, so budgets and cost-anomaly monitors earn their place. Regions you never use are a favourite hiding place for miners, and disabling or watching them narrows the space.',
    links: [
      {
        title: 'Mitigating a crypto jacking incident on an AWS machine from the earliest stages',
        url: 'https://positivethinking.tech/use-cases/mitigating-a-crypto-jacking-incident-on-an-aws-machine-from-the-earliest-stages/',
      },
    ],
  },
  {
    id: 'palo-alto-unit-42-2022-12',
    name: 'Palo Alto Unit 42',
    date: '2022-12',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['imds-ssrf'],
    patterns: ['ses-sns-abuse'],
    rootCause: 'The attacker gained code execution inside a Lambda function.',
    escalation: 'They read the function’s credentials from its environment variables and took them away.',
    impact: 'Amazon SES in the account was abused to send phishing email.',
    impactShort: 'SES abused for phishing',
    lesson:
      'Lambda hands its execution role’s temporary credentials to the function through environment variables, so code execution in a function means acting as that role. Keep function roles narrow, because a role that can send mail or reach other services turns a bug into an account problem. Review which principals may call ses:SendEmail or ses:SendRawEmail and whether SES production access is needed at all.',
    links: [
      {
        title: 'Compromised Cloud Compute Credentials: Case Studies From the Wild',
        url: 'https://unit42.paloaltonetworks.com/compromised-cloud-compute-credentials/',
      },
    ],
  },
  {
    id: 'permiso-case-study-2-2022-12',
    name: 'Permiso case study 2',
    date: '2022-12',
    section: 'vendor-case-study',
    primaryCause: 'exposed-k8s',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Attackers exploited software exposed to the internet, chiefly Jupyter notebooks and Kubernetes.',
    escalation: 'The write-up does not cover what happened after initial access.',
    impact: 'The campaign harvested cloud credentials.',
    impactShort: 'Cloud credentials harvested',
    lesson:
      'Notebooks and cluster APIs are built for convenience rather than for the open internet, and a campaign can sweep them at scale. Check that EKS endpoints and SageMaker notebooks are not publicly reachable and that no security group exposes Jupyter or kubelet ports. Give notebook and node roles only what they need, since their credentials are what gets taken.',
    links: [
      {
        title: 'Cloud Cred Harvesting Campaign - Grinch Edition',
        url: 'https://permiso.io/blog/s/christmas-cloud-cred-harvesting-campaign/',
      },
    ],
  },
  {
    id: 'crowdstrike-2022-12',
    name: 'CrowdStrike',
    date: '2022-12',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The intrusion began with exploitation of a known ForgeRock vulnerability.',
    escalation: 'The attacker used the aws_consoler tool to turn stolen credentials into AWS console sessions that asked for no MFA.',
    impact: 'The write-up does not describe the impact.',
    impactShort: 'Impact not described',
    lesson:
      'MFA on the console sign-in page does not protect credentials that can mint a federated console session by themselves. That makes the number and scope of AWS credentials the real control, along with an alert on console sign-ins through the federation endpoint. Patch exposed identity products promptly, as they sit in front of everything else.',
    links: [
      {
        title: 'Analysis of an Intrusion Campaign Targeting Telco and BPO Companies',
        url: 'https://web.archive.org/web/20230316062338/https://www.crowdstrike.com/blog/analysis-of-intrusion-campaign-targeting-telecom-and-bpo-companies',
      },
    ],
  },
  {
    id: 'expel-case-study-4-2023-01',
    name: 'Expel case study 4',
    date: '2023-01',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['exposed-hosts'],
    patterns: ['ses-sns-abuse'],
    rootCause: 'A Postman server open to the public held AWS access keys in a project’s variables.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The attacker most likely meant to abuse Amazon SES and was stopped before they could.',
    impactShort: 'Likely SES abuse, prevented',
    lesson:
      'API tools such as Postman keep keys in variables and environments that are easily shared wider than intended. Treat any key stored in such a tool as potentially exposed: keep it least-privileged and rotate it often. Check whether long-lived keys are allowed to send email through SES, a common first move for whoever finds them.',
    links: [
      {
        title: 'Incident report: stolen AWS access keys',
        url: 'https://expel.com/blog/incident-report-stolen-aws-access-keys/',
      },
    ],
  },
  {
    id: 'cado-invictus-2023-01',
    name: 'Cado Security and Invictus Incident Response',
    date: '2023-01',
    section: 'vendor-case-study',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The write-up does not state how the attacker first got in.',
    escalation: 'Later attacker steps are not described in the write-up.',
    impact: 'No impact is described in the write-up.',
    impactShort: 'Impact not described',
    lesson:
      'When the entry point is unknown, the account’s own logs decide how much of the story can be rebuilt. Make sure a multi-region CloudTrail trail is running, its bucket is protected, and GuardDuty is enabled. A two-part response walkthrough like this one makes good material for rehearsing your own playbook.',
    notCoverable: 'The write-up describes neither the way in nor any later step, so there is no account-side condition to check.',
    links: [
      {
        title: 'Responding to an attack in AWS',
        url: 'https://awstip.com/responding-to-an-attack-in-aws-9048a1a551ac',
      },
      {
        title: 'Responding to an attack in AWS, Part 2',
        url: 'https://awstip.com/responding-to-an-attack-in-aws-dae857806aa7',
      },
    ],
  },
  {
    id: 'aws-2023-02',
    name: 'AWS',
    date: '2023-02',
    section: 'vendor-case-study',
    primaryCause: 'imds-ssrf',
    secondaryCauses: ['leaked-keys'],
    patterns: ['destruction-extortion'],
    rootCause: 'AWS names two possible ways in: a disclosed access key, or SSRF.',
    escalation: 'No escalation steps are given in the catalog summary of this post.',
    impact: 'The catalog records no impact; the post frames the case as a ransomware event aimed at data in Amazon S3.',
    impactShort: 'Ransomware scenario against S3 data',
    lesson:
      'Both entry points have account-side tells: long-lived keys that exist at all, and instances that still accept IMDSv1 while carrying a powerful role. Requiring IMDSv2 and trimming instance-role permissions closes the SSRF path. For S3 data worth ransoming, versioning and Object Lock decide whether a deletion can be undone.',
    links: [
      {
        title: 'The anatomy of ransomware event targeting data residing in Amazon S3',
        url: 'https://aws.amazon.com/blogs/security/anatomy-of-a-ransomware-event-targeting-data-in-amazon-s3/',
      },
    ],
  },
  {
    id: 'sysdig-2023-02',
    name: 'Sysdig',
    date: '2023-02',
    section: 'vendor-case-study',
    primaryCause: 'exposed-k8s',
    secondaryCauses: ['secrets-compute'],
    patterns: ['cryptomining'],
    rootCause: 'The attacker exploited a Kubernetes service exposed to the internet.',
    escalation: 'They found IAM credentials in Lambda environment variables and in an S3 bucket.',
    impact: 'A cryptominer ran in the compromised container, which the researchers took for a decoy, while proprietary data was stolen from the account.',
    impactShort: 'Data exfiltration (SCARLETEEL)',
    lesson:
      'Credentials copied into Lambda environment variables or S3 objects can be read by anyone with modest read access, so one foothold unlocks the next. Move such secrets into Secrets Manager and let workloads use their own roles. A scanner can flag AKIA-style keys in function configuration and cluster endpoints open to the world.',
    links: [
      {
        title: 'SCARLETEEL: Operation leveraging Terraform, Kubernetes, and AWS for data theft',
        url: 'https://sysdig.com/blog/cloud-breach-terraform-data-theft/',
      },
    ],
  },
  {
    id: 'invictus-ir-2023-04',
    name: 'Invictus IR',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'destruction-extortion'],
    rootCause: 'Long-term credentials had been exposed.',
    escalation: 'The attacker created a new IAM user.',
    impact: 'Data was copied out and deleted, and a ransom note was left behind.',
    impactShort: 'Data stolen and deleted, ransom note left',
    lesson:
      'Cloud ransom often needs nothing more than a long-lived key with permission to read and delete S3 objects. Retire keys that are old or unused, and turn on versioning with Object Lock for buckets that matter so a deletion can be reversed. Alert on iam:CreateUser from identities that never create users.',
    links: [
      {
        title: 'Ransomware in the cloud',
        url: 'https://invictus-ir.medium.com/ransomware-in-the-cloud-7f14805bbe82',
      },
    ],
  },
  {
    id: 'unit-42-sim-swap-2023-04',
    name: 'Unit 42',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['human-creds-mfa'],
    patterns: ['backdoor-iam', 'destruction-extortion'],
    rootCause: 'A SIM swap gave the attacker access to source code containing ten AWS access keys.',
    escalation: 'They created an IAM user with wider permissions.',
    impact: 'Data was exfiltrated and deleted, and a ransom note was left.',
    impactShort: 'Data exfiltrated and deleted for ransom',
    lesson:
      'SMS-based second factors fall to SIM swapping, and behind this one sat keys that never belonged in source code. Move people to phishing-resistant MFA and move workloads off static keys. Counting active access keys per account shows how many a single leak could expose.',
    links: [
      {
        title: 'From SIM-Swap to Data Leak on the Dark Web',
        url: 'https://www.paloaltonetworks.com/content/dam/pan/en_US/assets/pdf/reports/unit42-cloud-threat-report-volume7.pdf',
      },
    ],
  },
  {
    id: 'unit-42-ssrf-2023-04',
    name: 'Unit 42',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'imds-ssrf',
    // The row names a known CVE as the way the SSRF was reached.
    secondaryCauses: ['app-vuln'],
    patterns: ['backdoor-iam', 'cryptomining'],
    rootCause: 'A known CVE allowed SSRF against an instance that still answered IMDSv1.',
    escalation: 'The attacker planted a backdoor in an IAM role.',
    impact: 'Resources were used for cryptojacking and to send outbound DDoS traffic.',
    impactShort: 'Cryptojacking and outbound DDoS',
    lesson:
      'IMDSv1 answers any request that reaches it, so an SSRF bug becomes a credential leak. Require IMDSv2 (HttpTokens=required) on every instance and as the account default. Then check what the instance role can do, because a role allowed to edit IAM trust lets a stolen session plant its own way back in.',
    links: [
      {
        title: 'From Misconfigured Firewall to Cryptojacking Botnet',
        url: 'https://www.paloaltonetworks.com/content/dam/pan/en_US/assets/pdf/reports/unit42-cloud-threat-report-volume7.pdf',
      },
    ],
  },
  {
    id: 'mitiga-rsac-1-2023-04',
    name: 'Mitiga (RSAC) #1',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A company repository that contained AWS keys was merged into an employee’s personal GitHub account.',
    escalation: 'The write-up does not go into later attacker steps.',
    impact: 'The impact is not described in the write-up.',
    impactShort: 'Impact not described',
    lesson:
      'Code leaves company control through personal accounts, forks and mirrors, taking any embedded keys along. Keeping long-lived keys out of repositories altogether is the real fix, with secret scanning as a backstop. Retiring old keys shortens how long a stray copy of a repository stays dangerous.',
    links: [
      {
        title: 'It’s Getting Real & Hitting the Fan: 2023 Edition',
        url: 'https://static.rainfocus.com/rsac/us23/sess/1664697541032001cak3/finalwebsite/2023_USA23_AIR-T02_01_It%E2%80%99s_Getting_Real__Hitting_the_Fan_2023_Edition_Real_World_SaaS_Attacks_1682607053333001zlzZ.pdf?_gl=1*trgj4t*_ga*MjAwODIwNzYxLjE2NzA0MzUzODQ.*_ga_Q3JZKF3KQM*MTY4MzYzODkzMS44My4xLjE2ODM2NDEwMTQuNTkuMC4w',
      },
    ],
  },
  {
    id: 'mitiga-rsac-2-2023-04',
    name: 'Mitiga (RSAC) #2',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['public-snapshot-ami'],
    patterns: ['snapshot-exfiltration'],
    rootCause: 'Access keys were compromised in a way that was never established.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The attacker made AMIs public to carry data out of the account.',
    impactShort: 'AMIs shared publicly to exfiltrate data',
    lesson:
      'Sharing an image or snapshot is a single API call that moves whole disks out of the account with no network transfer to notice. Turn on block public access for AMIs and EBS snapshots, and review launch permissions that name accounts you do not recognise. Keys that may call ec2:ModifyImageAttribute deserve close scrutiny.',
    links: [
      {
        title: 'It’s Getting Real & Hitting the Fan: 2023 Edition',
        url: 'https://static.rainfocus.com/rsac/us23/sess/1664697541032001cak3/finalwebsite/2023_USA23_AIR-T02_01_It%E2%80%99s_Getting_Real__Hitting_the_Fan_2023_Edition_Real_World_SaaS_Attacks_1682607053333001zlzZ.pdf?_gl=1*trgj4t*_ga*MjAwODIwNzYxLjE2NzA0MzUzODQ.*_ga_Q3JZKF3KQM*MTY4MzYzODkzMS44My4xLjE2ODM2NDEwMTQuNTkuMC4w',
      },
    ],
  },
  {
    id: 'kroll-1-2023-04',
    name: 'Kroll #1',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'third-party',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A third party was compromised.',
    escalation: 'How the attacker moved on from there is not described in the write-up.',
    impact: 'DNS and email were redirected.',
    impactShort: 'DNS and email redirected',
    lesson:
      'Access granted to a supplier is only as safe as the supplier. List roles whose trust policy names external accounts, check that they require an external ID, and confirm each one is still needed. If DNS lives in Route 53, changes to it deserve an alert, because redirected DNS and mail are hard to spot from the inside.',
    notCoverable: 'A third party was compromised and DNS and email were redirected, and the write-up names no setting in the AWS account.',
    links: [
      {
        title: 'Effective AWS Incident Response: Examples and Recommendations',
        url: 'https://www.kroll.com/en/insights/publications/cyber/effective-aws-incident-response',
      },
    ],
  },
  {
    id: 'kroll-2-2023-04',
    name: 'Kroll #2',
    date: '2023-04',
    section: 'vendor-case-study',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: ['long-dwell'],
    rootCause: 'The victim’s internal network was compromised first.',
    escalation: 'The attacker moved laterally into the cloud and kept access for years.',
    impact: 'Data was exfiltrated.',
    impactShort: 'Data exfiltration after years of access',
    lesson:
      'An on-premises compromise reaches AWS through whatever credentials staff and systems carry, so console users without MFA and long-lived keys on workstations form the bridge. Require MFA for every console user and prefer short-lived federated sessions. Persistence lasting years also points to identities nobody reviewed, which a stale-credential check can bring to light.',
    links: [
      {
        title: 'Effective AWS Incident Response: Examples and Recommendations',
        url: 'https://www.kroll.com/en/insights/publications/cyber/effective-aws-incident-response',
      },
    ],
  },
  {
    id: 's2w-talon-donjuji-2023-05',
    name: 'S2W Talon "Donjuji"',
    date: '2023-05',
    section: 'vendor-case-study',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'A development server exposed its environment variables, which held IAM user credentials.',
    escalation: 'The write-up does not describe further attacker steps.',
    impact: 'Data was stolen from S3.',
    impactShort: 'Data stolen from S3',
    lesson:
      'Environment variables leak easily from a misconfigured server, and IAM user keys placed there leave with them. Give such hosts roles instead of static keys and keep development machines off the public internet. An IAM user key that can read production buckets has no business on a development box.',
    links: [
      {
        title: 'Detailed Analysis of CloudDon, Cloud Data Breach of Korea e-commerce company',
        url: 'https://medium.com/s2wblog/detailed-analysis-of-clouddon-cloud-data-breach-of-korea-e-commerce-company-948c3a5df90d',
      },
    ],
  },
  {
    id: 'checkmarx-2023-06',
    name: 'Checkmarx',
    victim: 'Users of the bignum npm package',
    date: '2023-06',
    section: 'vendor-case-study',
    primaryCause: 's3-public-write',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An attacker took over the S3 bucket from which the npm package bignum fetched files.',
    escalation: 'The write-up does not describe any further escalation.',
    impact: 'The hijacked downloads were used to steal credentials.',
    impactShort: 'Credentials stolen via hijacked downloads',
    lesson:
      'Once its owner deletes a bucket, the name can be claimed by anyone, and code that still points at it will fetch whatever they upload. Keep buckets that others depend on, or remove every reference before deleting; CloudFront origins naming buckets you no longer own are a warning sign. Buckets the public can write to carry the same supply-chain danger and should be locked down.',
    links: [
      {
        title: 'Hijacking S3 Buckets: New Attack Technique Exploited in the Wild by Supply Chain Attackers',
        url: 'https://checkmarx.com/blog/hijacking-s3-buckets-new-attack-technique-exploited-in-the-wild-by-supply-chain-attackers/',
      },
    ],
  },
  {
    id: 'sentinelone-2023-06',
    name: 'SentinelOne',
    date: '2023-06',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'The attacker exploited CVE-2022-47986.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The catalog records no impact, though the post’s title names the IceFire ransomware.',
    impactShort: 'Impact not described (IceFire ransomware)',
    lesson:
      'A published CVE on an internet-facing application is an open invitation until it is patched. Know which instances are reachable from the internet and on which ports, and keep Amazon Inspector or an equivalent watching them for known vulnerabilities. A narrow instance role keeps a host compromise from becoming an account compromise.',
    links: [
      {
        title: 'Anatomy of a Cloud Incident | SentinelOne’s Vigilance vs. IceFire Ransomware',
        url: 'https://www.sentinelone.com/blog/anatomy-of-a-cloud-incident-sentinelones-vigilance-v-icefire-ransomware/',
      },
    ],
  },
  {
    id: 'sysdig-2023-07',
    name: 'Sysdig',
    date: '2023-07',
    section: 'vendor-case-study',
    primaryCause: 'exposed-k8s',
    secondaryCauses: ['imds-ssrf'],
    patterns: ['backdoor-iam', 'cryptomining'],
    rootCause: 'The attacker exploited an internet-facing Jupyter Notebook running in Kubernetes.',
    escalation: 'They gathered IAM credentials, IMDSv2 included, escalated through an IAM misconfiguration and kept a foothold with access keys.',
    impact: 'The account was used for cryptojacking.',
    impactShort: 'Cryptojacking (SCARLETEEL 2.0)',
    lesson:
      'IMDSv2 stops SSRF, not code already running on the node: an attacker who executes commands can still request the role’s credentials. That makes the scope of node and pod roles the real limit, together with a hop limit of 1 so that containers cannot reach the node’s metadata. Exposed notebooks and IAM settings that allow self-escalation are both things a scanner can point out.',
    links: [
      {
        title: 'SCARLETEEL 2.0: Fargate, Kubernetes, and Crypto',
        url: 'https://sysdig.com/blog/scarleteel-2-0/',
      },
    ],
  },
  {
    id: 'crowdstrike-php-rce-2023-08',
    name: 'CrowdStrike',
    date: '2023-08',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['imds-ssrf'],
    patterns: [],
    rootCause: 'The attacker exploited a remote code execution flaw in a custom-built PHP web application.',
    escalation: 'They obtained IAM credentials, including from the instance metadata service, and moved laterally with SSM.',
    impact: 'The report does not state the impact.',
    impactShort: 'Impact unknown',
    lesson:
      'Code execution on an instance hands the attacker that instance’s role, whichever IMDS version is in use. A role that can run SSM commands on other instances turns one host into many, so check instance roles for ssm:SendCommand and broad admin policies. Internet-facing custom applications deserve the narrowest role of all.',
    links: [
      {
        title: '2023 Threat Hunting Report',
        url: 'https://go.crowdstrike.com/rs/281-OBQ-266/images/report-crowdstrike-2023-threat-hunting-report.pdf',
      },
    ],
  },
  {
    id: 'crowdstrike-web-app-exploit-2023-08',
    name: 'CrowdStrike',
    date: '2023-08',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['imds-ssrf'],
    patterns: [],
    rootCause: 'A web application was exploited.',
    escalation: 'The attacker tried to query the instance metadata service and to connect to other systems.',
    impact: 'The impact is not reported.',
    impactShort: 'Impact unknown',
    lesson:
      'Probing the metadata service is among the first moves after a web exploit, which is why IMDSv2 and a modest instance role matter even when the bug itself is unknown. Check that instances require session tokens and that their roles carry no IAM or wildcard permissions. Tight security groups between instances make lateral connections harder.',
    links: [
      {
        title: '2023 Cloud Risk Report',
        url: 'https://www.dlt.com/sites/default/files/resource-attachments/2023-09/TDSPS_Oct2023_WS_2023_Cloud_risk_report.pdf',
      },
    ],
  },
  {
    id: 'unit42-2023-08',
    name: 'Unit 42',
    date: '2023-08',
    section: 'vendor-case-study',
    primaryCause: 'app-vuln',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'The attacker exploited a zero-day vulnerability in SugarCRM.',
    escalation: 'Access keys stored on the EC2 hosts fell into their hands, and they enumerated the environment with Pacu and ScoutSuite.',
    impact: 'Database data was exfiltrated.',
    impactShort: 'Database data exfiltrated',
    lesson:
      'Static access keys on an application server turn any web bug into cloud access, and the instance role is the safer home for that permission. Look for keys in user data and remove IAM users whose only purpose is to live on a server. Pacu and ScoutSuite make enumeration noisy, so alerting on bursts of List and Describe calls also pays off.',
    links: [
      {
        title:
          'When a Zero Day and Access Keys Collide in the Cloud: Responding to the SugarCRM Zero-Day Vulnerability',
        url: 'https://unit42.paloaltonetworks.com/sugarcrm-cloud-incident-black-hat/',
      },
    ],
  },
  {
    id: 'aws-federated-user-2023-08',
    name: 'AWS',
    date: '2023-08',
    section: 'vendor-case-study',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: [],
    // The upstream row repeats the escalation and impact of the SugarCRM row above it (see
    // shared/reference/README.md caveats), so they are deliberately not restated here.
    rootCause: 'A federated user was compromised by means the post does not establish.',
    escalation: 'The AWS CIRT story centres on the attacker hunting for further credentials; the catalog’s escalation text for it is copied from another case, so we do not repeat it.',
    impact: 'The post presents this case as an example of limited permissions holding the attacker back; the catalog’s impact text is likewise borrowed from another case.',
    impactShort: 'Attacker held back by limited permissions',
    lesson:
      'A federated session is still a credential, and what a stolen one can do is decided by the role behind it. Scope the roles that federated users assume instead of granting wide access for convenience. The permissions a scanner reports on those roles are the best guide to how far an attacker hunting for more credentials can get.',
    notCoverable:
      'A federated user was compromised by means the post does not establish, and it names no setting in the AWS account that helped the attacker.',
    links: [
      {
        title:
          'Two real-life examples of why limiting permissions works: Lessons from AWS CIRT - Story 1: On the hunt for credentials',
        url: 'https://aws.amazon.com/blogs/security/two-real-life-examples-of-why-limiting-permissions-works-lessons-from-aws-cirt/',
      },
    ],
  },
];
