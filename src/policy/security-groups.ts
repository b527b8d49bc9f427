/**
 * A pure reader of security group ingress rules: on which TCP ports the rules, taken together,
 * let the whole internet in, and which of those ports are administrative or control-plane
 * services. Used by ec2-security-group-admin-ports-open and by the Capital One chain check.
 *
 * AWS semantics followed (https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html):
 * rules only allow, never deny; "if there is more than one rule for a specific port, we apply the
 * most permissive rule", and the rules of every group on an interface are aggregated into one set.
 * So what a port admits is the union of the sources of every rule that covers it: `0.0.0.0/1` on
 * one rule and `128.0.0.0/1` on another admit the whole IPv4 internet. A rule's source is a CIDR,
 * a managed prefix list (which stands for every CIDR among its entries:
 * https://docs.aws.amazon.com/vpc/latest/userguide/managed-prefix-lists.html), or another security
 * group (private addresses of its members, never the internet).
 */
import type { RootCause } from '../model.js';
import type { Collected, ManagedPrefixList, SecurityGroup, SecurityGroupIngress } from '../inventory/schema.js';
import { coversInternet, parseCidr, touchesInternet, type IpFamily, type ParsedCidr } from './ip-ranges.js';

export interface AdminPort {
  port: number;
  service: string;
  /** exposed-k8s for container and notebook control planes, exposed-hosts for everything else. */
  rootCause: Extract<RootCause, 'exposed-hosts' | 'exposed-k8s'>;
}

/** Remote administration, container and notebook control planes, and databases that should never face the internet. */
export const ADMIN_PORTS: readonly AdminPort[] = [
  { port: 22, service: 'SSH', rootCause: 'exposed-hosts' },
  { port: 3389, service: 'RDP', rootCause: 'exposed-hosts' },
  { port: 2375, service: 'Docker API', rootCause: 'exposed-k8s' },
  { port: 2376, service: 'Docker API (TLS)', rootCause: 'exposed-k8s' },
  { port: 6443, service: 'Kubernetes API', rootCause: 'exposed-k8s' },
  { port: 10250, service: 'kubelet API', rootCause: 'exposed-k8s' },
  { port: 4040, service: 'Weave Scope / Spark UI', rootCause: 'exposed-k8s' },
  { port: 8888, service: 'Jupyter', rootCause: 'exposed-k8s' },
  { port: 5432, service: 'PostgreSQL', rootCause: 'exposed-hosts' },
  { port: 3306, service: 'MySQL', rootCause: 'exposed-hosts' },
  { port: 1433, service: 'SQL Server', rootCause: 'exposed-hosts' },
  { port: 6379, service: 'Redis', rootCause: 'exposed-hosts' },
  { port: 9200, service: 'Elasticsearch', rootCause: 'exposed-hosts' },
  { port: 27017, service: 'MongoDB', rootCause: 'exposed-hosts' },
];

const MAX_PORT = 65535;

/** Whether the rule carries TCP: all traffic (`-1`), or TCP by name or number. */
function carriesTcp(rule: SecurityGroupIngress): boolean {
  const protocol = rule.ipProtocol.toLowerCase();
  return protocol === '-1' || protocol === 'tcp' || protocol === '6';
}

/** The TCP port range the rule opens, `[0, 65535]` for all-traffic rules or missing ports. */
function tcpRange(rule: SecurityGroupIngress): [number, number] {
  if (rule.ipProtocol === '-1' || rule.fromPort === null || rule.toPort === null || rule.fromPort < 0) return [0, MAX_PORT];
  return [rule.fromPort, rule.toPort];
}

// ---------------------------------------------------------------- prefix lists

/** A prefix list as a rule sees it: its CIDRs, or why they are not known. */
export type ResolvedPrefixList =
  | { known: true; id: string; label: string; cidrs: string[] }
  | { known: false; id: string; label: string; family: IpFamily | null; reason: string; action: string };

export type PrefixListLookup = (id: string) => ResolvedPrefixList;

function familyOf(addressFamily: string | null): IpFamily | null {
  if (addressFamily === null) return null;
  const lower = addressFamily.toLowerCase();
  return lower === 'ipv4' ? 'IPv4' : lower === 'ipv6' ? 'IPv6' : null;
}

/**
 * How the region's collected prefix lists answer for an id. A list that could not be listed or
 * whose entries could not be read is unknown, with the reason and the IAM action it needed: it
 * might hold 0.0.0.0/0, so it can never make a port look closed.
 */
export function prefixListLookup(prefixLists: Collected<ManagedPrefixList[]> | undefined): PrefixListLookup {
  return (id) => {
    if (prefixLists === undefined) {
      return { known: false, id, label: id, family: null, reason: 'prefix lists were not collected', action: 'ec2:DescribeManagedPrefixLists' };
    }
    if (!prefixLists.ok) {
      return { known: false, id, label: id, family: null, reason: prefixLists.error.message, action: prefixLists.error.action ?? 'ec2:DescribeManagedPrefixLists' };
    }
    const list = prefixLists.data.find((candidate) => candidate.id === id);
    if (list === undefined) {
      return { known: false, id, label: id, family: null, reason: `prefix list ${id} is not in the inventory`, action: 'ec2:DescribeManagedPrefixLists' };
    }
    const label = list.name === null ? id : `${id} (${list.name})`;
    if (!list.cidrs.ok) {
      return { known: false, id, label, family: familyOf(list.addressFamily), reason: list.cidrs.error.message, action: list.cidrs.error.action ?? 'ec2:GetManagedPrefixListEntries' };
    }
    return { known: true, id, label, cidrs: list.cidrs.data };
  };
}

/** For inventories or tests without any prefix list reference. */
export const NO_PREFIX_LISTS: PrefixListLookup = prefixListLookup({ ok: true, data: [] });

// ---------------------------------------------------------------- rules and ports

/** One ingress rule with its sources resolved: the internet-facing CIDRs it admits, and the lists it could not read. */
interface ResolvedRule {
  description: string;
  fromPort: number;
  toPort: number;
  /** Every source CIDR of the rule, direct or from a readable prefix list. */
  blocks: ParsedCidr[];
  /** The source texts shown to users: CIDRs that reach the internet, and the prefix lists holding such CIDRs. */
  sources: string[];
  prefixListIds: string[];
  unreadable: Extract<ResolvedPrefixList, { known: false }>[];
}

export interface LabelledRule {
  /** Prefixed to the rule's description, e.g. the group id when rules of several groups are pooled. */
  label?: string;
  rule: SecurityGroupIngress;
}

function resolveRule({ label, rule }: LabelledRule, lookup: PrefixListLookup): ResolvedRule | null {
  if (!carriesTcp(rule)) return null;
  const [fromPort, toPort] = tcpRange(rule);
  const allPorts = fromPort <= 0 && toPort >= MAX_PORT;
  const what = rule.ipProtocol === '-1' ? 'all traffic' : allPorts ? 'all TCP ports' : fromPort === toPort ? `tcp ${fromPort}` : `tcp ${fromPort}-${toPort}`;
  const blocks: ParsedCidr[] = [];
  const sources: string[] = [];
  const shown: string[] = [];
  for (const cidr of [...rule.ipv4Ranges, ...rule.ipv6Ranges]) {
    const parsed = parseCidr(cidr);
    if (parsed === null) continue;
    blocks.push(parsed);
    if (touchesInternet(parsed)) {
      sources.push(cidr.trim());
      shown.push(cidr.trim());
    }
  }
  const unreadable: ResolvedRule['unreadable'] = [];
  for (const id of rule.prefixListIds) {
    const list = lookup(id);
    if (!list.known) {
      unreadable.push(list);
      shown.push(`${list.label}: entries unknown`);
      continue;
    }
    const reaching: string[] = [];
    for (const cidr of list.cidrs) {
      const parsed = parseCidr(cidr);
      if (parsed === null) continue;
      blocks.push(parsed);
      if (touchesInternet(parsed)) reaching.push(cidr.trim());
    }
    if (reaching.length > 0) {
      sources.push(list.id);
      shown.push(`${list.label}: ${reaching.join(', ')}`);
    }
  }
  const description = `${label === undefined ? '' : `${label}: `}${what} from ${shown.length === 0 ? 'no internet source' : [...new Set(shown)].join(', ')}`;
  return { description, fromPort, toPort, blocks, sources: [...new Set(sources)], prefixListIds: [...rule.prefixListIds], unreadable };
}

function coversInternetOf(rules: readonly ResolvedRule[]): IpFamily[] {
  const families: IpFamily[] = ['IPv4', 'IPv6'];
  return families.filter((family) => coversInternet(family, rules.flatMap((rule) => rule.blocks.filter((parsed) => parsed.family === family))));
}

/** A run of TCP ports that the same rules cover, and what they admit there. */
export interface PortSegment {
  fromPort: number;
  toPort: number;
  /** The families whose whole internet the rules admit on these ports; empty when none. */
  openFamilies: IpFamily[];
  /** The rules that make it open: the ones that do it alone if any, else every rule adding internet sources. */
  rules: string[];
  sources: string[];
  /** No single rule admits a whole internet here: several rules' sources only do together. */
  pooled: boolean;
  /** Lists whose entries could not be read among the rules covering these ports. */
  unreadable: { id: string; label: string; reason: string; action: string }[];
}

export interface TcpInternetExposure {
  /** Port runs open to the whole IPv4 or IPv6 internet. */
  open: PortSegment[];
  /** Port runs not proven open, but covered by a rule referencing a prefix list that could not be read. */
  uncertain: PortSegment[];
}

/**
 * Splits 0-65535 at every rule boundary; on each run the covering rules are pooled (AWS applies the
 * most permissive rule, so their sources add up) and checked against the whole internet per family.
 */
export function tcpInternetExposure(rules: readonly LabelledRule[], lookup: PrefixListLookup): TcpInternetExposure {
  const resolved = rules.flatMap((rule) => resolveRule(rule, lookup) ?? []);
  const cuts = [...new Set([0, ...resolved.flatMap((rule) => [rule.fromPort, rule.toPort + 1])])].filter((port) => port >= 0 && port <= MAX_PORT).sort((a, b) => a - b);
  const exposure: TcpInternetExposure = { open: [], uncertain: [] };
  for (const [index, fromPort] of cuts.entries()) {
    const toPort = (cuts[index + 1] ?? MAX_PORT + 1) - 1;
    const covering = resolved.filter((rule) => rule.fromPort <= fromPort && toPort <= rule.toPort);
    if (covering.length === 0) continue;
    const openFamilies = coversInternetOf(covering);
    const unreadable = [...new Map(covering.flatMap((rule) => rule.unreadable).map((list) => [list.id, { id: list.id, label: list.label, reason: list.reason, action: list.action }])).values()];
    if (openFamilies.length > 0) {
      const alone = covering.filter((rule) => coversInternetOf([rule]).length > 0);
      const responsible = alone.length > 0 ? alone : covering.filter((rule) => rule.sources.length > 0);
      exposure.open.push({
        fromPort,
        toPort,
        openFamilies,
        rules: [...new Set(responsible.map((rule) => rule.description))],
        sources: [...new Set(responsible.flatMap((rule) => rule.sources))],
        pooled: alone.length === 0,
        unreadable,
      });
    } else if (unreadable.length > 0) {
      const suspects = covering.filter((rule) => rule.unreadable.length > 0 || rule.sources.length > 0);
      exposure.uncertain.push({
        fromPort,
        toPort,
        openFamilies: [],
        rules: [...new Set(suspects.map((rule) => rule.description))],
        sources: [...new Set(suspects.flatMap((rule) => rule.sources))],
        pooled: false,
        unreadable,
      });
    }
  }
  return exposure;
}

/** The rules of one group, for tcpInternetExposure. */
export function groupRules(group: SecurityGroup, label?: string): LabelledRule[] {
  return group.ingress.map((rule) => (label === undefined ? { rule } : { label, rule }));
}

function inSegments(port: number, segments: readonly PortSegment[]): PortSegment | undefined {
  return segments.find((segment) => segment.fromPort <= port && port <= segment.toPort);
}

function coversEveryPort(segments: readonly PortSegment[]): boolean {
  let next = 0;
  for (const segment of [...segments].sort((a, b) => a.fromPort - b.fromPort)) {
    if (segment.fromPort > next) return false;
    next = Math.max(next, segment.toPort + 1);
  }
  return next > MAX_PORT;
}

export interface AdminExposure {
  /** Administrative ports reachable from the whole internet, in ADMIN_PORTS order. */
  ports: AdminPort[];
  /** Every TCP port is open to the internet (protocol -1, TCP 0-65535, or rules that together span it). */
  allPorts: boolean;
  /** The rules responsible. */
  rules: string[];
  /** The internet-facing CIDRs and prefix list ids of those rules. */
  sources: string[];
  /** Only several rules together admit the whole internet (split ranges such as 0.0.0.0/1 + 128.0.0.0/1 on two rules). */
  pooled: boolean;
  /** Administrative ports that may be open: a rule covering them references a prefix list that could not be read. */
  uncertainPorts: AdminPort[];
  unreadablePrefixLists: PortSegment['unreadable'];
}

export function adminExposure(group: SecurityGroup, lookup: PrefixListLookup = NO_PREFIX_LISTS): AdminExposure {
  const { open, uncertain } = tcpInternetExposure(groupRules(group), lookup);
  const ports = ADMIN_PORTS.filter(({ port }) => inSegments(port, open) !== undefined);
  const allPorts = coversEveryPort(open);
  const responsible = allPorts ? open : open.filter((segment) => ports.some(({ port }) => segment.fromPort <= port && port <= segment.toPort));
  const uncertainPorts = ADMIN_PORTS.filter(({ port }) => inSegments(port, uncertain) !== undefined);
  const relevantUncertain = uncertain.filter((segment) => uncertainPorts.some(({ port }) => segment.fromPort <= port && port <= segment.toPort));
  return {
    ports,
    allPorts,
    rules: [...new Set(responsible.flatMap((segment) => segment.rules))],
    sources: [...new Set(responsible.flatMap((segment) => segment.sources))],
    pooled: responsible.some((segment) => segment.pooled),
    uncertainPorts,
    unreadablePrefixLists: [...new Map([...responsible, ...relevantUncertain].flatMap((segment) => segment.unreadable).map((list) => [list.id, list])).values()],
  };
}

export function describePort(port: AdminPort): string {
  return `${port.port} (${port.service})`;
}
