import { defineCheck } from '../define.js';
import type { CheckOutcome } from '../define.js';
import { forEachRegion } from '../outcomes.js';
import type { EksClusters } from '../../inventory/schema.js';
import { coversInternet, parseCidr, touchesInternet, type IpFamily, type ParsedCidr } from '../../policy/ip-ranges.js';

type Cluster = Extract<EksClusters[number]['result'], { ok: true }>['data']['clusters'][number];

/**
 * Without an allowlist, the public endpoint admits 0.0.0.0/0 (and ::/0 on dual-stack clusters):
 * "The default value is 0.0.0.0/0" (https://docs.aws.amazon.com/eks/latest/APIReference/API_VpcConfigRequest.html).
 */
const DEFAULT_PUBLIC_ACCESS_CIDRS = ['0.0.0.0/0'] as const;

/**
 * An allowlist entry broader than /8 (IPv4) or /32 (IPv6) that reaches the internet is "broad": the
 * threshold AWS itself uses to call an IP condition public (S3 Block Public Access,
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status),
 * and the one src/policy/public-conditions.ts applies to aws:SourceIp.
 */
const MIN_PREFIX: Readonly<Record<IpFamily, number>> = { IPv4: 8, IPv6: 32 };

interface ParsedEntry {
  cidr: string;
  parsed: ParsedCidr;
  prefix: number;
}

function parseEntries(cidrs: readonly string[]): ParsedEntry[] {
  return cidrs.flatMap((cidr) => {
    const parsed = parseCidr(cidr);
    const prefix = Number(cidr.trim().split('/')[1]);
    return parsed === null ? [] : [{ cidr, parsed, prefix }];
  });
}

export default defineCheck({
  id: 'eks-cluster-endpoint-public',
  title: 'EKS cluster API endpoints are not open to the internet',
  service: 'eks',
  severity: 'high',
  rootCauses: ['exposed-k8s'],
  needs: ['eksClusters'],
  description:
    'Fails for each EKS cluster whose Kubernetes API server endpoint is public and whose allowlist (publicAccessCidrs, 0.0.0.0/0 when unset) together admits every internet address, however it is split (0.0.0.0/0, or 0.0.0.0/1 plus 128.0.0.0/1); at medium severity when the allowlist is narrower than that but includes a block broader than /8 (IPv4) or /32 (IPv6) that reaches the internet. A private endpoint, or a public one restricted to narrower blocks, passes, with the blocks in the evidence.',
  rationale:
    'The API server is the cluster\'s control plane: anyone who holds or steals a credential the cluster accepts (a kubeconfig token, an IAM key mapped to a Kubernetes group) can use it from any address on the internet, and anonymous access or an API server flaw is exploitable from anywhere. Exposed Kubernetes control planes and dashboards are how Tesla\'s, JW Player\'s and TeamTNT\'s victims\' clusters ended up mining cryptocurrency.',
  remediation: {
    summary:
      'Turn on the private endpoint and turn off the public one, reaching the API from inside the VPC (VPN, bastion, CI runners in the VPC); if a public endpoint is needed, restrict publicAccessCidrs to the few addresses that must reach it.',
    console: [
      'Open the EKS console, choose the cluster, then Networking > Manage endpoint access.',
      'Choose Private, or Public and private with "Advanced settings" listing only your office, VPN and CI egress addresses as public access sources.',
      'Make sure kubectl users and pipelines can reach the private endpoint before removing public access.',
    ],
    cli: 'aws eks update-cluster-config --name CLUSTER --resources-vpc-config endpointPrivateAccess=true,endpointPublicAccess=false',
    terraform: [
      'resource "aws_eks_cluster" "main" {',
      '  # ...',
      '  vpc_config {',
      '    subnet_ids              = var.private_subnet_ids',
      '    endpoint_private_access = true',
      '    endpoint_public_access  = false',
      '  }',
      '}',
    ].join('\n'),
    docs: 'https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html',
  },
  attackSteps: [
    'Reach the cluster\'s API server from any address: the public endpoint listens on the internet for every source the allowlist admits.',
    'Authenticate with a stolen kubeconfig, service-account token or IAM key mapped into the cluster, or use anonymous access or an API server vulnerability where one is left open.',
    'Schedule pods that mine cryptocurrency or read Kubernetes secrets and the node role\'s AWS credentials, and move from the cluster into the account.',
  ],
  frameworks: { 'aws-security-hub': ['EKS.1'] },
  // All related, none precondition: each write-up names an exposed Kubernetes dashboard, tool or
  // API, not a managed EKS API endpoint (which still asks for credentials).
  incidents: [
    {
      incident: 'tesla-2018-02',
      kind: 'related',
      why: 'Wired reports that Tesla\'s Kubernetes administration console was open to the internet without a password, which is a dashboard rather than an EKS API endpoint but the same exposed control plane.',
      source: 'https://www.wired.com/story/cryptojacking-tesla-amazon-cloud/',
    },
    {
      incident: 'jw-player-2019-09',
      kind: 'related',
      why: 'JW Player\'s post-mortem says a Weave Scope dashboard with command execution over its Kubernetes clusters was exposed to the internet, a monitoring tool and not the cluster API endpoint.',
      source: 'https://web.archive.org/web/20210828044334/https://medium.com/jw-player-engineering/how-a-cryptocurrency-miner-made-its-way-onto-our-internal-kubernetes-clusters-9b09c4704205',
    },
    {
      incident: 'teamtnt-worm-2020-04',
      kind: 'related',
      why: 'Cado Security describes a worm that spreads through Docker and Kubernetes APIs exposed to the internet, self-managed ones rather than EKS endpoints.',
      source: 'https://web.archive.org/web/20210607223609/https://www.cadosecurity.com/post/team-tnt-the-first-crypto-mining-worm-to-steal-aws-credentials/',
    },
    {
      incident: 'permiso-case-study-2-2022-12',
      kind: 'related',
      why: 'Permiso describes a campaign that swept Kubernetes services reachable from the internet to harvest cloud credentials, without naming EKS API endpoints.',
      source: 'https://permiso.io/blog/s/christmas-cloud-cred-harvesting-campaign/',
    },
  ],
  patterns: ['cryptomining'],
  evaluate({ data, accountId, partition }) {
    return forEachRegion({ partition, accountId }, data.eksClusters, {
      what: 'EKS clusters',
      action: 'eks:ListClusters',
      nothing: 'No EKS cluster was found.',
      judge: ({ clusters }, region) => clusters.map((cluster) => judgeCluster(cluster, region, partition, accountId)),
    });
  },
});

function judgeCluster(cluster: Cluster, region: string, partition: string, accountId: string): CheckOutcome {
  if (!cluster.endpoint.ok) {
    const action = cluster.endpoint.error.action ?? 'eks:DescribeCluster';
    return {
      status: 'unknown',
      resource: `arn:${partition}:eks:${region}:${accountId}:cluster/${cluster.name}`,
      region,
      message: `The endpoint access of EKS cluster ${cluster.name} could not be read: ${cluster.endpoint.error.message}${cluster.endpoint.error.message.includes(action) ? '' : ` (needs ${action})`}`,
      evidence: { clusterName: cluster.name, errorCode: cluster.endpoint.error.code, missingAction: action },
    };
  }
  const endpoint = cluster.endpoint.data;
  const base = { resource: endpoint.arn, region };
  // endpointPublicAccess defaults to true (API_VpcConfigRequest, link above).
  const isPublic = endpoint.endpointPublicAccess ?? true;
  const cidrs = endpoint.publicAccessCidrs.length === 0 ? [...DEFAULT_PUBLIC_ACCESS_CIDRS] : endpoint.publicAccessCidrs;
  const facts = {
    clusterName: cluster.name,
    kubernetesVersion: endpoint.version,
    endpointPublicAccess: isPublic,
    endpointPrivateAccess: endpoint.endpointPrivateAccess,
    publicAccessCidrs: isPublic ? cidrs : [],
  };
  if (!isPublic) {
    return { ...base, status: 'pass', message: `EKS cluster ${cluster.name} has no public API endpoint: it is reachable only from inside its VPC.`, evidence: facts };
  }
  const entries = parseEntries(cidrs);
  // "The internet" is decided on the union of the blocks, as for security groups (src/policy/ip-ranges.ts).
  const openFamilies = (['IPv4', 'IPv6'] as const).filter((family) =>
    coversInternet(family, entries.filter((entry) => entry.parsed.family === family).map((entry) => entry.parsed)),
  );
  if (openFamilies.length > 0) {
    return {
      ...base,
      status: 'fail',
      message: `The API endpoint of EKS cluster ${cluster.name} is public and its allowlist (${cidrs.join(', ')}) admits every ${openFamilies.join(' and ')} internet address.`,
      evidence: { ...facts, openToInternet: openFamilies },
    };
  }
  const broad = entries.filter((entry) => entry.prefix < MIN_PREFIX[entry.parsed.family] && touchesInternet(entry.parsed)).map((entry) => entry.cidr);
  if (broad.length > 0) {
    return {
      ...base,
      status: 'fail',
      severity: 'medium',
      severityReason: `the allowlist stops short of the whole internet but admits ${broad.join(', ')}`,
      message: `The API endpoint of EKS cluster ${cluster.name} is public and its allowlist admits broad internet ranges (${broad.join(', ')}).`,
      evidence: { ...facts, openToInternet: [], broadCidrs: broad },
    };
  }
  return {
    ...base,
    status: 'pass',
    message: `The API endpoint of EKS cluster ${cluster.name} is public but restricted to ${cidrs.join(', ')} (Security Hub EKS.1 still reports any public endpoint).`,
    evidence: { ...facts, openToInternet: [], broadCidrs: [] },
  };
}
