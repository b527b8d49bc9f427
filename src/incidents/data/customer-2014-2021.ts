import type { Incident } from '../types.js';

/**
 * Customer incidents, rows 0–34 of shared/reference/incident-catalog.json in source order.
 * Facts and links come from that catalog; every sentence here is breachmap's own wording.
 */
export const customerIncidents2014To2021: Incident[] = [
  {
    id: 'uber-2014-05',
    name: 'Uber',
    date: '2014-05',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'AWS credentials were left inside a data-analysis script that had been posted as a GitHub Gist.',
    escalation: 'The public write-up does not describe any further movement by the attacker.',
    impact:
      "About 50,000 records, among them names and driver's license details, were taken from database files hosted in S3.",
    impactShort: '50,000 driver records taken from S3',
    lesson:
      'A key pasted into a shared snippet is a leaked key, whether or not anyone meant to publish it. ' +
      'Long-lived IAM user keys that can read data stores turn one careless paste into a breach. ' +
      'Find the active access keys in the account, ask which of them can reach S3 data, and replace them with short-lived role credentials where you can.',
    links: [
      {
        title: 'Exclusive: In lawsuit over hacking, Uber probes IP address assigned to Lyft exec - sources',
        url: 'https://www.reuters.com/article/uk-uber-tech-lyft-hacking-exclusive/exclusive-in-lawsuit-over-hacking-uber-probes-ip-address-assigned-to-lyft-exec-sources-idUKKCN0S20D020151008',
      },
      {
        title: 'A blameless post-mortem of USA v. Joseph Sullivan',
        url: 'https://magoo.medium.com/a-blameless-post-mortem-of-usa-v-joseph-sullivan-a137162f7fc9',
      },
    ],
  },
  {
    id: 'code-spaces-2014-06',
    name: 'Code Spaces',
    date: '2014-06',
    section: 'customer-incident',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: ['backdoor-iam', 'destruction-extortion'],
    rootCause:
      'An attacker obtained credentials for the AWS management console, most likely by phishing, although that was never confirmed.',
    escalation:
      'The attacker demanded a large payment and had already created additional logins and access keys, so when staff changed the passwords to take the console back those backdoor logins still worked.',
    impact:
      'Seeing the attempt to regain control, the attacker deleted S3 buckets, EC2 instances, AMIs and EBS snapshots, and the hosting company went out of business.',
    impactShort: 'Buckets, instances and snapshots wiped; firm closed',
    lesson:
      'A console user that signs in with only a password is one phished login away from handing over the whole account. ' +
      'Changing passwords does not end an intrusion: every IAM user, access key and login the intruder created must be found and removed, so investigate identities nobody remembers creating. ' +
      'Require MFA for every console user. ' +
      'Keep backups somewhere the same credentials cannot delete, such as a separate account.',
    links: [
      {
        title: 'Hacker puts code spaces out of business',
        url: 'https://threatpost.com/hacker-puts-hosting-service-code-spaces-out-of-business/106761/',
      },
    ],
  },
  {
    id: 'browserstack-2014-11',
    name: 'BrowserStack',
    date: '2014-11',
    section: 'customer-incident',
    primaryCause: 'exposed-hosts',
    secondaryCauses: ['secrets-compute', 'app-vuln'],
    patterns: ['backdoor-iam'],
    rootCause:
      'An old prototype machine that was reachable from the internet and no longer patched was exploited through the Shellshock bash bug.',
    escalation:
      'Access keys stored on that server let the attacker create an IAM user, launch an EC2 instance and mount a backup.',
    impact: "User data was stolen and the attacker sent email to the service's users.",
    impactShort: 'User data stolen; users emailed by the attacker',
    lesson:
      'Forgotten test hosts rarely get patched, and when they are open to the internet they become the way in. ' +
      'Keys stored on a host give whoever compromises it everything those keys allow, including creating new IAM users. ' +
      'Look for security groups that open admin ports to 0.0.0.0/0 and for credentials in user data, and give instances roles instead of stored keys.',
    links: [{ title: 'BrowserStack analysis', url: 'http://archive.today/rsmmS' }],
  },
  {
    id: 'dnc-gru-2016-06',
    name: 'DNC Hack by the GRU',
    date: '2016-06',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: ['public-snapshot-ami'],
    patterns: ['snapshot-exfiltration'],
    rootCause: 'How the attackers first got in is not known; the filing says only that test clusters were breached.',
    escalation: 'The attackers copied EC2 snapshots into AWS accounts that they controlled.',
    impact: 'The data taken related to Tableau and Vertica analytics queries.',
    impactShort: 'Analytics data taken by copying snapshots',
    lesson:
      'Sharing a snapshot with another AWS account moves a whole disk out of your control without any bulk download crossing your network. ' +
      'List snapshots shared with account IDs you do not recognise: block public access does not stop a share to a named account, so it would not have stopped this. ' +
      'Limit which identities may change snapshot permissions, so one compromised user cannot share volumes on its own.',
    links: [
      {
        title: 'DEMOCRATIC NATIONAL COMMITTEE v. THE RUSSIAN FEDERATION',
        url: 'https://www.politico.com/f/?id=00000168-6161-de11-af7d-ef7327ea0000',
      },
    ],
  },
  {
    id: 'datadog-2016-07',
    name: 'Datadog',
    date: '2016-07',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An AWS access key used by the CI/CD system leaked, together with an SSH private key.',
    escalation: 'The attacker tried to use customer credentials to reach further.',
    impact: 'Three EC2 instances and part of the S3 buckets were accessed.',
    impactShort: '3 EC2 instances and some S3 buckets accessed',
    lesson:
      'Build pipelines hold some of the most powerful long-lived keys in an account, and those keys get copied into many places. ' +
      'Scope each pipeline key to what that pipeline deploys, rotate it on a schedule, and prefer OIDC-federated roles that leave nothing behind to leak. ' +
      'Access keys that are old or carry broad permissions are the first ones to look at.',
    links: [
      {
        title: '2016-07-08 Security Notice',
        url: 'https://web.archive.org/web/20201128071102/https://www.datadoghq.com/blog/2016-07-08-security-notice/',
      },
    ],
  },
  {
    id: 'uber-2016-10',
    name: 'Uber',
    date: '2016-10',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'Roughly 13 Uber credentials bought on a forum opened a private GitHub repository in which AWS credentials were stored.',
    escalation: 'The public write-up does not describe how the attacker went further.',
    impact:
      "Names and driver's license numbers of 600,000 drivers and personal data of 57 million users were taken from an unencrypted backup made by hand.",
    impactShort: 'PII of 57M users and 600k drivers taken',
    lesson:
      'A private repository is only as private as the weakest account that can read it, so keys committed there should be treated as exposed. ' +
      'Take AWS keys out of source control, then check which access keys are still active and what data they can reach. ' +
      'An unencrypted manual backup magnifies what any leaked key can expose.',
    links: [
      {
        title: 'Uber concealed cyberattack ...',
        url: 'https://web.archive.org/web/20210824171652/https://www.bloomberg.com/news/articles/2017-11-21/uber-concealed-cyberattack-that-exposed-57-million-people-s-data',
      },
      {
        title: 'A blameless post-mortem of USA v. Joseph Sullivan',
        url: 'https://magoo.medium.com/a-blameless-post-mortem-of-usa-v-joseph-sullivan-a137162f7fc9',
      },
    ],
  },
  {
    id: 'lynda-com-2016-12',
    name: 'Lynda.com',
    date: '2016-12',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'AWS credentials were kept in a private GitHub repository.',
    escalation: 'The public write-up does not say what the attacker did between finding the keys and taking the data.',
    impact: 'Data on 9.5 million users was taken, and the attackers then tried to extort the company.',
    impactShort: '9.5M user records stolen; extortion attempt',
    lesson:
      "This case ended in the same guilty pleas as Uber's 2016 breach, and it shares the root cause: working AWS keys in a code repository. " +
      'Secret scanning on repositories helps, but the account side matters as much, because unused, old or broadly privileged keys should not exist at all. ' +
      'Credentials issued to roles expire on their own and leave nothing useful in the code.',
    links: [{ title: '2 Plead Guilty in 2016 Uber and Lynda.com Hacks', url: 'http://archive.today/oU2ZL' }],
  },
  {
    id: 'onelogin-2017-05',
    name: 'OneLogin',
    date: '2017-05',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An attacker held working AWS access keys; the catalog does not say how they were obtained.',
    escalation: 'The attacker used the keys to launch EC2 instances.',
    impact: 'Database tables were accessed, though the data in them was encrypted.',
    impactShort: 'Encrypted database tables accessed',
    lesson:
      'Even an identity provider can be undone by one set of long-lived cloud keys. ' +
      'Keys that can both launch instances and reach databases give an intruder a place to work from and something to take. ' +
      'Review every active IAM user key for age, last use and privilege, and retire the ones that are not needed.',
    links: [
      {
        title: 'May 31, 2017 Security Incident',
        url: 'https://web.archive.org/web/20210620180614/https://www.onelogin.com/blog/may-31-2017-security-incident',
      },
    ],
  },
  {
    id: 'politifact-2017-10',
    name: 'Politifact',
    date: '2017-10',
    section: 'customer-incident',
    primaryCause: 'unknown',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'Reports blamed a misconfigured cloud server without naming the exact weakness.',
    escalation: 'The public write-up does not describe any step beyond the initial access.',
    impact: "The Coinhive mining script was planted on the website, so visitors' computers mined cryptocurrency.",
    impactShort: 'Coinhive miner served to site visitors',
    lesson:
      'When the only explanation is a misconfigured server, there is no single setting to blame, and the useful response is breadth. ' +
      'Check the basics across the account: who can change the buckets and hosts behind a public site, which ports are open to the internet, and whether logs would record the change. ' +
      "A site that suddenly serves someone else's script means that something feeding it was writable.",
    links: [
      {
        title: 'Hackers have turned Politifact’s website into a trap for your PC',
        url: 'https://web.archive.org/web/20200806102838/https://www.washingtonpost.com/news/the-switch/wp/2017/10/13/hackers-have-turned-politifacts-website-into-a-trap-for-your-pc/',
      },
    ],
  },
  {
    id: 'dataspline-2017',
    name: 'Dataspline',
    date: '2017',
    section: 'customer-incident',
    primaryCause: 'untrusted-image',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'A dependency pulled into a container base image carried a Monero miner.',
    escalation: 'Nothing beyond the tainted image is described in the public account.',
    impact: "The company's compute was used to mine Monero.",
    impactShort: 'Monero mined through a tainted base image',
    lesson:
      'A workload is only as trustworthy as the images and dependencies it is built from. ' +
      'Pin base images to publishers you know, scan them before they are deployed, and keep track of which registries your tasks pull from. ' +
      'An unexplained rise in compute usage or cost is often the first visible symptom.',
    links: [
      {
        title: 'LinkedIn post from co-founder',
        url: 'https://www.linkedin.com/feed/update/urn:li:activity:7219713829528563712',
      },
    ],
  },
  {
    id: 'dxc-technologies-2017-11',
    name: 'DXC Technologies',
    date: '2017-11',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'A private AWS key ended up exposed on GitHub.',
    escalation: 'Someone used the key to start 244 EC2 instances.',
    impact: 'The instances were put to work mining cryptocurrency.',
    impactShort: '244 EC2 instances started for mining',
    lesson:
      'Keys pushed to GitHub are found quickly by automated scanners, and a common first use is launching instances for mining. ' +
      'A key allowed to run EC2 anywhere turns one leak into a very large bill. ' +
      'Flag long-lived keys with broad EC2 rights, and set budget or quota alarms so that a sudden surge gets noticed.',
    links: [
      {
        title: 'DXC spills AWS private keys on public GitHub',
        url: 'https://web.archive.org/web/20210228215919/https://www.theregister.com/2017/11/14/dxc_github_aws_keys_leaked/',
      },
    ],
  },
  {
    id: 'drizly-2018',
    name: 'Drizly',
    date: '2018',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'AWS credentials were committed to a public GitHub repository.',
    escalation: 'The public write-up does not describe what the attacker did beyond using the credentials.',
    impact: "The leaked credentials were used to run cryptocurrency mining on the company's cloud resources.",
    impactShort: 'Leaked keys used for cryptojacking',
    lesson:
      "Drizly's AWS credentials leaked through code again in 2020 (see that entry), and the FTC later acted over its security failures. " +
      'A first leak should lead to removing that kind of secret from code altogether, not just rotating the one key that was found. ' +
      'Check that no IAM user keys remain that an application could carry around, and give applications roles instead.',
    links: [
      {
        // The upstream title called this the FTC complaint, but the URL is the FTC press release.
        title:
          'FTC press release: FTC Takes Action Against Drizly and its CEO James Cory Rellas for Security Failures that Exposed Data of 2.5 Million Consumers',
        url: 'https://www.ftc.gov/news-events/news/press-releases/2022/10/ftc-takes-action-against-drizly-its-ceo-james-cory-rellas-security-failures-exposed-data-25-million',
      },
    ],
  },
  {
    id: 'la-times-2018-02',
    name: 'LA Times',
    date: '2018-02',
    section: 'customer-incident',
    primaryCause: 's3-public-write',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'An S3 bucket let anyone on the internet write to it.',
    escalation: 'The write-up describes no further step: write access to the bucket was all the attack needed.',
    impact: 'Coinhive mining code was added to the homicide.latimes.com site.',
    impactShort: 'Mining script planted on a news site',
    lesson:
      "Public write access on a bucket that serves website files lets anyone change what visitors' browsers run. " +
      'Turn on S3 Block Public Access at the account level, and review bucket ACLs and policies for write grants to everyone. ' +
      'This is exactly the kind of setting a read-only scan can confirm.',
    links: [
      {
        title: 'Coinhive cryptojacking added to homicide.latimes.com',
        url: 'https://web.archive.org/web/20210413201832/https://www.tripwire.com/state-of-security/security-data-protection/la-times-website-cryptojacking-attack/',
      },
    ],
  },
  {
    id: 'tesla-2018-02',
    name: 'Tesla',
    date: '2018-02',
    section: 'customer-incident',
    primaryCause: 'exposed-k8s',
    secondaryCauses: ['secrets-compute'],
    patterns: ['cryptomining'],
    rootCause: 'A Kubernetes console was reachable from the whole internet, and one of its pods held AWS credentials.',
    escalation: 'The public write-up does not describe how far the attackers went beyond the cluster.',
    impact: "Tesla's cloud resources were used to mine cryptocurrency.",
    impactShort: 'Kubernetes cluster hijacked for mining',
    lesson:
      'An open cluster dashboard works as a remote shell for whoever finds it, and any credentials inside the pods come with it. ' +
      'Keep Kubernetes control planes off the public internet or limited to known networks, and do not place AWS keys in pod environments. ' +
      'Narrow node and pod roles limit what a hijacked cluster can reach.',
    links: [
      {
        title: "Hack Brief: Hackers Enlisted Tesla's Public Cloud to Mine Cryptocurrency",
        url: 'https://www.wired.com/story/cryptojacking-tesla-amazon-cloud/',
      },
    ],
  },
  {
    id: 'chegg-2018-04',
    name: 'Chegg',
    date: '2018-04',
    section: 'customer-incident',
    primaryCause: 'root',
    secondaryCauses: ['departed-stale'],
    patterns: [],
    rootCause: 'A root credential that many people shared was used by a former contractor.',
    escalation: 'How the access was used beyond the root login is not publicly known.',
    impact: 'Data on 40 million users was taken from an S3 bucket.',
    impactShort: "40M users' data taken from S3",
    lesson:
      'Root credentials cannot be scoped, cannot be traced to one person, and do not leave with the people who knew them. ' +
      'Give each person their own identity, lock root away behind MFA with no access keys, and change anything shared whenever someone leaves. ' +
      'Check the root account for access keys and MFA, and check for users who have not signed in for a long time.',
    links: [{ title: 'FTC Complaint', url: 'https://www.ftc.gov/system/files/ftc_gov/pdf/2023151-Chegg-Complaint.pdf' }],
  },
  {
    id: 'imtoken-2018-06',
    name: 'imToken',
    date: '2018-06',
    section: 'customer-incident',
    primaryCause: 'root',
    secondaryCauses: ['human-creds-mfa'],
    patterns: [],
    rootCause: 'An email account was compromised.',
    escalation: "The attacker used that mailbox to reset the AWS account's password.",
    impact: 'A small amount of customer device data was exposed.',
    impactShort: 'Limited customer device data exposed',
    lesson:
      "Whoever controls the root email address can reset the root password, so that mailbox is part of the AWS account's perimeter. " +
      'With MFA on root, a reset password alone is not enough to sign in. ' +
      'Confirm that root has MFA and no access keys, and protect the root mailbox as strongly as the account itself.',
    links: [{ title: 'Disclosure of Security Incidents on imToken', url: 'https://archive.ph/bRjXi' }],
  },
  {
    id: 'reddit-2018-06',
    name: 'Reddit',
    date: '2018-06',
    section: 'customer-incident',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: [],
    rootCause: "An attacker intercepted an employee's SMS messages to get past two-factor authentication.",
    escalation: 'The public write-up does not describe further movement in AWS.',
    impact: 'Internal systems were accessed and user data, messages included, was exposed.',
    impactShort: 'Internal systems and user messages accessed',
    lesson:
      'Codes sent by SMS can be intercepted, so SMS-based 2FA is weaker than it looks. ' +
      'For AWS console users, prefer phishing-resistant MFA such as security keys or passkeys, and make sure every console user has MFA of some kind. ' +
      'The credential report lists users who have a password but no MFA device.',
    links: [
      {
        title: "We had a security incident. Here's what you need to know.",
        url: 'https://www.reddit.com/r/announcements/comments/93qnm5/we_had_a_security_incident_heres_what_you_need_to/',
      },
    ],
  },
  {
    id: 'timehop-2018-07',
    name: 'Timehop',
    date: '2018-07',
    section: 'customer-incident',
    primaryCause: 'human-creds-mfa',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Administrator credentials that were not protected by MFA were compromised.',
    escalation: 'The public write-up does not describe steps beyond the admin login.',
    impact: 'Data of 21 million users was exposed, including email addresses, phone numbers and social media tokens.',
    impactShort: "21M users' emails, phones and tokens exposed",
    lesson:
      'An administrator login guarded only by a password gives away the environment as soon as that password leaks. ' +
      'Enforce MFA on every identity with console access, starting with the most privileged ones. ' +
      'Users with admin rights, a password and no MFA device are a finding worth fixing the same day.',
    links: [
      {
        title: 'TechCrunch',
        url: 'https://techcrunch.com/2018/07/09/timehop-discloses-july-4-data-breach-affecting-21-million/',
      },
    ],
  },
  {
    id: 'voova-2019-03',
    name: 'Voova',
    date: '2019-03',
    section: 'customer-incident',
    // Not departed-stale: he signed in with a colleague's working login, and the account had no second factor.
    primaryCause: 'human-creds-mfa',
    secondaryCauses: ['departed-stale'],
    patterns: ['destruction-extortion'],
    rootCause:
      'After being dismissed, a former IT employee signed in to the AWS account with the login of a colleague whose credentials he had stolen; the trial heard the company had no two-factor authentication.',
    escalation: 'The write-up describes no escalation; the colleague’s login already allowed the deletions.',
    impact: 'The former employee deleted 23 servers.',
    impactShort: '23 servers deleted by an ex-employee',
    lesson:
      'A password is all a console login without MFA asks for, and a departing employee may know colleagues’ passwords as well as his own. ' +
      'Require MFA for every console user, so that a stolen password alone does not sign in, and change shared or known secrets when someone leaves. ' +
      'Keep backups where a single login cannot delete them.',
    links: [
      {
        title: 'Sacked IT guy annihilates 23 of his ex-employer’s AWS servers',
        url: 'https://nakedsecurity.sophos.com/2019/03/22/sacked-it-guy-annihilates-23-of-his-ex-employers-aws-servers/',
      },
    ],
  },
  {
    id: 'capital-one-2019-04',
    name: 'Capital One',
    date: '2019-04',
    section: 'customer-incident',
    primaryCause: 'imds-ssrf',
    secondaryCauses: [],
    patterns: ['long-dwell'],
    rootCause: 'A misconfigured web application firewall made a server-side request forgery (SSRF) attack possible.',
    escalation:
      'Through the SSRF the attacker asked the instance metadata service for the role’s credentials; the role had far more permissions than its job required, and with it the attacker listed the account’s buckets and copied data out of more than 700 of them.',
    impact:
      'About 100 million credit applications were exposed; the data was taken in March 2019 and the bank learned of it only in July, from an outside tip.',
    impactShort: 'About 100M credit applications exposed',
    lesson:
      'SSRF plus IMDSv1 turns a web bug into cloud credentials, because IMDSv1 answers any plain GET request made from the instance. ' +
      'Require IMDSv2 on every instance and keep instance roles narrow, so a stolen role session reaches only what that workload needs. ' +
      'An instance with IMDSv1 enabled and a role that can read many buckets is the combination to fix first.',
    links: [
      {
        title: 'A Technical Analysis of the Capital One Cloud Misconfiguration Breach',
        url: 'https://cloudsecurityalliance.org/blog/2019/08/09/a-technical-analysis-of-the-capital-one-cloud-misconfiguration-breach',
      },
    ],
  },
  {
    id: 'jw-player-2019-09',
    name: 'JW Player',
    date: '2019-09',
    section: 'customer-incident',
    primaryCause: 'exposed-k8s',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause:
      'A Weave Scope dashboard was exposed to the internet, and the tool lets its users run commands on the hosts it watches.',
    escalation: 'The public write-up does not describe a step beyond the exposed tool.',
    impact: 'A cryptocurrency miner ran on internal Kubernetes clusters.',
    impactShort: 'Miner deployed on internal Kubernetes clusters',
    lesson:
      'Monitoring and admin tools that can execute commands are control planes, whatever their label says. ' +
      'Never expose them without authentication and a network restriction. ' +
      'Look for security groups and load balancers that publish cluster tooling to 0.0.0.0/0, and for EKS API endpoints open to everyone.',
    links: [
      {
        title: 'How A Cryptocurrency Miner Made Its Way onto Our Internal Kubernetes Clusters',
        url: 'https://web.archive.org/web/20210828044334/https://medium.com/jw-player-engineering/how-a-cryptocurrency-miner-made-its-way-onto-our-internal-kubernetes-clusters-9b09c4704205',
      },
    ],
  },
  {
    id: 'malindo-air-2019-09',
    name: 'Malindo Air',
    date: '2019-09',
    section: 'customer-incident',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'The breach was an inside job by a former employee.',
    escalation: 'The public write-up does not describe how the access was extended.',
    impact: '35 million records of personal data were exposed.',
    impactShort: '35M personal records exposed',
    lesson:
      'Insider cases are usually about access that outlives the job. ' +
      'Tie every IAM user and key to a named owner, person or system, and remove it when that relationship ends. ' +
      'Credentials unused for months and keys that were never rotated are worth reviewing even when nobody has left.',
    links: [
      {
        title: 'Malindo Air: Data Breach Was Inside Job',
        url: 'https://www.infosecurity-magazine.com/news/malindo-air-data-breach-was-inside/',
      },
    ],
  },
  {
    id: 'imperva-2019-10',
    name: 'Imperva',
    date: '2019-10',
    section: 'customer-incident',
    primaryCause: 'exposed-hosts',
    secondaryCauses: ['secrets-compute'],
    patterns: [],
    rootCause: 'An internal compute instance was reachable from the internet, and an AWS API key was stored on it.',
    escalation: 'The public write-up does not describe intermediate steps.',
    impact: 'An RDS snapshot was stolen.',
    impactShort: 'RDS database snapshot stolen',
    lesson:
      'A long-lived API key on a reachable instance is one exploit away from being in the wrong hands. ' +
      'Restrict inbound access to internal hosts, and use instance roles rather than keys saved on disk. ' +
      'The stolen RDS snapshot is also a reason to check who can copy or share database snapshots.',
    links: [
      {
        title: 'Imperva Security Update',
        url: 'https://web.archive.org/web/20210620143023/https://www.imperva.com/blog/ceoblog/',
      },
    ],
  },
  {
    id: 'cameo-2020-02',
    name: 'Cameo',
    date: '2020-02',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Credentials were shipped inside the mobile app package.',
    escalation: 'The public write-up does not describe a further escalation.',
    impact: 'The credentials gave access to backend infrastructure, user data included.',
    impactShort: 'Backend and user data reachable',
    lesson:
      'Anything inside a mobile app can be unpacked by anyone who downloads it. ' +
      'Apps should obtain short-lived, narrowly scoped credentials from a backend or an identity pool, never carry IAM user keys. ' +
      'IAM users that exist only to give an app access, especially with broad rights, deserve a second look.',
    links: [
      {
        title: 'Celeb Shout-Out App Cameo Exposes Private Videos and User Data',
        url: 'https://www.vice.com/en/article/akwj5z/cameo-app-exposed-private-videos-user-data-passwords',
      },
    ],
  },
  {
    id: 'open-exchange-rates-2020-03',
    name: 'Open Exchange Rates',
    date: '2020-03',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: ['leaked-keys'],
    patterns: [],
    rootCause: "A compromise at a third party exposed one of the company's AWS access keys.",
    escalation: 'The public write-up does not describe how the key was used beyond reaching the data.',
    impact: 'The user database was accessed.',
    impactShort: 'User database accessed',
    lesson:
      'Keys you hand to a vendor are only as safe as that vendor. ' +
      'Prefer cross-account roles with an external ID over giving a third party IAM user keys, and keep whatever they hold to the minimum. ' +
      'List the IAM users that exist for integrations and check their age and privileges.',
    links: [
      {
        title: 'Exchange rate service’s customer details hacked via AWS',
        url: 'https://nakedsecurity.sophos.com/2020/03/20/exchange-rate-services-customer-details-hacked-via-aws/',
      },
    ],
  },
  {
    id: 'first-republic-bank-2020-03',
    name: 'First Republic Bank',
    date: '2020-03',
    section: 'customer-incident',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An employee who had been fired was not completely offboarded.',
    escalation: 'The public write-up does not describe any escalation.',
    impact: 'Systems were disrupted.',
    impactShort: 'Systems disrupted by a fired employee',
    lesson:
      'Partial offboarding leaves exactly the gap a disgruntled former employee needs. ' +
      'Make the leaver checklist cover AWS as well as the corporate directory: IAM users, access keys, SSH keys and Identity Center assignments. ' +
      'Identities that have stopped signing in are candidates to disable, whoever they belonged to.',
    links: [{ title: 'First Republic Bank', url: 'https://www.breaches.cloud/incidents/first-republic/' }],
  },
  {
    id: 'live-auctioneers-2020-07',
    name: 'Live Auctioneers',
    date: '2020-07',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Compromised third-party software gave the attacker a way into the cloud environment.',
    escalation: 'The public write-up does not describe the path from that access to the data.',
    impact: 'The user database was exposed, including credentials hashed with MD5.',
    impactShort: 'User DB with MD5-hashed credentials exposed',
    lesson:
      'When vendor software holds a path into your account, a compromise of that software becomes your compromise. ' +
      'Inventory the roles external accounts can assume and the keys integrations use, and cut each down to what it needs. ' +
      'Weak hashing such as MD5 then decides how much a stolen database hurts your users.',
    notCoverable:
      'The way in was compromised third-party software, and the write-up names no setting in the AWS account that let it reach the data.',
    links: [{ title: 'Washington State OAG - Live Auctioneers', url: 'https://www.atg.wa.gov/live-auctioneers/' }],
  },
  {
    id: 'twilio-2020-07',
    name: 'Twilio',
    date: '2020-07',
    section: 'customer-incident',
    primaryCause: 's3-public-write',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'An S3 bucket was writable by anyone on the internet.',
    escalation: 'The write-up describes no further step; public write access was enough to alter the hosted file.',
    impact: 'The TaskRouter JS SDK was altered with Magecart-style malicious code.',
    impactShort: 'Hosted JS SDK tampered with (Magecart)',
    lesson:
      'A bucket that serves JavaScript becomes part of every page that loads the file, so public write on it is a supply-chain risk. ' +
      'The linked RiskIQ review found the same technique used against buckets serving more than 17,000 domains. ' +
      "Check every bucket's ACL and policy for public write, and keep account-level Block Public Access switched on.",
    links: [
      {
        title: 'Incident Report: TaskRouter JS SDK Security Incident',
        url: 'https://web.archive.org/web/20210813010417/https://www.twilio.com/blog/incident-report-taskrouter-js-sdk-july-2020',
      },
      {
        title: 'one review targeting "well over 17,000 domains"',
        url: 'https://web.archive.org/web/20210620145033/https://www.riskiq.com/blog/labs/magecart-amazon-s3-buckets/',
      },
    ],
  },
  {
    id: 'natures-basket-2020-07',
    name: "Nature's Basket responsible disclosure",
    date: '2020-07',
    section: 'customer-incident',
    primaryCause: 'root',
    secondaryCauses: [],
    patterns: [],
    rootCause: 'Root account access keys were hard-coded in source code that could be read from a public S3 bucket.',
    escalation: 'The write-up does not describe any escalation.',
    impact: 'This was a responsible disclosure, and the write-up does not describe any harm.',
    impactShort: 'No impact described (responsible disclosure)',
    lesson:
      'Root access keys are never needed for routine work, and when they leak no permission boundary limits them: the write-up calls the result an account takeover. ' +
      'Delete root access keys, enable MFA on root, and keep source code and build output out of public buckets. ' +
      'The presence of root keys is a single read-only API call away.',
    links: [
      {
        title: 'GotRoot! AWS root Account Takeover',
        url: 'https://web.archive.org/web/20200825004529/https://medium.com/@gchib/naturesbasket-aws-root-account-takeover-e4aa5c5e95e1',
      },
    ],
  },
  {
    id: 'drizly-2020-07',
    name: 'Drizly',
    date: '2020-07',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: [],
    patterns: [],
    rootCause:
      'An inactive GitHub account was taken over with a reused password, which gave access to AWS credentials kept in source code.',
    escalation: 'The public write-up does not describe steps between the credentials and the database.',
    impact: 'Data on 2.5 million users was exfiltrated from an RDS instance.',
    impactShort: "2.5M users' data taken from RDS",
    lesson:
      'Dormant accounts on outside platforms still open doors into AWS when the code they can read contains keys. ' +
      'Two fixes meet here: keep keys out of code, and retire accounts nobody uses, in GitHub and in IAM alike. ' +
      'Review active access keys by last use and disable the ones that have gone quiet.',
    links: [
      {
        title:
          'FTC Takes Action Against Drizly and its CEO James Cory Rellas for Security Failures that Exposed Data of 2.5 Million Consumers',
        url: 'https://archive.ph/p21Vk',
      },
    ],
  },
  {
    id: 'cryptomining-ami-2020-08',
    name: 'Cryptomining AMI',
    date: '2020-08',
    section: 'customer-incident',
    primaryCause: 'untrusted-image',
    secondaryCauses: [],
    patterns: ['cryptomining'],
    rootCause: 'A Windows Server 2008 image from the community AMI catalog came with a cryptocurrency miner built in.',
    escalation: 'The write-up describes no escalation; the miner came with the image itself.',
    impact: 'Instances launched from the image ran a Monero miner.',
    impactShort: 'Monero miner embedded in a community AMI',
    lesson:
      'Anyone can publish a community AMI, and nobody vets what runs inside it. ' +
      'Launch from images owned by your account, by Amazon or by verified publishers, and use the allowed-images setting where you can. ' +
      'Listing running instances whose AMI comes from an unknown owner shows where this risk already exists.',
    links: [
      {
        title: 'Cryptominer Found Embedded in AWS Community AMI',
        url: 'https://web.archive.org/web/20210625192906/https://www.darkreading.com/cloud/cryptominer-found-embedded-in-aws-community-ami/d/d-id/1338713/',
      },
    ],
  },
  {
    id: 'animal-jam-2020-11',
    name: 'Animal Jam',
    date: '2020-11',
    section: 'customer-incident',
    primaryCause: 'third-party',
    secondaryCauses: ['leaked-keys'],
    patterns: [],
    rootCause: "Attackers who got into the company's Slack found AWS credentials there.",
    escalation: 'The public write-up does not describe steps beyond using those credentials.',
    impact: 'The user database was accessed.',
    impactShort: 'User database reached with keys found in Slack',
    lesson:
      'Chat tools keep years of pasted secrets, searchable by anyone who gets in. ' +
      'Treat any key that has ever been pasted into chat as exposed and rotate it. ' +
      'Old access keys that were never rotated are the ones most likely to be sitting in a message history.',
    links: [
      {
        title: "Kids' gaming website Animal Jam breached",
        url: 'https://web.archive.org/web/20210122070047/https://www.theregister.com/2020/11/12/animal_jam_breached/',
      },
    ],
  },
  {
    id: 'cisco-2020-12',
    name: 'Cisco',
    date: '2020-12',
    section: 'customer-incident',
    primaryCause: 'departed-stale',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'A former employee could still use AWS five months after resigning.',
    escalation: 'The write-up describes no escalation; the access that remained was enough to delete instances.',
    impact: 'About 450 EC2 instances were deleted.',
    impactShort: 'About 450 EC2 instances deleted',
    lesson:
      "Five months is a long time for a departed engineer's access to keep working. " +
      'Tie AWS access to the identity provider so that leaving the company ends it, and review any IAM users and keys outside that by last use. ' +
      'Termination protection and backups held in another account limit what a single identity can destroy.',
    links: [
      {
        title: 'Former Cisco engineer sentenced to prison',
        url: 'https://web.archive.org/web/20210304053727/https://www.zdnet.com/article/former-cisco-engineer-sentenced-to-prison-for-deleting-16k-webex-accounts/',
      },
    ],
  },
  {
    id: 'juspay-2021-01',
    name: 'Juspay',
    date: '2021-01',
    section: 'customer-incident',
    primaryCause: 'leaked-keys',
    secondaryCauses: ['departed-stale'],
    patterns: [],
    rootCause: 'An old AWS access key that had never been rotated was compromised.',
    escalation: 'The public write-up does not describe any escalation.',
    impact: 'Masked card data, email addresses and phone numbers were exposed.',
    impactShort: 'Masked card data, emails and phones exposed',
    lesson:
      'Every month a key stays active is another month in which it can leak from a laptop, a log or a backup. ' +
      'Rotate or remove access keys on a fixed schedule, and delete the ones nobody uses. ' +
      'Key age and last-used date are in the credential report, which makes this one of the easiest checks to automate.',
    links: [
      {
        title: 'Data from August Breach of Amazon Partner Juspay Dumped Online',
        url: 'https://web.archive.org/web/20210127001214/https://threatpost.com/data-from-august-breach-of-amazon-partner-juspay-dumped-online/162740/',
      },
    ],
  },
  {
    id: '20-20-eye-care-network-2021-01',
    name: '20/20 Eye Care Network and Hearing Care Network',
    date: '2021-01',
    section: 'customer-incident',
    primaryCause: 'creds-unspecified',
    secondaryCauses: [],
    patterns: ['destruction-extortion'],
    rootCause: 'A credential was compromised; the catalog does not say what kind.',
    escalation: 'The public write-up does not describe any escalation.',
    impact: 'Data in S3 buckets was accessed and then deleted.',
    impactShort: 'S3 data accessed, then deleted',
    lesson:
      'When the type of credential is unknown, the defence is to make every type harder to abuse: MFA for people, short-lived roles for software, no forgotten keys. ' +
      "Deletion hurts most when no copy exists beyond the attacker's reach. " +
      'Versioning with MFA delete, or Object Lock, on important buckets stops a compromised identity from erasing the data.',
    links: [
      {
        title:
          '20/20 Eye Care Network and Hearing Care Network notify 3,253,822 health plan members of breach that deleted contents of AWS buckets',
        url: 'https://www.databreaches.net/20-20-eye-care-network-and-hearing-care-network-notify-3253822-health-plan-members-of-breach-that-deleted-contents-of-aws-buckets/',
      },
    ],
  },
];
