import { defineCheck } from '../define.js';
import { forEachRegion, sameRegion } from '../outcomes.js';
import { INSTANCE_LISTING, isLive } from '../instances.js';
import type { CheckOutcome, EvidenceValue } from '../define.js';
import type { AuthorizationDetails, Collected, Instance, SecurityGroupsRegion } from '../../inventory/schema.js';
import { describeGrant, instanceProfileGrants } from '../../policy/iam.js';
import type { PrivilegeGrant } from '../../policy/iam.js';
import { groupRules, prefixListLookup, tcpInternetExposure } from '../../policy/security-groups.js';
import type { LabelledRule } from '../../policy/security-groups.js';

/** One link of the chain: holds, is broken, or could not be read (with the reason). */
type Link = { state: 'yes'; detail: string } | { state: 'no'; detail: string } | { state: 'unknown'; detail: string; missingAction: string };

interface Chain {
  imds: Link;
  publicAddress: Link;
  internetIngress: Link;
  role: Link;
  evidence: Record<string, EvidenceValue>;
}

function imdsLink(instance: Instance): Link {
  const { httpTokens, httpEndpoint } = instance.metadataOptions;
  if (httpEndpoint === 'disabled') return { state: 'no', detail: 'the metadata service is disabled' };
  if (httpTokens === 'required') return { state: 'no', detail: 'IMDSv2 session tokens are required' };
  return { state: 'yes', detail: `the metadata service answers IMDSv1 GETs (HttpTokens ${httpTokens ?? 'not reported'})` };
}

function publicAddressLink(instance: Instance): Link {
  return instance.publicIp === null ? { state: 'no', detail: 'no public IP address' } : { state: 'yes', detail: `public IP ${instance.publicIp}` };
}

/**
 * The rules of every group on the instance are pooled: AWS aggregates them into one set and applies
 * the most permissive rule per port (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html),
 * so 0.0.0.0/1 in one group and 128.0.0.0/1 in another on the same port admit the whole internet.
 */
function ingressLink(instance: Instance, groups: Collected<SecurityGroupsRegion> | undefined): { link: Link; rules: string[] } {
  if (groups === undefined || !groups.ok) {
    const reason = groups === undefined ? 'the region\'s security groups were not collected' : groups.error.message;
    return { link: { state: 'unknown', detail: reason, missingAction: 'ec2:DescribeSecurityGroups' }, rules: [] };
  }
  const pooled: LabelledRule[] = [];
  const unseen: string[] = [];
  for (const groupId of instance.securityGroupIds) {
    const group = groups.data.securityGroups.find((candidate) => candidate.id === groupId);
    if (group === undefined) unseen.push(groupId);
    else pooled.push(...groupRules(group, group.id));
  }
  const exposure = tcpInternetExposure(pooled, prefixListLookup(groups.data.prefixLists));
  const rules = [...new Set(exposure.open.flatMap((segment) => segment.rules))];
  if (rules.length > 0) {
    const first = exposure.open[0];
    const detail = first !== undefined && first.pooled ? `security group rules ${first.rules.join(' + ')} together admit the whole internet` : `security group rule ${rules[0] ?? ''}`;
    return { link: { state: 'yes', detail }, rules };
  }
  const unknowns: string[] = [];
  const actions: string[] = [];
  if (unseen.length > 0) {
    unknowns.push(`security group${unseen.length === 1 ? '' : 's'} ${unseen.join(', ')} not found in the listing`);
    actions.push('ec2:DescribeSecurityGroups');
  }
  const unreadable = [...new Map(exposure.uncertain.flatMap((segment) => segment.unreadable).map((list) => [list.id, list])).values()];
  if (unreadable.length > 0) {
    unknowns.push(`rules admit prefix list${unreadable.length === 1 ? '' : 's'} whose entries could not be read (${unreadable.map((list) => `${list.label}: ${list.reason}`).join('; ')})`);
    actions.push(...unreadable.map((list) => list.action));
  }
  if (unknowns.length > 0) {
    return { link: { state: 'unknown', detail: unknowns.join('; '), missingAction: [...new Set(actions)].join(', ') }, rules };
  }
  return { link: { state: 'no', detail: 'no security group rule, alone or with the others, admits TCP from the whole internet' }, rules };
}

function roleLink(instance: Instance, details: AuthorizationDetails): { link: Link; grants: PrivilegeGrant[]; roleArns: string[] } {
  const profileArn = instance.instanceProfileArn;
  if (profileArn === null) return { link: { state: 'no', detail: 'no instance profile' }, grants: [], roleArns: [] };
  const profile = details.instanceProfiles.find((candidate) => candidate.arn === profileArn);
  if (profile === undefined) {
    return {
      link: { state: 'unknown', detail: `instance profile ${profileArn} is not in GetAccountAuthorizationDetails`, missingAction: 'iam:GetAccountAuthorizationDetails' },
      grants: [],
      roleArns: [],
    };
  }
  const { grants, missing, gaps } = instanceProfileGrants(profile, details);
  const lead = grants.find((grant) => grant.kind === 'admin') ?? grants[0];
  // A boundary whose document is unknown can take away every grant: the link cannot be judged.
  if (gaps.blocking.length > 0) {
    return {
      link: { state: 'unknown', detail: gaps.blocking.map((gap) => `${gap.source}: ${gap.reason}`).join('; '), missingAction: 'iam:GetAccountAuthorizationDetails' },
      grants,
      roleArns: profile.roleArns,
    };
  }
  if (lead !== undefined) return { link: { state: 'yes', detail: `role grants ${describeGrant(lead)}` }, grants, roleArns: profile.roleArns };
  if (missing.length > 0) {
    return {
      link: { state: 'unknown', detail: `the inventory lacks ${missing.join(', ')}`, missingAction: 'iam:GetAccountAuthorizationDetails' },
      grants,
      roleArns: profile.roleArns,
    };
  }
  return { link: { state: 'no', detail: 'the role has no admin, account-wide data or escalation permissions' }, grants, roleArns: profile.roleArns };
}

function buildChain(instance: Instance, groups: Collected<SecurityGroupsRegion> | undefined, details: AuthorizationDetails): Chain {
  const ingress = ingressLink(instance, groups);
  const role = roleLink(instance, details);
  const chain = {
    imds: imdsLink(instance),
    publicAddress: publicAddressLink(instance),
    internetIngress: ingress.link,
    role: role.link,
  };
  return {
    ...chain,
    evidence: {
      instanceId: instance.id,
      instanceName: instance.name,
      state: instance.state,
      imdsV1Reachable: chain.imds.state === 'yes',
      httpTokens: instance.metadataOptions.httpTokens,
      publicIp: instance.publicIp,
      securityGroupIds: instance.securityGroupIds,
      worldOpenRules: ingress.rules,
      instanceProfileArn: instance.instanceProfileArn,
      roleArns: role.roleArns,
      privilegeKinds: [...new Set(role.grants.map((grant) => grant.kind))],
      grants: role.grants.map(describeGrant),
      chain: [
        `IMDSv1: ${chain.imds.state} (${chain.imds.detail})`,
        `public address: ${chain.publicAddress.state} (${chain.publicAddress.detail})`,
        `internet ingress: ${chain.internetIngress.state} (${chain.internetIngress.detail})`,
        `privileged role: ${chain.role.state} (${chain.role.detail})`,
      ],
    },
  };
}

function judgeInstance(instance: Instance, region: string, groups: Collected<SecurityGroupsRegion> | undefined, details: AuthorizationDetails): CheckOutcome {
  const chain = buildChain(instance, groups, details);
  const links = [
    ['IMDSv1', chain.imds],
    ['public address', chain.publicAddress],
    ['internet ingress', chain.internetIngress],
    ['privileged role', chain.role],
  ] as const;
  const base = { resource: instance.arn, region, evidence: chain.evidence };
  const broken = links.filter(([, link]) => link.state === 'no');
  if (broken.length > 0) {
    return {
      ...base,
      status: 'pass',
      message: `Instance ${instance.id} does not complete the Capital One chain: ${broken.map(([name, link]) => `${name} — ${link.detail}`).join('; ')}.`,
    };
  }
  const unread = links.flatMap(([name, link]) => (link.state === 'unknown' ? [{ name, link }] : []));
  if (unread.length > 0) {
    return {
      ...base,
      status: 'unknown',
      message: `Instance ${instance.id} has every readable link of the Capital One chain, but ${unread.map(({ name, link }) => `${name} could not be read (${link.detail})`).join('; ')}.`,
      evidence: { ...chain.evidence, missingAction: [...new Set(unread.map(({ link }) => (link.state === 'unknown' ? link.missingAction : '')))].join(', ') },
    };
  }
  return {
    ...base,
    status: 'fail',
    message: `Instance ${instance.id} completes the Capital One chain: reachable from the internet (${chain.publicAddress.detail}; ${chain.internetIngress.detail}), ${chain.imds.detail}, and its ${chain.role.detail}. One SSRF in any app on it hands out those credentials.`,
  };
}

export default defineCheck({
  id: 'ec2-capital-one-path',
  title: 'No internet-facing EC2 instance serves a powerful role over IMDSv1',
  service: 'ec2',
  severity: 'critical',
  rootCauses: ['imds-ssrf', 'exposed-hosts'],
  needs: ['ec2Instances', 'ec2SecurityGroups', 'authorizationDetails'],
  reportsReach: 'computed',
  description:
    'Fails once per EC2 instance on which the whole Capital One chain holds: the metadata service answers IMDSv1 (tokens not required), the instance has a public IP, its security groups, pooled, admit TCP from the whole internet (0.0.0.0/0 or ::/0, split ranges that add up to it, or prefix lists whose entries do), and its instance role grants admin, account-wide data reads or a privilege-escalation path. Partial chains pass here (ec2-imdsv1-enabled, ec2-instance-role-overprivileged and ec2-security-group-admin-ports-open report the single links); a link that could not be read makes the result unknown.',
  rationale:
    'Each link alone is a weakness; together they are a breach waiting for one bug. In 2019 an SSRF through a misconfigured WAF on an internet-facing instance asked IMDSv1 for the role\'s credentials, and the role could list and read more than 700 buckets: 100 million credit applications left Capital One. Unit 42 saw the same chain exploited through a known CVE in 2023.',
  remediation: {
    summary:
      'Break the chain at every link you can: require IMDSv2 on the instance, scope its role to the exact resources it needs, and put it behind a load balancer in a private subnet instead of a public IP with world-open rules.',
    console: [
      'EC2 > Instances > the instance > Actions > Instance settings > "Modify instance metadata options": set IMDSv2 to Required.',
      'Follow the instance\'s IAM role link and replace broad managed policies (AdministratorAccess, AmazonS3FullAccess) with a policy naming its own buckets.',
      'Move the instance to a private subnet behind an Application Load Balancer, or narrow the security group sources to the load balancer\'s group.',
    ],
    cli: 'aws ec2 modify-instance-metadata-options --instance-id INSTANCE_ID --http-tokens required --http-endpoint enabled',
    terraform: [
      'resource "aws_instance" "web" {',
      '  # ...',
      '  associate_public_ip_address = false',
      '  metadata_options {',
      '    http_tokens                 = "required"',
      '    http_put_response_hop_limit = 1',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
  },
  attackSteps: [
    'Find an SSRF in anything the instance serves to the internet: a WAF or reverse proxy rule, an image or PDF fetcher, a webhook tester, an unpatched CVE.',
    'Make the server GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ and then the role name: IMDSv1 returns its temporary access key, secret and token.',
    'Use the credentials from the attacker\'s own machine: aws s3 ls lists every bucket, and admin or escalation rights open the rest of the account.',
    'Sync the buckets out (Capital One: over 700 buckets, 100 million credit applications) before the temporary credentials expire, then come back through the same SSRF.',
  ],
  frameworks: {
    'cis-aws-3.0': ['5.6'],
    'cis-aws-5.0': ['5.7'],
    'aws-security-hub': ['EC2.8'],
  },
  incidents: [
    {
      incident: 'capital-one-2019-04',
      kind: 'precondition',
      why: 'The CSA analysis describes the whole chain: an SSRF through a misconfigured WAF on an internet-facing instance, the metadata service answering with the role\'s credentials, and a role that could read over 700 buckets.',
      source: 'https://cloudsecurityalliance.org/blog/2019/08/09/a-technical-analysis-of-the-capital-one-cloud-misconfiguration-breach',
    },
    {
      incident: 'unit-42-ssrf-2023-04',
      kind: 'precondition',
      why: 'Unit 42 reports an SSRF through a known CVE on a reachable instance that still answered IMDSv1, whose role let the attacker plant an IAM backdoor.',
      source: 'https://www.paloaltonetworks.com/content/dam/pan/en_US/assets/pdf/reports/unit42-cloud-threat-report-volume7.pdf',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.ec2Instances, {
      ...INSTANCE_LISTING,
      judge: ({ instances }, region) => {
        const groups = sameRegion(data.ec2SecurityGroups, region);
        return instances.filter(isLive).map((instance) => judgeInstance(instance, region, groups, data.authorizationDetails));
      },
    });
  },
});
