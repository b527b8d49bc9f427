import { defineCheck } from '../define.js';
import { forEachRegion, sameRegion } from '../outcomes.js';
import type { CheckOutcome } from '../define.js';
import type { Collected, Instance, SecurityGroup } from '../../inventory/schema.js';
import { ADMIN_PORTS, adminExposure, describePort, prefixListLookup, type PrefixListLookup } from '../../policy/security-groups.js';

/** States in which an instance answers on the network now. */
const RUNNING_STATES = new Set(['running', 'pending']);

interface Usage {
  known: boolean;
  instanceIds: string[];
  publicInstanceIds: string[];
  /** Each using instance once, with its public address when it has one: "i-1 (public IP 203.0.113.5)". */
  described: string[];
}

function usageOf(group: SecurityGroup, instances: Collected<{ instances: Instance[] }> | undefined): Usage {
  if (instances === undefined || !instances.ok) return { known: false, instanceIds: [], publicInstanceIds: [], described: [] };
  const users = instances.data.instances.filter((instance) => RUNNING_STATES.has(instance.state) && instance.securityGroupIds.includes(group.id));
  return {
    known: true,
    instanceIds: users.map((instance) => instance.id),
    publicInstanceIds: users.filter((instance) => instance.publicIp !== null).map((instance) => instance.id),
    described: users.map((instance) => (instance.publicIp === null ? instance.id : `${instance.id} (public IP ${instance.publicIp})`)),
  };
}

function judgeGroup(group: SecurityGroup, region: string, instances: Collected<{ instances: Instance[] }> | undefined, lookup: PrefixListLookup): CheckOutcome {
  const exposure = adminExposure(group, lookup);
  const usage = usageOf(group, instances);
  const label = group.name === null ? group.id : `${group.id} (${group.name})`;
  const base = { resource: group.arn, region };
  const evidence = {
    groupId: group.id,
    groupName: group.name,
    vpcId: group.vpcId,
    exposedPorts: exposure.ports.map(describePort),
    allPortsOpen: exposure.allPorts,
    worldOpenRules: exposure.rules,
    sources: exposure.sources,
    rulesPooled: exposure.pooled,
    uncertainPorts: exposure.uncertainPorts.map(describePort),
    unreadablePrefixLists: exposure.unreadablePrefixLists.map((list) => `${list.label}: ${list.reason}`),
    exposedServiceKinds: [...new Set(exposure.ports.map((port) => port.rootCause))],
    instanceUsageKnown: usage.known,
    usedByRunningInstances: usage.instanceIds,
    usedByPublicInstances: usage.publicInstanceIds,
  };
  if (exposure.ports.length === 0 && !exposure.allPorts) {
    if (exposure.uncertainPorts.length > 0) {
      // A list that could not be read may hold 0.0.0.0/0: never a pass on its account.
      const actions = [...new Set(exposure.unreadablePrefixLists.map((list) => list.action))];
      return {
        ...base,
        status: 'unknown',
        message: `Security group ${label} admits ${exposure.uncertainPorts.map(describePort).join(', ')} from prefix list${exposure.unreadablePrefixLists.length === 1 ? '' : 's'} whose entries could not be read (${exposure.unreadablePrefixLists.map((list) => `${list.label}: ${list.reason}`).join('; ')}).`,
        evidence: { ...evidence, missingAction: actions.join(', ') },
      };
    }
    return { ...base, status: 'pass', message: `Security group ${label} admits no administrative or control-plane port from the internet.`, evidence };
  }
  const ports = exposure.allPorts ? `every port (${exposure.rules.join('; ')})` : exposure.ports.map(describePort).join(', ');
  // Split ranges and prefix lists only add up to "anyone" together: say which rules do it.
  const what = exposure.pooled && !exposure.allPorts ? `${ports}: together, ${exposure.rules.join('; ')}, cover every internet address` : ports;
  const use = !usage.known
    ? 'Whether an instance uses it is unknown (the region\'s instances could not be listed).'
    : usage.instanceIds.length === 0
      ? 'No running EC2 instance uses it (load balancers, databases and other interfaces are not inspected).'
      : `Used by running instance${usage.instanceIds.length === 1 ? '' : 's'} ${usage.described.join(', ')}.`;
  return {
    ...base,
    status: 'fail',
    message: `Security group ${label} lets anyone on the internet reach ${what}. ${use}`,
    evidence,
    // Reachable right now from anywhere: an instance with a public address sits behind the rule.
    ...(usage.publicInstanceIds.length > 0 ? { severity: 'critical' as const, severityReason: 'a running instance with a public IP sits behind the rule' } : {}),
  };
}

export default defineCheck({
  id: 'ec2-security-group-admin-ports-open',
  title: 'Security groups do not expose administrative ports to the internet',
  service: 'ec2',
  severity: 'high',
  rootCauses: ['exposed-hosts', 'exposed-k8s'],
  needs: ['ec2SecurityGroups', 'ec2Instances'],
  description: `Fails for each security group whose TCP (or all-traffic) ingress rules, taken together, admit the whole IPv4 or IPv6 internet to an administrative or control-plane TCP port (${ADMIN_PORTS.map((port) => port.port).join(', ')}) or to every port: 0.0.0.0/0 or ::/0, split ranges such as 0.0.0.0/1 plus 128.0.0.0/1 on separate rules, and managed prefix lists (read as the union of their entries) all count. A rule referencing a prefix list whose entries could not be read makes the group unknown, never pass. The evidence says which ports and rules, and which running instances use the group; with a public instance behind it the finding is critical.`,
  rationale:
    'Internet-wide scanners find an open SSH, RDP, Docker, kubelet, Jupyter or database port within minutes. Tesla\'s Kubernetes console, JW Player\'s Weave Scope and the Docker and Kubernetes APIs harvested by the TeamTNT worm were all reachable from anywhere, and each handed over a host whose cloud credentials came next; Imperva lost its customer data from an internet-facing instance holding an AWS key.',
  remediation: {
    summary:
      'Remove the rules that open these ports to the internet (0.0.0.0/0 or ::/0, split ranges that add up to them, or a prefix list holding them): reach hosts through Session Manager or a VPN, put dashboards behind an authenticating proxy, and keep databases and control planes on private subnets.',
    console: [
      'Open the VPC console, choose "Security groups" and select the group named in the finding.',
      'On "Inbound rules", choose "Edit inbound rules" and delete (or narrow to a known CIDR) each rule the finding lists: a 0.0.0.0/0 or ::/0 source, the split ranges that add up to it, or a prefix list (then fix the list\'s entries under VPC > Managed prefix lists, which changes every rule that references it).',
      'For shell access, use AWS Systems Manager Session Manager instead of an open port 22 or 3389.',
    ],
    cli: 'aws ec2 describe-security-group-rules --filters Name=group-id,Values=SG_ID && aws ec2 revoke-security-group-ingress --group-id SG_ID --security-group-rule-ids RULE_ID',
    terraform: [
      '# Admin access only from the corporate range; no 0.0.0.0/0 or ::/0 on admin ports.',
      'resource "aws_vpc_security_group_ingress_rule" "ssh_from_office" {',
      '  security_group_id = aws_security_group.admin.id',
      '  cidr_ipv4         = "198.51.100.0/24"',
      '  ip_protocol       = "tcp"',
      '  from_port         = 22',
      '  to_port           = 22',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html',
  },
  attackSteps: [
    'Scan the internet (or search Shodan) for the open port: SSH and RDP for password spraying, 2375/10250/6443 for unauthenticated Docker and Kubernetes APIs, 8888/4040 for Jupyter and Weave Scope.',
    'Log in with guessed or leaked credentials, or use the unauthenticated API to start a container or run a command on the host (JW Player, Tesla, TeamTNT).',
    'Read the AWS credentials the host can reach: ~/.aws/credentials, environment variables, the instance role from the metadata service.',
    'Use those credentials to mine cryptocurrency at scale, copy data out (Imperva), or reopen security groups for later access (Expel case study 1).',
  ],
  frameworks: {
    'cis-aws-1.2': ['4.1', '4.2'],
    'cis-aws-1.4': ['5.2'],
    'cis-aws-3.0': ['5.2', '5.3'],
    'cis-aws-5.0': ['5.3'],
    'aws-security-hub': ['EC2.13', 'EC2.14', 'EC2.19'],
  },
  incidents: [
    {
      incident: 'tesla-2018-02',
      kind: 'precondition',
      why: 'Wired reports that Tesla\'s Kubernetes console was reachable from the internet without a password, and a pod behind it held AWS credentials.',
      source: 'https://www.wired.com/story/cryptojacking-tesla-amazon-cloud/',
    },
    {
      incident: 'jw-player-2019-09',
      kind: 'precondition',
      why: 'JW Player\'s post-mortem says a Weave Scope dashboard, which can run commands on the hosts it watches, was exposed to the internet and used to install a miner.',
      source: 'https://web.archive.org/web/20210828044334/https://medium.com/jw-player-engineering/how-a-cryptocurrency-miner-made-its-way-onto-our-internal-kubernetes-clusters-9b09c4704205',
    },
    {
      incident: 'imperva-2019-10',
      kind: 'precondition',
      why: 'Imperva\'s update says an internal compute instance was reachable from the internet and held an AWS API key that was used to steal an RDS snapshot.',
      source: 'https://web.archive.org/web/20210620143023/https://www.imperva.com/blog/ceoblog/',
    },
    {
      incident: 'teamtnt-worm-2020-04',
      kind: 'precondition',
      why: 'Cado Security describes a worm that spreads through Docker and Kubernetes APIs exposed to the internet and steals the AWS credential files on each host.',
      source: 'https://web.archive.org/web/20210607223609/https://www.cadosecurity.com/post/team-tnt-the-first-crypto-mining-worm-to-steal-aws-credentials/',
    },
    {
      incident: 'permiso-case-study-2-2022-12',
      kind: 'precondition',
      why: 'Permiso describes a campaign that exploited Jupyter notebooks and Kubernetes services reachable from the internet to harvest cloud credentials.',
      source: 'https://permiso.io/blog/s/christmas-cloud-cred-harvesting-campaign/',
    },
    {
      incident: 'sysdig-2023-07',
      kind: 'precondition',
      why: 'Sysdig reports that the attacker got in through a JupyterLab notebook in a Kubernetes cluster that was reachable from the internet.',
      source: 'https://sysdig.com/blog/scarleteel-2-0/',
    },
    {
      incident: 'sysdig-2023-02',
      kind: 'related',
      why: 'Sysdig reports that the intrusion began with a vulnerable public-facing service in a Kubernetes cluster, without naming a port this check covers.',
      source: 'https://sysdig.com/blog/cloud-breach-terraform-data-theft/',
    },
    {
      incident: 'expel-case-study-1-2020-04',
      kind: 'attacker-action',
      why: 'Expel reports that an attacker holding stolen access keys changed security groups to open a way into the victim\'s instances, so an open group can be an intrusion under way.',
      source: 'https://web.archive.org/web/20210226132628/https://expel.io/blog/finding-evil-in-aws/',
    },
  ],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.ec2SecurityGroups, {
      what: 'security groups',
      action: 'ec2:DescribeSecurityGroups',
      nothing: 'No security group was found in the scanned regions.',
      judge: ({ securityGroups, prefixLists }, region) => {
        const instances = sameRegion(data.ec2Instances, region);
        const lookup = prefixListLookup(prefixLists);
        return securityGroups.map((group) => judgeGroup(group, region, instances, lookup));
      },
    });
  },
});
