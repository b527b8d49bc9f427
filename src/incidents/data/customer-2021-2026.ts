import type { Incident } from '../types.js';

/**
 * Customer incidents, rows 35 to 70 of the public catalog (2021-02 to 2026-02). Facts and links
 * come from shared/reference/incident-catalog.json; all prose here is breachmap's own.
 */
export const customerIncidents2021To2026: Incident[] = [
  {
    id: 'sendtech-2021-02',
    name: 'Sendtech',
    date: '2021-02',
    section: 'customer-incident',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: ['backdoor-iam'],
    rootCause: 'An attacker used compromised credentials belonging to someone who was, or had been, an employee.',
    escalation: 'The intruder set up an additional account with administrator rights.',
    impact: 'Customer data stored in S3 was accessed.',
    impactShort: 'S3 customer data accessed',
    lesson:
      'The entry point was a login tied to a person who may already have left, so IAM users whose passwords and keys sit unused deserve review, and former staff should lose access on their last day. ' +
      'An administrator account nobody remembers creating is a classic persistence move; compare the list of admins with who should actually hold that role.',
    links: [
      {
        title: 'PERSONAL DATA PROTECTION COMMISSION Case No. DP-2102-B7884',
        url: 'https://web.archive.org/web/20220923025502/https://www.pdpc.gov.sg/-/media/Files/PDPC/PDF-Files/Commissions-Decisions/Decision---Sendtech-Pte-Ltd---220721.ashx?la=en',
      },
    ],
  },
  {
    id: 'logicgate-2021-04',
    name: 'LogicGate',
    date: '2021-04',
    section: 'customer-incident',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Access was gained with compromised credentials of a kind the disclosure does not name.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Backup files kept in S3 were stolen.',
    impactShort: 'S3 backup files stolen',
    lesson:
      'Backups often hold the most complete copy of a company’s data, yet they are readable by the same credentials as everything else. ' +
      'When the credential type is unknown, the whole credential posture is in scope: long-lived keys, console users without MFA and identities that no longer have an owner. ' +
      'Keep the list of principals allowed to read backup buckets short.',
    notCoverable: 'The disclosure names neither the kind of credential nor any setting in the AWS account that the attacker relied on.',
    links: [
      {
        title: 'Risk startup LogicGate confirms data breach',
        url: 'https://web.archive.org/web/20210519233848/https://techcrunch.com/2021/04/13/logicgate-risk-cloud-data-breach/',
      },
    ],
  },
  {
    id: 'ubiquiti-2021-04',
    name: 'Ubiquiti',
    date: '2021-04',
    section: 'customer-incident',
    primaryCause: 'departed-stale',
    secondaryCauses: ['root', 'human-creds-mfa'],
    patterns: ['destruction-extortion'],
    rootCause: 'Credentials were taken from an IT staff member’s LastPass vault, allegedly by a former employee acting as an insider.',
    escalation: 'The write-up does not describe a separate escalation step.',
    impact: 'The attacker held root administrator access across all of the company’s AWS accounts and used it for extortion.',
    impactShort: 'Root admin over every AWS account, extortion',
    lesson:
      'Root and administrator secrets kept in one person’s password vault turned a single compromise into control of every account. ' +
      'Root should have no access keys and should sit behind hardware MFA, and nobody who has left should still hold a working login. ' +
      'Phishing-resistant MFA on every console user lowers what a copied password is worth.',
    links: [
      {
        title: 'Ubiquiti All But Confirms Breach Response Iniquity',
        url: 'https://web.archive.org/web/20210731152054/https://krebsonsecurity.com/2021/04/ubiquiti-all-but-confirms-breach-response-iniquity/',
      },
    ],
  },
  {
    id: 'uran-company-2021-07',
    name: 'Uran Company',
    date: '2021-07',
    section: 'customer-incident',
    primaryCause: 'app-vuln',
    secondaryCauses: ['secrets-compute'],
    patterns: ['cryptomining'],
    rootCause: 'A Drupal site was compromised, and API keys stored with it fell into the attacker’s hands.',
    escalation: 'The write-up does not describe how the attacker moved beyond the stolen keys.',
    impact: 'The account’s resources were used to mine cryptocurrency.',
    impactShort: 'Cryptomining',
    lesson:
      'Keys stored in a web application’s configuration are only as safe as the application itself. ' +
      'Hosts should get credentials from an instance role rather than from static keys in config files or user data. ' +
      'A sudden burst of compute in regions you never use is often the first visible sign of mining.',
    links: [
      {
        title: 'Clear and Uncommon Story About Overcoming Issues With AWS',
        url: 'https://web.archive.org/web/20221205145546/https://topdigital.agency/clear-and-uncommon-story-about-overcoming-issues-with-aws/',
      },
    ],
  },
  {
    id: 'reddoorz-com-2021-09',
    name: 'reddoorz.com',
    date: '2021-09',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An AWS access key was shipped inside the company’s Android application package (APK).',
    escalation: 'The write-up does not describe any step between the leaked key and the data theft.',
    impact: 'A customer database was stolen.',
    impactShort: 'Customer database stolen',
    lesson:
      'Anything compiled into a mobile app can be pulled out by whoever installs it. ' +
      'Mobile clients should receive short-lived, narrowly scoped credentials from a broker such as Amazon Cognito instead of carrying IAM user keys. ' +
      'Old or highly privileged user keys are exactly the kind that end up embedded in distributed binaries, so flag them.',
    links: [
      {
        title: 'PERSONAL DATA PROTECTION COMMISSION Case No. DP-2009-B7057',
        url: 'https://web.archive.org/web/20211130202805/https://www.pdpc.gov.sg/-/media/Files/PDPC/PDF-Files/Commissions-Decisions/Decision---Commeasure-Pte-Ltd---15092021.pdf?la=en',
      },
    ],
  },
  {
    id: 'hpe-aruba-2021-10',
    name: 'HPE Aruba',
    date: '2021-10',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An access key was exposed through a channel the company could not identify.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The attacker may have been able to reach network telemetry and contact-tracing data.',
    impactShort: 'Telemetry and contact-tracing data possibly reached',
    lesson:
      'Never learning how a key escaped is common, which is why the mere existence of long-lived keys counts as a finding. ' +
      'Rotate keys on a schedule, delete the ones no workload uses, and keep each key’s permissions no wider than its job.',
    links: [
      {
        title: 'Aruba Central Security Incident',
        url: 'https://www.arubanetworks.com/support-services/security-bulletins/central-incident-faq/',
      },
    ],
  },
  {
    id: 'kaspersky-2021-11',
    name: 'Kaspersky',
    date: '2021-11',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: ['leaked-keys'],
    patterns: ['ses-sns-abuse'],
    rootCause: 'An Amazon SES access token was stolen from a third party that held it.',
    escalation: 'The write-up does not describe any further movement by the attacker.',
    impact: 'The token was used to send phishing emails.',
    impactShort: 'SES token used for phishing',
    lesson:
      'SES sending credentials handed to a partner are long-lived keys like any other, and when they leak it is your domain that sends the phishing. ' +
      'Know which IAM users may call ses:SendRawEmail, give each integration its own narrowly scoped credential, and retire the ones that go quiet.',
    links: [
      {
        title: "Kaspersky's stolen Amazon SES token used in Office 365 phishing",
        url: 'https://www.bleepingcomputer.com/news/security/kasperskys-stolen-amazon-ses-token-used-in-office-365-phishing/',
      },
    ],
  },
  {
    id: 'eye-care-leaders-2021-12',
    name: 'Eye Care Leaders',
    date: '2021-12',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'The public record does not say how the attacker got in.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact:
      'The attacker deleted databases along with configuration files for the system, and patient records may have been stolen; published counts of affected patients differ between sources.',
    impactShort: 'Databases deleted, patient records at risk',
    lesson:
      'With no known entry point, the lesson is about recovery, because the deletion did as much harm as any theft. ' +
      'Critical buckets need versioning and Object Lock, databases need deletion protection and retained backups, and those backups belong in a vault that production credentials cannot erase.',
    links: [
      {
        title: 'Augusta University Health - Breach Disclosure [PDF]',
        url: 'https://dojmt.gov/wp-content/uploads/Augusta-University-Medical-Center-Consumer-Notification-Letter.pdf',
      },
      {
        // The upstream link text quoted a patient count that the linked article does not report.
        title: 'HealthITSecurity: Eye Care Leaders EMR breach report',
        url: 'https://healthitsecurity.com/news/eye-care-leaders-emr-breach-impacts-at-least-342k-individuals',
      },
    ],
  },
  {
    id: 'onus-2021-12',
    name: 'Onus',
    date: '2021-12',
    section: 'customer-incident',
    primaryCause: 'app-vuln',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'Attackers exploited the Log4Shell vulnerability in the company’s Cyclos server.',
    escalation: 'The Cyclos configuration contained AWS credentials carrying AmazonS3FullAccess, along with database credentials.',
    impact: 'Information on about two million users leaked, including eKYC records, personal details and password hashes.',
    impactShort: '2M users’ eKYC data and password hashes leaked',
    lesson:
      'Patching would have closed the door, but the size of the loss came from a full-access S3 key stored beside the application. ' +
      'Workloads should get credentials from a role limited to the buckets and actions they use, not from config files. ' +
      'Keys attached to broad managed policies such as AmazonS3FullAccess are worth hunting down.',
    links: [
      {
        title: 'The attack on ONUS – A real-life case of the Log4Shell vulnerability',
        url: 'https://cystack.net/research/the-attack-on-onus-a-real-life-case-of-the-log4shell-vulnerability',
      },
    ],
  },
  {
    id: 'flexbooker-2021-12',
    name: 'FlexBooker',
    date: '2021-12',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Public reporting does not identify the root cause.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact:
      'About 3.7 million user records were exposed, with names, email addresses, phone numbers and passwords the company described as encrypted.',
    impactShort: '3.7M user records exposed',
    lesson:
      'When the entry point is never published, a scanner can still rule out the usual suspects: root keys, human logins without MFA, stale or over-broad access keys and publicly writable buckets. ' +
      'Clearing those narrows down what could explain a similar breach in your own account.',
    notCoverable: 'Public reporting names no way in and no setting in the AWS account that a check could look for.',
    links: [
      {
        title: 'Booking management platform FlexBooker leaks 3.7 million user records',
        url: 'https://therecord.media/booking-management-platform-flexbooker-leaks-3-7-million-user-records/',
      },
    ],
  },
  {
    id: 'npm-2022-04',
    name: 'npm',
    date: '2022-04',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: ['leaked-keys'],
    patterns: [],
    rootCause: 'Stolen third-party OAuth tokens gave access to private repositories, and those repositories contained AWS keys.',
    escalation: 'The write-up does not describe what the attacker did with the AWS keys beyond the data access.',
    impact: 'Data on about 100,000 users, dating from 2015, was exposed.',
    impactShort: 'Data of ~100k users from 2015 exposed',
    lesson:
      'Repositories are a frequent hiding place for AWS keys, and any integration allowed to read them can read the keys too. ' +
      'Automation should use short-lived federation such as OIDC roles rather than keys committed to code. ' +
      'Listing every long-lived key with its age shows how much a repository leak could still unlock.',
    links: [
      {
        title: 'npm security update: Attack campaign using stolen OAuth tokens',
        url: 'https://github.blog/2022-05-26-npm-security-update-oauth-tokens/',
      },
    ],
  },
  {
    id: 'premint-2022-07',
    name: 'PREMINT',
    date: '2022-07',
    section: 'customer-incident',
    primaryCause: 's3-public-write',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An S3 bucket accepted writes from anyone on the internet.',
    escalation: 'The write-up does not describe how the writable bucket was turned into the theft.',
    impact: 'NFTs were stolen in a supply-chain attack.',
    impactShort: 'NFT theft via supply chain',
    lesson:
      'A bucket the whole internet can write to lets a stranger change what your users load and run. ' +
      'Check bucket ACLs and policies for public write access, and turn on S3 Block Public Access at both the account and the bucket level so one slip cannot reopen it.',
    links: [
      {
        title: 'Full Analysis of the PREMINT Attack Incident',
        url: 'https://www.chaincatcher.com/en/article/2076680',
      },
    ],
  },
  {
    id: 'uber-2022-09',
    name: 'Uber',
    date: '2022-09',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['human-creds-mfa'],
    patterns: [],
    rootCause: 'A contractor’s account was compromised, and the attacker then found AWS credentials on a shared drive.',
    escalation: 'The write-up does not describe what was done with the AWS credentials.',
    impact: 'The write-up does not describe the impact on AWS.',
    impactShort: 'Impact on AWS not described',
    lesson:
      'Credentials saved on a shared drive are readable by everyone who reaches that drive, a compromised contractor included. ' +
      'Contractors need the same phishing-resistant MFA as staff. ' +
      'Long-lived AWS keys should be rare, recent and narrowly scoped, so that one found in a file share is worth little.',
    links: [
      {
        title: 'Uber - Security update',
        url: 'https://www.uber.com/newsroom/security-update/',
      },
    ],
  },
  {
    id: 'lastpass-2022-10',
    name: 'LastPass',
    date: '2022-10',
    section: 'customer-incident',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: ['long-dwell'],
    rootCause: 'A compromised developer account, which was an IAM user, was used to steal source code and enter the development environment.',
    escalation:
      'Later a keylogger on a senior DevOps engineer’s home computer captured his vault password as he typed it after completing MFA, and the AWS access keys and decryption keys stored in that vault opened the cloud backups.',
    impact:
      'Internal and customer data were widely compromised, including backups of the MFA database, while the attacker worked in the cloud storage from 12 August to 26 October 2022 before alerts made the activity stand out.',
    impactShort: 'Customer data and MFA database backups stolen',
    lesson:
      'MFA was in place and did not help: the keylogger captured a password typed after a valid second factor, and long-lived AWS keys waited in the vault it opened. ' +
      'Privileged access should not hinge on a device the company does not manage, and keys to backups should be short-lived role sessions rather than secrets stored in a vault. ' +
      'Separate accounts for development and production keep one identity from reaching both.',
    links: [
      // Upstream also had a "Notice of Recent Security Incident" link whose URL duplicated this one;
      // the notice's own address is missing, so only the real target is kept.
      {
        title: 'Incident 2 – Additional details of the attack',
        url: 'https://support.lastpass.com/help/incident-2-additional-details-of-the-attack',
      },
      {
        title: 'Breaking the Vault: A Case Study of the 2022 LastPass Data Breach',
        url: 'https://arxiv.org/pdf/2502.04287',
      },
    ],
  },
  {
    id: 'medibank-2022-10',
    name: 'Medibank',
    date: '2022-10',
    section: 'customer-incident',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'The attacker got in with compromised credentials of a type not stated publicly.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Data was copied out of Amazon Redshift in an attack that was labelled ransomware.',
    impactShort: 'Redshift data exfiltrated, extortion',
    lesson:
      'Data warehouses return the most records per query and are easy to leave out of access reviews. ' +
      'Whatever credential opened the door, human users should have MFA, aging or unused keys should be gone, and only a handful of principals should be able to read or unload warehouse data. ' +
      'The second link covers the Redshift default settings AWS tightened to prevent breaches like this.',
    links: [
      {
        title: 'Medibank now says hackers accessed all its customers’ personal data',
        url: 'https://www.bleepingcomputer.com/news/security/medibank-now-says-hackers-accessed-all-its-customers-personal-data/',
      },
      {
        title: 'Amazon Redshift gets new default settings to prevent data breaches',
        url: 'https://www.bleepingcomputer.com/news/security/amazon-redshift-gets-new-default-settings-to-prevent-data-breaches/',
      },
    ],
  },
  {
    id: 'sonder-2022-11',
    name: 'Sonder',
    date: '2022-11',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'Public disclosures do not say how the attacker got in.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Customer information was stolen, and the attacker tried to extort the company.',
    impactShort: 'Customer data stolen, extortion attempt',
    lesson:
      'Theft followed by extortion means someone could read customer data in bulk, so review which identities can do that and whether all of them are still needed. ' +
      'Make sure CloudTrail and GuardDuty are running in every region, because an investigation without logs is how entry points stay unknown.',
    links: [
      {
        title: 'Security Update',
        url: 'https://blog.sonder.com/news/security-update/',
      },
      {
        title: 'Breach Notification',
        url: 'https://dojmt.gov/wp-content/uploads/Consumer-Notification-Letter-816.pdf',
      },
    ],
  },
  {
    id: 'teqtivity-uber-vendor-2022-12',
    name: 'Teqtivity (Uber Vendor)',
    date: '2022-12',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The disclosure does not describe the root cause.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'An “AWS backup server” holding device and user information was breached.',
    impactShort: 'Device and user data on a backup server',
    lesson:
      'A supplier’s backup server exposed records belonging to its customer, so how vendors store your data is part of your own risk. ' +
      'In your own accounts, backup hosts should not be reachable from the internet, and you should know every external account your roles trust.',
    notCoverable: 'The disclosure names no way in and no setting in the AWS account that a check could look for.',
    links: [
      {
        title: 'Breach Notification Statement',
        url: 'https://www.teqtivity.com/breach-notification-statement',
      },
      {
        title: 'Uber suffers new data breach after attack on vendor, info leaked online',
        url: 'https://www.bleepingcomputer.com/news/security/uber-suffers-new-data-breach-after-attack-on-vendor-info-leaked-online/',
      },
    ],
  },
  {
    id: 'commuteair-2023-01',
    name: 'CommuteAir',
    date: '2023-01',
    section: 'customer-incident',
    primaryCause: 'exposed-hosts',
    secondaryCauses: ['leaked-keys', 'secrets-compute'],
    patterns: [],
    rootCause: 'A Jenkins server was reachable from the internet and contained hardcoded credentials.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'A 2019 version of the FAA no-fly list was exposed.',
    impactShort: '2019 FAA no-fly list exposed',
    lesson:
      'Build servers accumulate credentials, and an internet-facing Jenkins offers them to whoever finds it. ' +
      'CI and admin interfaces belong behind security groups that never allow 0.0.0.0/0. ' +
      'Keys should also stay out of job configuration and instance user data, where a read-only scan can spot them.',
    links: [
      {
        title: 'how to completely own an airline in 3 easy steps',
        url: 'https://maia.crimew.gay/posts/how-to-hack-an-airline/',
      },
      {
        title: 'U.S. airline accidentally exposes ‘No Fly List’ on unsecured server',
        url: 'https://www.dailydot.com/debug/no-fly-list-us-tsa-unprotected-server-commuteair/',
      },
    ],
  },
  {
    id: 'episource-2023-02',
    name: 'Episource',
    date: '2023-02',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'Someone gained unauthorized access to the AWS environment; how is not stated.',
    escalation: 'The attack involved ransomware.',
    impact: 'About 5.4 million healthcare records were affected.',
    impactShort: '5.4M healthcare records',
    lesson:
      'At this scale, health data makes both theft and encryption expensive. ' +
      'Recovery points are safer under AWS Backup Vault Lock or S3 Object Lock, where a compromised administrator cannot delete them. ' +
      'The controls that block most unauthorized access still apply: MFA for people, no idle or root access keys, nothing administrative open to the internet.',
    links: [
      {
        title: 'HIPAA Journal: Episource data breach',
        url: 'https://www.hipaajournal.com/episource-data-breach/',
      },
    ],
  },
  {
    id: 'coffee-meets-bagel-2023-08',
    name: 'Coffee Meets Bagel',
    date: '2023-08',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'How the attacker got in has not been made public.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Data was deleted and the service was down for seven days.',
    impactShort: 'Data deleted, 7-day outage',
    lesson:
      'Deletion became a week-long outage, so the speed of a restore is the number that matters. ' +
      'Check versioning, deletion protection and backup retention on the resources the service cannot run without, and rehearse bringing them back.',
    links: [
      {
        title: 'The Register: Coffee Meets Bagel hack',
        url: 'https://www.theregister.com/2023/08/15/coffee_meets_bagel_hack/',
      },
    ],
  },
  {
    id: 'cloudflare-2023-11',
    name: 'Cloudflare',
    date: '2023-11',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: ['departed-stale'],
    patterns: [],
    rootCause: 'Following the Okta compromise, the attacker pivoted in using an access token that had not been rotated.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The write-up does not describe the impact on AWS.',
    impactShort: 'Impact on AWS not described',
    lesson:
      'A secret exposed in a vendor’s breach stays dangerous until it is rotated, and the one that was missed let the attacker back in. ' +
      'After any identity-provider or SaaS incident, rotate every credential that passed through it, and keep key ages visible so the stragglers stand out.',
    links: [
      {
        title: 'Cloudflare - Thanksgiving 2023 security incident',
        url: 'https://web.archive.org/web/20240201200520/https://blog.cloudflare.com/thanksgiving-2023-security-incident/',
      },
    ],
  },
  {
    id: 'sumo-logic-2023-11',
    name: 'Sumo Logic',
    date: '2023-11',
    section: 'customer-incident',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A compromised credential was used; its type has not been disclosed.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The write-up does not describe the impact.',
    impactShort: 'Impact not described',
    lesson:
      'Even this brief notice shows that one credential was enough to get in. ' +
      'Shrink what any single credential can do: MFA for humans, short-lived role sessions for machines, and prompt removal of keys nobody uses.',
    notCoverable: 'The disclosure says only that a credential was compromised, naming neither its kind nor any setting in the AWS account.',
    links: [
      {
        // The URL is the vendor's general response-center page, not a dedicated notice.
        title: 'Sumo Logic Security Response Center',
        url: 'https://www.sumologic.com/solutions/security/response-center',
      },
    ],
  },
  {
    id: 'sisense-2024-04',
    name: 'Sisense',
    date: '2024-04',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Credentials were stolen from a GitLab repository.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Terabytes of customer data were exfiltrated from S3.',
    impactShort: 'Terabytes of customer data taken from S3',
    lesson:
      'Credentials in a code repository led straight to bulk S3 data. ' +
      'Secret scanning in source control helps, but the account-side fix is fewer long-lived keys, rotated often and scoped to specific buckets, so a key found in code cannot empty your storage.',
    links: [
      {
        title: 'Why CISA is Warning CISOs About a Breach at Sisense',
        url: 'https://krebsonsecurity.com/2024/04/why-cisa-is-warning-cisos-about-a-breach-at-sisense/',
      },
    ],
  },
  {
    id: 'dropbox-sign-2024-05',
    name: 'Dropbox Sign',
    date: '2024-05',
    section: 'customer-incident',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A service account was compromised.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Customer authentication data was exposed, including emails, names, API keys and OAuth tokens.',
    impactShort: 'Customer emails, API keys and OAuth tokens exposed',
    lesson:
      'Service accounts seldom have a person watching them, and they often carry wide permissions. ' +
      'Find machine identities with broad or administrator policies, move them to roles where you can, and retire the ones that have stopped being used.',
    notCoverable: 'The disclosure says only that a service account was compromised, naming no setting in the AWS account that allowed it.',
    links: [
      {
        title: 'A Recent Security Incident Involving Dropbox Sign',
        url: 'https://sign.dropbox.com/blog/a-recent-security-incident-involving-dropbox-sign',
      },
    ],
  },
  {
    id: 'pctattletale-2024-05',
    name: 'pcTattletale',
    date: '2024-05',
    section: 'customer-incident',
    primaryCause: 'root',
    secondaryCauses: ['app-vuln'],
    patterns: [],
    rootCause: 'A vulnerability in the application revealed AWS access keys belonging to the root user.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Data was published openly.',
    impactShort: 'Data published',
    lesson:
      'IAM policies cannot restrict the root user, so an application that leaks root keys leaks the entire account. ' +
      'Delete root access keys outright and give the application a role with only the permissions it uses. ' +
      'The account summary should report zero root keys.',
    links: [
      {
        title: 'Spyware app pcTattletale was hacked and its website defaced',
        url: 'https://techcrunch.com/2024/05/25/spyware-app-pctattletale-was-hacked-and-its-website-defaced/',
      },
      {
        title: 'defaced site',
        url: 'https://web.archive.org/web/20240525013915/https://www.pctattletale.com/',
      },
    ],
  },
  {
    id: 'beyondtrust-2024-12',
    name: 'BeyondTrust',
    date: '2024-12',
    section: 'customer-incident',
    primaryCause: 'app-vuln',
    secondaryCauses: ['third-party'],
    patterns: [],
    rootCause: 'A zero-day vulnerability in a third-party application was exploited.',
    escalation: 'An infrastructure API key let the attacker pivot across accounts.',
    impact: 'Customer instances were compromised.',
    impactShort: 'Customer instances compromised',
    lesson:
      'A single key that reached many accounts turned one exploit into an incident affecting customers. ' +
      'Review cross-account role trust and which principals may assume roles elsewhere, and keep infrastructure keys short-lived and confined to one environment.',
    notCoverable:
      'It began with a zero-day in a vendor\'s application, which no scan could have reported beforehand, and the write-up names no AWS account setting that let the attacker through.',
    links: [
      {
        title: 'BeyondTrust Remote Support SaaS Service Security Investigation',
        url: 'https://www.beyondtrust.com/remote-support-saas-service-security-investigation',
      },
    ],
  },
  {
    id: 'tinacloud-2024-12',
    name: 'TinaCloud',
    date: '2024-12',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['ses-sns-abuse'],
    rootCause: 'Credentials were exposed in a JavaScript file.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'SES was abused to send phishing email.',
    impactShort: 'SES abused for phishing',
    lesson:
      'Code served to browsers is public, and so is any key bundled with it. ' +
      'IAM keys have no place in front-end builds. ' +
      'Check which users may send through SES and whether their keys are old, unused or broader than sending requires.',
    links: [
      {
        title: 'TinaCloud: Public Disclosure of Security Breach',
        url: 'https://tina.io/blog/2024-12-tinacloud-public-disclosure-security-breach',
      },
    ],
  },
  {
    id: 'otelier-2025-01',
    name: 'Otelier',
    date: '2025-01',
    section: 'customer-incident',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: ['leaked-keys'],
    patterns: [],
    rootCause: 'Credentials were harvested by infostealer malware.',
    escalation: 'The attacker found further credentials stored in Bitbucket.',
    impact: 'About 8 TB of data was exfiltrated from S3.',
    impactShort: '8 TB exfiltrated from S3',
    lesson:
      'Infostealers hand attackers working logins, and the repositories those logins open often contain AWS keys. ' +
      'MFA on human accounts blunts the first step; keeping keys out of code and tightly scoped blunts the second.',
    links: [
      {
        title: 'Otelier data breach exposes info, hotel reservations of millions',
        url: 'https://www.bleepingcomputer.com/news/security/otelier-data-breach-exposes-info-hotel-reservations-of-millions/',
      },
    ],
  },
  {
    id: 'bybit-safe-wallet-2025-02',
    name: 'Bybit / Safe{Wallet}',
    date: '2025-02',
    section: 'customer-incident',
    primaryCause: 'human-creds-mfa',
    // Not s3-public-write: the bucket was written with the compromised developer's own AWS access.
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A developer’s machine was compromised.',
    escalation: 'With the developer’s AWS access the attacker planted malicious JavaScript in the S3 bucket that served the wallet’s front end.',
    impact: 'About 1.5 billion US dollars were stolen.',
    impactShort: '$1.5B stolen',
    lesson:
      'Whoever can write to the bucket that serves your front-end code decides what your users run. ' +
      'Restrict writes on deployment buckets to a pipeline role rather than to developers’ own identities. ' +
      'Treat developer workstations as privileged, with MFA and short sessions for every identity that can publish.',
    links: [
      {
        title: 'Bybit Interim Investigation Reports',
        url: 'https://docsend.com/view/s/rmdi832mpt8u93s7#',
      },
    ],
  },
  {
    id: 'angelone-2025-03',
    name: 'Angel One',
    date: '2025-03',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The disclosure does not say how the attacker got in.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'Data was exfiltrated.',
    impactShort: 'Data exfiltration',
    lesson:
      'A short disclosure leaves little to map onto your own account. ' +
      'Cover the common preconditions anyway (root without keys, MFA for people, no stale access keys, no public buckets) and keep CloudTrail on everywhere so the question of how can be answered next time.',
    notCoverable: 'The disclosure names no way in and no setting in the AWS account that a check could look for.',
    links: [
      {
        title: 'Indian Stock Broker Angel One Discloses Data Breach',
        url: 'https://www.securityweek.com/indian-stock-broker-angel-one-discloses-data-breach/',
      },
    ],
  },
  {
    id: 'pearson-2025-03',
    name: 'Pearson',
    date: '2025-03',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A GitLab token was exposed in a .git/config file.',
    escalation: 'The source code reached with that token contained AWS credentials.',
    impact: 'Data was exfiltrated.',
    impactShort: 'Data exfiltration',
    lesson:
      'One leaked token opened the source code, and the code held the AWS keys: two secrets chained together. ' +
      'Keys committed to repositories tend to be old and forgotten, so flag access keys that have not been rotated and remove any without a current owner.',
    links: [
      {
        title: 'Education giant Pearson hit by cyberattack exposing customer data',
        url: 'https://www.bleepingcomputer.com/news/security/education-giant-pearson-hit-by-cyberattack-exposing-customer-data/',
      },
    ],
  },
  {
    id: 'kiranapro-2025-06',
    name: 'KiranaPro',
    date: '2025-06',
    section: 'customer-incident',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The attack is attributed to a former employee after a round of layoffs.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The service was disrupted.',
    impactShort: 'Service disruption',
    lesson:
      'Offboarding has to reach every AWS identity a person used: IAM users, access keys, SSH keys and Identity Center assignments. ' +
      'Look for credentials that outlived their owner and for console users who have not signed in for months.',
    links: [
      {
        title: 'Indian grocery startup KiranaPro was hacked and its servers deleted, CEO confirms',
        url: 'https://techcrunch.com/2025/06/03/indian-grocery-startup-kiranapro-was-hacked-and-its-servers-deleted-ceo-confirms/',
      },
      {
        title: 'KiranaPro Crisis Explained: Ex-Employee’s Revenge Move that Paralysed the App',
        url: 'https://www.outlookbusiness.com/start-up/explainers/kiranapro-crisis-explained-ex-employees-revenge-move-that-paralysed-the-app',
      },
    ],
  },
  {
    id: 'salesloft-drift-2025-08',
    name: 'Salesloft (Drift)',
    date: '2025-08',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The company’s GitHub repository was compromised by the group tracked as UNC6395.',
    escalation: 'The attacker reached the AWS environment and stole OAuth tokens from it.',
    impact: 'More than 700 Salesforce instances were compromised.',
    impactShort: '700+ Salesforce instances compromised',
    lesson:
      'OAuth tokens a vendor holds for its customers turned its AWS environment into a route into hundreds of other companies. ' +
      'If your account stores such tokens, limit who can read them, and review role trust policies and OIDC providers for trust wider than the integration needs.',
    notCoverable:
      'It began with a compromised GitHub account outside AWS, and the write-up names no setting in the AWS account that let the attacker in.',
    links: [
      {
        title: 'Google Cloud Threat Intelligence: UNC6395 report',
        url: 'https://cloud.google.com/blog/topics/threat-intelligence/unc6395-github-malware-salesforce-data',
      },
      {
        // The URL is the trust portal's home page, not a specific update.
        title: 'Salesloft Trust Center',
        url: 'https://trust.salesloft.com/',
      },
    ],
  },
  {
    id: 'kodex-2025-10',
    name: 'Kodex',
    date: '2025-10',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'A fraudulent legal order was used to have the company’s domain transferred.',
    escalation: 'The write-up does not describe how the attacker moved further.',
    impact: 'The company went offline once the domain was frozen.',
    impactShort: 'Outage after domain frozen',
    lesson:
      'No IAM setting would have stopped a forged legal request, yet domain registration is still configuration you own. ' +
      'For domains registered through Route 53, confirm the transfer lock is on and the contact details are current.',
    notCoverable: 'A fraudulent legal order had the registrar move the domain, so nothing in the AWS account was involved.',
    links: [
      {
        title: 'Subpoena tracking platform blames outage on AWS social engineering attack',
        url: 'https://www.theregister.com/2025/10/02/subpoena_tracking_platform_outage_blamed/',
      },
    ],
  },
  {
    id: 'kiln-2025-10',
    name: 'Kiln',
    date: '2025-10',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['third-party'],
    patterns: [],
    rootCause: 'A GitHub access token was compromised.',
    escalation: 'Credentials were stolen from GitHub Actions and used to alter the logic of the running API.',
    impact: 'Cryptocurrency was stolen.',
    impactShort: 'Cryptocurrency theft',
    lesson:
      'CI systems hold deployment credentials, so a stolen repository token can become control of production. ' +
      'Prefer GitHub OIDC roles whose trust policy pins the repository and branch over stored access keys, and check that deploy identities can change no more than what they deploy.',
    links: [
      {
        title: 'Re-enablement of Kiln services and security incident information',
        url: 'https://www.kiln.fi/post/re-enablement-of-kiln-services-and-security-incident-information#',
      },
    ],
  },
  {
    id: 'lexisnexis-2026-02',
    name: 'LexisNexis',
    date: '2026-02',
    section: 'customer-incident',
    primaryCause: 'app-vuln',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'The attacker exploited React2Shell (CVE-2025-55182), which had been left unpatched.',
    escalation: 'AWS Secrets Manager, Redshift and databases inside the VPC were accessed.',
    impact: 'About 2 GB of data was taken, including roughly 400,000 user profiles.',
    impactShort: '2 GB incl. ~400K user profiles',
    lesson:
      'Once code ran on the server, the workload’s own permissions set the limit, and they reached Secrets Manager and the data stores. ' +
      'Scope instance and task roles to the specific secrets they read, keep credentials out of user data and environment variables, and patch internet-facing applications quickly.',
    links: [
      {
        title: 'LexisNexis Legal & Professional confirms data breach',
        url: 'https://www.theregister.com/2026/03/04/lexisnexis_legal_professional_confirms_data/',
      },
    ],
  },
];
