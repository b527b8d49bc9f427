/**
 * A pure reader of security group ingress rules: which rules let the whole internet in, on which
 * TCP ports, and which of those ports are administrative or control-plane services. Used by
 * ec2-security-group-admin-ports-open and by the Capital One chain check.
 */
import type { RootCause } from '../model.js';
import type { SecurityGroup, SecurityGroupIngress } from '../inventory/schema.js';

/** "Anyone on the internet". Narrower ranges, prefix lists and group references are not the internet. */
export const WORLD_CIDRS: readonly string[] = ['0.0.0.0/0', '::/0'];

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

export interface WorldOpenRule {
  /** e.g. `tcp 443 from 0.0.0.0/0`, `all traffic from ::/0`. */
  description: string;
  sources: string[];
  allPorts: boolean;
  fromPort: number;
  toPort: number;
}

/** Every TCP-carrying ingress rule of the group that admits 0.0.0.0/0 or ::/0. */
export function worldOpenTcpRules(group: SecurityGroup): WorldOpenRule[] {
  const rules: WorldOpenRule[] = [];
  for (const rule of group.ingress) {
    if (!carriesTcp(rule)) continue;
    const sources = [...rule.ipv4Ranges, ...rule.ipv6Ranges].filter((cidr) => WORLD_CIDRS.includes(cidr.trim()));
    if (sources.length === 0) continue;
    const [fromPort, toPort] = tcpRange(rule);
    const allPorts = fromPort <= 0 && toPort >= MAX_PORT;
    const what = rule.ipProtocol === '-1' ? 'all traffic' : allPorts ? 'all TCP ports' : fromPort === toPort ? `tcp ${fromPort}` : `tcp ${fromPort}-${toPort}`;
    rules.push({ description: `${what} from ${[...new Set(sources)].join(', ')}`, sources: [...new Set(sources)], allPorts, fromPort, toPort });
  }
  return rules;
}

export interface AdminExposure {
  /** Administrative ports reachable from the internet, in ADMIN_PORTS order. */
  ports: AdminPort[];
  /** A rule opens every port (protocol -1, or TCP 0-65535). */
  allPorts: boolean;
  /** The world-open rules responsible. */
  rules: string[];
  sources: string[];
}

export function adminExposure(group: SecurityGroup): AdminExposure {
  const open = worldOpenTcpRules(group);
  const ports = ADMIN_PORTS.filter(({ port }) => open.some((rule) => rule.fromPort <= port && port <= rule.toPort));
  const responsible = open.filter((rule) => rule.allPorts || ports.some(({ port }) => rule.fromPort <= port && port <= rule.toPort));
  return {
    ports,
    allPorts: responsible.some((rule) => rule.allPorts),
    rules: responsible.map((rule) => rule.description),
    sources: [...new Set(responsible.flatMap((rule) => rule.sources))],
  };
}

export function describePort(port: AdminPort): string {
  return `${port.port} (${port.service})`;
}
