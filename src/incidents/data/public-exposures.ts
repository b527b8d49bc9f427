import type { Incident } from '../types.js';

/**
 * Data left readable by anyone: the 2017 wave of exposed S3 buckets listed in the seed article
 * (shared/seeds/aws-security-article.md) and published research on public EBS snapshots, RDS
 * snapshots and AMIs. Facts and links come from the seed and the public write-ups it points to or
 * that report the same events; every sentence here is breachmap's own wording.
 *
 * Named victims are customer incidents. Research studies are filed as vendor case studies: `name`
 * is the researcher or firm that published the work and `victim` says whose resources were exposed,
 * because these studies report what was found, not an intrusion at one customer.
 */
export const publicExposureIncidents: Incident[] = [
  {
    id: 'cardmaster-pbs-2010-03',
    name: 'CardMaster.com and PBS Washington Week',
    date: '2010-03',
    section: 'customer-incident',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'The owners of an e-card site and of a PBS news show website had made EBS snapshots of their servers public, so the snapshots showed up in every other AWS account.',
    escalation:
      'No attacker is reported; a cloud consultant tidying his own account found hundreds of snapshots he had never made and could open them.',
    impact:
      'A database of 800,000 CardMaster.com user accounts and the database passwords and back end of the Washington Week website were readable by any AWS customer.',
    impactShort: '800,000 user accounts in a public EBS snapshot',
    lesson:
      'A public snapshot is not hidden just because nobody links to it: AWS lists it to every account that asks. ' +
      'Whole server disks carry databases, configuration files and passwords along with whatever the snapshot was meant to share. ' +
      'List the snapshots your account has made public, and keep anything meant for one partner on an explicit account share instead.',
    links: [
      {
        title: 'User Ignorance Causes Cloud Security Leak; Accounts, Passwords Revealed',
        url: 'https://readwrite.com/user-ignorance-causes-cloud-security-leak-accounts-passwords-revealed/',
      },
    ],
  },
  {
    id: 'amazonia-tu-darmstadt-2011-10',
    name: 'AmazonIA (TU Darmstadt)',
    victim: 'Publishers of public AMIs, including companies running web services built from them',
    date: '2011-10',
    section: 'vendor-case-study',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause:
      'A variety of machine images published to the public AMI catalog still held passwords, keys and credentials left by the people who built them.',
    escalation:
      'An automated tool that used only publicly available interfaces pulled those secrets out of the images.',
    impact:
      'The extracted secrets would have let an attacker run instances on the owners’ bills, plant backdoors, impersonate services and read the source code of several real web services.',
    impactShort: 'Passwords and keys pulled out of public AMIs',
    lesson:
      'Publishing an AMI publishes every file on its disks, including the ones its builder forgot were there. ' +
      'Build shared images from a clean pipeline that never sees production secrets, and check them for keys before they leave the account. ' +
      'Images that were never meant for strangers should not carry a public launch permission at all.',
    links: [
      {
        title: 'AmazonIA: When Elasticity Snaps Back',
        url: 'https://vdocuments.net/amazonia-when-elasticity-snaps-trj1cse543-f12docsp389-bugielcloudpdf-amazonia.html',
      },
    ],
  },
  {
    id: 'eurecom-public-ami-study-2012-03',
    name: 'EURECOM (public AMI study)',
    victim: 'Publishers and users of public AMIs on Amazon EC2',
    date: '2012-03',
    section: 'vendor-case-study',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause:
      'Image providers shared AMIs publicly without cleaning them, leaving sensitive files behind, some of them deleted but not wiped.',
    escalation:
      'An automated system instantiated the public images and, on many of them, standard undelete tools brought back credentials and private keys.',
    impact:
      'Both the providers and the users of public AMIs were shown to be open to unauthorized access, malware and the loss of sensitive data, and AWS published guidance in response.',
    impactShort: 'Deleted credentials recoverable from public AMIs',
    lesson:
      'Deleting a file before creating an image does not remove it from the disk blocks the image is made of. ' +
      'Anyone allowed to launch a public AMI can read those blocks at leisure. ' +
      'Keep images you publish separate from images you run, and treat any key that ever sat on a public image as exposed.',
    links: [
      {
        title: 'A Security Analysis of Amazon’s Elastic Compute Cloud Service',
        url: 'https://seclab.nu/static/publications/sac2012ec2.pdf',
      },
      {
        title: 'A Security Analysis of Amazon’s Elastic Compute Cloud Service (copy)',
        url: 'https://docslib.org/doc/6645206/a-security-analysis-of-amazons-elastic-compute-cloud-service',
      },
      {
        title: 'A Security Analysis of Amazon’s Elastic Compute Cloud Service – Long Version',
        url: 'http://www.scribd.com/doc/72067914/Secure-Cloud-Long',
      },
    ],
  },
  {
    id: 'booz-allen-hamilton-2017-05',
    name: 'Booz Allen Hamilton',
    date: '2017-05',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'An S3 bucket holding Booz Allen Hamilton files from work for the US National Geospatial-Intelligence Agency could be downloaded by anyone, with no password.',
    escalation:
      'No attacker use is reported, but the files included a senior engineer’s security credentials and other passwords in plain text that could have opened further servers.',
    impact:
      'Around 60,000 files (some 28 GB) tied to the agency project were exposed until the agency, alerted by an UpGuard researcher, had access cut off.',
    impactShort: '60,000 defense project files and credentials exposed',
    lesson:
      'A contractor’s bucket exposes the client’s data just as surely as the client’s own would. ' +
      'Credentials stored next to documents turn a data leak into a way in, so keep secrets out of shared storage altogether. ' +
      'Block public access at the account level wherever a bucket has no reason to serve the internet.',
    links: [
      {
        title: 'Defense Contractor Lets Thousands of DoD Files Leak Into Public Domain',
        url: 'https://bitsonline.com/defense-contractor-dod-files-public/',
      },
      {
        title: '[BreachExchange] Senator Probes Top US Defense Contractor Over Leaked Data Tied to Pentagon Project',
        url: 'http://lists.riskbasedsecurity.com/pipermail/breachexchange/2017-June/001675.html',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'dow-jones-2017-05',
    name: 'Dow Jones',
    date: '2017-05',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'Read access to a Dow Jones S3 bucket had been granted to all authenticated AWS users, which means anyone with any AWS account.',
    escalation:
      'No attacker is reported; an UpGuard researcher found the bucket and it took about a week for the permission to be changed.',
    impact:
      'Names, home and work addresses, account details, email addresses and the last four digits of credit cards were exposed for 2.2 million customers by the company’s count, about 4 million by the researcher’s estimate.',
    impactShort: '2.2 million customer records readable by any AWS user',
    lesson:
      'The "authenticated users" grantee in S3 means every AWS account in the world, not the users of your own account. ' +
      'Treat that grant as public, exactly like a grant to everyone. ' +
      'When a bucket turns out to be exposed, close it first and argue about whether it counts as a breach afterwards.',
    links: [
      {
        title: 'How to Prevent RNC, Verizon, and Dow Jones AWS S3 Data Leaks',
        url: 'http://blog.stratumsecurity.com/2017/07/21/how-to-prevent-rnc-verizon-and-dow-jones-aws-s3-data-leaks/',
      },
      {
        title: 'Why Crisis Communications is Important',
        url: 'https://mtanenbaum.us/why-crisis-communications-is-important/',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'deep-root-analytics-2017-06',
    name: 'Deep Root Analytics',
    date: '2017-06',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'A change to the access settings of an S3 bucket run by Deep Root Analytics, a data firm working for the Republican National Committee, left the bucket open to anyone from 1 June.',
    escalation:
      'No attacker is reported; an UpGuard researcher found the data, and the bucket was secured about two weeks after it had opened.',
    impact:
      'Records on 198 million US voters were exposed, with names, birth dates, home addresses, phone numbers, registration details and modeled political leanings.',
    impactShort: '198 million US voter records exposed',
    lesson:
      'One permission change can undo a bucket that was private the day before, so a configuration check must run continuously, not once at setup. ' +
      'Datasets compiled about whole populations deserve the strictest guardrails an account offers. ' +
      'Alert on any change to a bucket policy, ACL or Block Public Access setting.',
    links: [
      {
        title: '198 Million US Voter Records Left Online For Two Weeks',
        url: 'http://www.bankinfosecurity.com/198-million-us-voter-records-left-online-for-two-weeks-a-10024',
      },
      {
        title: 'A Republican voter data firm probably exposed your personal information for days',
        url: 'https://www.latimes.com/politics/la-na-pol-gop-data-breach-20170619-story.html',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'nice-systems-verizon-2017-06',
    name: 'NICE Systems (Verizon)',
    date: '2017-06',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: ['third-party'],
    patterns: [],
    rootCause:
      'NICE Systems, a call-center vendor to Verizon, kept logs of customer-service calls in an S3 bucket that anyone who knew its address could download.',
    escalation:
      'No attacker is reported; UpGuard found the bucket on 8 June and told Verizon on 13 June, but it stayed open until 22 June.',
    impact:
      'Names, addresses, phone numbers and account PINs of Verizon customers who had called support were exposed, up to 14 million by UpGuard’s count and 6 million by Verizon’s.',
    impactShort: 'Up to 14 million Verizon customer records and PINs',
    lesson:
      'Data handed to a vendor is only as private as the vendor’s least careful engineer makes it. ' +
      'Contracts should require the same bucket guardrails you enforce yourself, and you should be able to check them. ' +
      'PINs and other account-verification secrets do not belong in analytics logs in the first place.',
    links: [
      {
        title: 'Verizon Downplays Leak of Millions of Customer Records',
        url: 'https://www.securityweek.com/verizon-downplays-leak-millions-customer-records',
      },
      {
        title: 'Verizon Data of at Least Six Million Users Leaked Online',
        url: 'https://www.infosecurity-magazine.com/news/verizon-data-six-million-users/',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'wwe-2017-07',
    name: 'WWE',
    date: '2017-07',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'WWE kept data about its fans, apparently gathered for marketing, in an S3 bucket that was left unprotected.',
    escalation:
      'No attacker is reported; Kromtech researchers found the data and WWE secured it within hours, along with a second exposed database.',
    impact:
      'Details of 3,065,805 fans were exposed, including addresses, birth dates, education, ethnicity, earnings and the age ranges of their children.',
    impactShort: '3,065,805 fan records exposed',
    lesson:
      'Marketing teams build some of the richest personal profiles a company holds, often outside the usual engineering reviews. ' +
      'Every bucket needs an owner and a reason to exist, whichever department created it. ' +
      'Account-wide Block Public Access catches the buckets that nobody thought to review.',
    links: [
      {
        title: 'Leaky Buckets: WWE',
        url: 'https://blog.thefourcraft.com/leaky-buckets-wwe',
      },
      {
        title: 'Scam of the day – July 17, 2017 – WWE data breach puts millions at risk of identity theft',
        url: 'https://scamicide.com/2017/07/16/scam-of-the-day-july-17-2017-wwe-data-breach-puts-millions-at-risk-of-identity-theft/',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'tigerswan-talentpen-2017-07',
    name: 'TigerSwan / TalentPen',
    date: '2017-07',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: ['third-party'],
    patterns: [],
    rootCause:
      'TalentPen, a recruiting firm working for the security contractor TigerSwan, uploaded applicants’ résumés to an S3 bucket for a short handover in February 2017 and left them there, publicly readable.',
    escalation:
      'No attacker is reported; an UpGuard researcher found the files and contacted TigerSwan on 21 July.',
    impact:
      'The 9,402 exposed résumé files of military personnel and job applicants, among them Iraqi and Afghan nationals who had worked with US forces, held home addresses, phone numbers, security clearances, driver’s license and passport numbers and partial Social Security numbers.',
    impactShort: '9,402 resumes, some listing security clearances',
    lesson:
      'A temporary transfer area becomes permanent storage the moment nobody deletes it. ' +
      'Give buckets used for handovers an expiry rule and an owner, and end a vendor contract only after checking that its copies are gone. ' +
      'A short-lived upload still needs private access, not a guessable public address.',
    links: [
      {
        title: 'US military contractor exposes thousands of personnel files',
        url: 'https://www.itgovernanceusa.com/blog/us-military-contractor-exposes-thousands-of-personnel-files/',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'election-systems-software-2017-08',
    name: 'Election Systems & Software',
    date: '2017-08',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'The voting-machine vendor Election Systems & Software stored backup files of Chicago voter data, prepared for electronic poll books, in an S3 bucket configured for public access.',
    escalation:
      'No attacker is reported; an UpGuard researcher found the files on 11 August and told the authorities the next day, and the server was shut that same evening.',
    impact:
      'About 1.8 million voter records were exposed, with names, addresses, birth dates, partial Social Security numbers and, for some, driver’s license and state ID numbers.',
    impactShort: '1.8 million Chicago voter records exposed',
    lesson:
      'Backups are copies of production data and need the same protection as the database they came from. ' +
      'Put backup buckets in an account or under a policy that cannot be made public by one person’s mistake. ' +
      'An election, a bank or a hospital supplier should expect its storage to be searched by strangers.',
    links: [
      {
        title: 'ES&S Confirms Discovery of Backup Data by Security Researcher',
        url: 'https://www.essvote.com/blog/106/',
      },
      {
        title: 'Voter data on 1.8M Chicagoans left exposed on online storage service',
        url: 'https://www.scmagazine.com/editorial/news/breach/voter-data-on-1-8m-chicagoans-left-exposed-on-online-storage-service',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'verizon-dvs-2017-09',
    name: 'Verizon (DVS bucket)',
    date: '2017-09',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'Verizon left an S3 bucket about Distributed Vision Services, its internal system for billing operations, open to the public.',
    escalation: 'No attacker is reported; security researchers came across the bucket.',
    impact:
      'More than 100 MB about the internal system was exposed, including email messages, logs, server details and administrator usernames and passwords.',
    impactShort: '100 MB of internal billing-system data exposed',
    lesson:
      'Server details and administrator passwords hand an attacker both a map and a key, even when no customer record is among the files. ' +
      'Verizon customer data had already leaked through a vendor’s bucket earlier that year, a reminder that fixing one bucket does not fix the process that creates them. ' +
      'Enforce public-access blocks across the whole organization instead of bucket by bucket.',
    links: [
      {
        title: 'Verizon Wireless employee exposed confidential data online',
        url: 'https://mackeepersecurity.com/post/verizon-wireless-employee-exposed-confidential-data-online',
      },
      {
        title: 'YAS3BL (Yet Another S3 Bucket Leak)',
        url: 'https://github.com/pbnj/YAS3BL',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'svr-tracking-2017-09',
    name: 'SVR Tracking',
    date: '2017-09',
    section: 'customer-incident',
    primaryCause: 's3-public-read',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'SVR Tracking, a vehicle-tracking company, left an S3 bucket with its account data unprotected.',
    escalation:
      'No attacker is reported, but the leaked logins would have shown anyone each vehicle’s location history for the previous 120 days.',
    impact:
      'Logins for over half a million accounts were exposed, with email addresses, passwords, license plates, VINs and the IMEI numbers of GPS devices, plus vehicle records and contracts with more than 400 car dealerships.',
    impactShort: 'Half a million vehicle-tracking logins exposed',
    lesson:
      'Passwords in a leaked file are keys to a live service, and here the service showed where people drive. ' +
      'Never store user passwords where they can be read back, and never in object storage next to exports. ' +
      'Location and device data call for the same guardrails as payment data.',
    links: [
      {
        title: 'Leaked vehicle tracking accounts',
        url: 'https://www.iotprivacyforum.org/2017/09/26/leaked-vehicle-tracking-accounts/',
      },
      {
        title: 'Vehicle Tracker Data From More Than 540k GPS Units Leaked Online',
        url: 'https://www.spytec.com/news/2017/10/25/vehicle-tracker-data-from-more-than-540000-gps-units-leaked-online/',
      },
      {
        title: '7 Percent of All Amazon S3 Servers Are Exposed, Explaining Recent Surge of Data Leaks',
        url: 'https://www.bleepingcomputer.com/news/security/7-percent-of-all-amazon-s3-servers-are-exposed-explaining-recent-surge-of-data-leaks/',
      },
    ],
  },
  {
    id: 'duo-security-scott-piper-2018',
    name: 'Duo Security (Scott Piper)',
    victim: 'Owners of 3,213 AWS accounts with public EBS snapshots',
    date: '2018',
    section: 'vendor-case-study',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'AWS customers had made EBS snapshots public, often only to reach them easily from elsewhere, which lets any AWS account copy and restore them.',
    escalation:
      'The study reports no attacker; it counts the snapshots that were open to every AWS account and reports that exposed resources leaked sensitive data.',
    impact: 'Research for Duo by AWS security consultant Scott Piper found 116,386 public EBS snapshots belonging to 3,213 accounts.',
    impactShort: '116,386 public snapshots from 3,213 accounts',
    lesson:
      'Making a snapshot public is a common shortcut for moving a disk between accounts, and thousands of accounts took it. ' +
      'Share a snapshot with the one account that needs it, or copy it there, instead of opening it to everyone. ' +
      'Turn on EBS snapshot Block Public Access in every region so the shortcut is no longer available.',
    links: [
      {
        title: 'Exposed AWS Resources Leaked Sensitive Data',
        url: 'https://duo.com/decipher/exposed-aws-resources-leaked-sensitive-data',
      },
    ],
  },
  {
    id: 'bishop-fox-dufflebag-2019-08',
    name: 'Bishop Fox (Dufflebag)',
    victim: 'Owners of public EBS snapshots',
    date: '2019-08',
    section: 'vendor-case-study',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'Public EBS snapshots still carried secrets that had been left on the disks they were taken from.',
    escalation:
      'Ben Morris of Bishop Fox built Dufflebag, which copies each public snapshot, turns it into a volume, mounts it and searches the files for private keys, passwords and AWS keys, and presented the results at DEF CON 27.',
    impact: 'The search turned up 50 AWS access keys in publicly exposed EBS volumes.',
    impactShort: '50 AWS access keys found in public EBS snapshots',
    lesson:
      'Scanning every public snapshot in a region is cheap enough that researchers automate it, and so can anyone else. ' +
      'An access key found on a public disk hands over far more than the disk itself: it opens the account the key belongs to. ' +
      'Find your public snapshots before someone else does, and rotate any key that was ever on one.',
    links: [
      {
        title: 'More Keys than a Piano: Finding Secrets in Publicly Exposed EBS Volumes',
        url: 'https://media.defcon.org/DEF%20CON%2027/DEF%20CON%2027%20presentations/DEFCON-27-Ben-Morris-More-Keys-Than-A-Piano-Finding-Secrets-In-Publicly-Exposed-Ebs-Volumes.pdf',
      },
      {
        title: 'BishopFox/dufflebag: search exposed EBS volumes for secrets',
        url: 'https://github.com/BishopFox/dufflebag',
      },
    ],
  },
  {
    id: 'mitiga-public-rds-snapshots-2022',
    name: 'Mitiga (public RDS snapshots)',
    victim: 'Owners of publicly shared Amazon RDS snapshots',
    date: '2022',
    section: 'vendor-case-study',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'Database owners marked Amazon RDS snapshots public, on purpose or by mistake, sometimes for only hours or days.',
    escalation:
      'Imitating an attacker, the researchers scanned for public snapshots every hour, cloned each one into their own account, restored it and extracted its tables.',
    impact:
      'Over one month they saw 2,783 public snapshots, 810 of them exposed for the whole period and 1,859 for a day or two, and the restored databases held personal data.',
    impactShort: '2,783 public RDS snapshots seen in one month',
    lesson:
      'A snapshot made public for a single afternoon can be copied in that afternoon, and the copy stays with whoever took it. ' +
      'Encrypted RDS snapshots cannot be made public, so encrypting them takes the option away altogether. ' +
      'Alert on every change to snapshot sharing instead of relying on a periodic review.',
    links: [
      {
        title: 'How Mitiga Found PII in Exposed Amazon RDS Snapshots',
        url: 'https://mitiga.io/blog/how-mitiga-found-pii-in-exposed-amazon-rds-snapshots',
      },
      {
        title: 'Amazon RDS may expose PII',
        url: 'https://thecyberwire.com/stories/17bf34390bf8498ea06d8e8c55a624ff/amazon-rds-may-expose-pii',
      },
    ],
  },
  {
    id: 'aws-cloudquarry-2024-05',
    name: 'AWS CloudQuarry (Security Café)',
    victim: 'Publishers of public AMIs',
    date: '2024-05',
    section: 'vendor-case-study',
    primaryCause: 'public-snapshot-ami',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'AMI owners published images to the public catalog with AWS credentials still on their disks.',
    escalation: 'The researchers searched public AMIs for secrets and tested which of the AWS credentials they found still worked.',
    impact: 'More than 200 valid AWS credentials were recovered from public AMIs.',
    impactShort: 'Over 200 valid AWS credentials in public AMIs',
    lesson:
      'More than a decade after the first studies, public images still leak working cloud keys. ' +
      'Turn on AMI Block Public Access where no image has to be public, and review every image that is. ' +
      'Keys that only exist as short-lived role credentials cannot be left behind on an image.',
    links: [
      {
        title: 'AWS CloudQuarry: Digging for Secrets in Public AMIs',
        url: 'https://securitycafe.ro/2024/05/08/aws-cloudquarry-digging-for-secrets-in-public-amis/',
      },
    ],
  },
];
