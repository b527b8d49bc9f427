/**
 * The security-group reader: CIDR arithmetic, "the whole internet" per family, and which TCP ports
 * a set of rules (CIDRs, split ranges, prefix lists) opens to it. Table cases for the shapes real
 * groups take, and properties over random partitions of the address space.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ManagedPrefixList, SecurityGroupIngress } from '../../../src/inventory/schema.js';
import { coversInternet, parseCidr, touchesInternet, type IpFamily } from '../../../src/policy/ip-ranges.js';
import { NO_PREFIX_LISTS, prefixListLookup, tcpInternetExposure } from '../../../src/policy/security-groups.js';

const FUZZ_RUNS = Number(process.env['BREACHMAP_FUZZ_RUNS'] ?? '0');
const PARAMS = FUZZ_RUNS > 0 ? { numRuns: FUZZ_RUNS } : { numRuns: 200, seed: 20_261_130 };

function covers(...cidrs: string[]): Record<IpFamily, boolean> {
  const parsed = cidrs.map((cidr) => {
    const block = parseCidr(cidr);
    if (block === null) throw new Error(cidr);
    return block;
  });
  return {
    IPv4: coversInternet('IPv4', parsed.filter((block) => block.family === 'IPv4')),
    IPv6: coversInternet('IPv6', parsed.filter((block) => block.family === 'IPv6')),
  };
}

function rule(fromPort: number | null, toPort: number | null, ipv4Ranges: string[], ipv6Ranges: string[] = [], prefixListIds: string[] = [], ipProtocol = 'tcp'): { rule: SecurityGroupIngress } {
  return { rule: { ipProtocol, fromPort, toPort, ipv4Ranges, ipv6Ranges, prefixListIds } };
}

describe('parseCidr', () => {
  it.each([
    ['0.0.0.0/0', 'IPv4', 0n, 2n ** 32n - 1n],
    ['10.1.2.3/8', 'IPv4', 10n << 24n, (11n << 24n) - 1n],
    ['203.0.113.7/32', 'IPv4', (203n << 24n) + (113n << 8n) + 7n, (203n << 24n) + (113n << 8n) + 7n],
    ['::/0', 'IPv6', 0n, 2n ** 128n - 1n],
    ['2000::/3', 'IPv6', 2n << 124n, (4n << 124n) - 1n],
    ['::ffff:192.0.2.0/120', 'IPv6', (0xffffn << 32n) + (192n << 24n) + (2n << 8n), (0xffffn << 32n) + (192n << 24n) + (2n << 8n) + 255n],
    [' 2001:DB8::1/128 ', 'IPv6', (0x2001n << 112n) + (0xdb8n << 96n) + 1n, (0x2001n << 112n) + (0xdb8n << 96n) + 1n],
  ] as const)('%s', (cidr, family, start, end) => {
    expect(parseCidr(cidr)).toEqual({ family, start, end });
  });

  it.each(['10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '1.2.3/8', '::/129', '1::2::3/64', '1:2:3:4:5:6:7:8:9/64', 'g::/16', 'pl-123', ''])('rejects %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });
});

describe('coversInternet', () => {
  it.each([
    [['0.0.0.0/0'], { IPv4: true, IPv6: false }],
    [['::/0'], { IPv4: false, IPv6: true }],
    [['0.0.0.0/1', '128.0.0.0/1'], { IPv4: true, IPv6: false }],
    [['192.0.0.0/2', '0.0.0.0/2', '128.0.0.0/2', '64.0.0.0/2'], { IPv4: true, IPv6: false }],
    // Private, loopback and multicast space can be left out: no internet packet comes from there.
    [['1.0.0.0/8', '2.0.0.0/7', '4.0.0.0/6', '8.0.0.0/7', '11.0.0.0/8', '12.0.0.0/6', '16.0.0.0/4', '32.0.0.0/3', '64.0.0.0/3', '96.0.0.0/6', '100.0.0.0/10', '100.128.0.0/9', '101.0.0.0/8', '102.0.0.0/7', '104.0.0.0/5', '112.0.0.0/5', '120.0.0.0/6', '124.0.0.0/7', '126.0.0.0/8', '128.0.0.0/2', '192.0.0.0/3'], { IPv4: true, IPv6: false }],
    [['0.0.0.0/1'], { IPv4: false, IPv6: false }],
    [['0.0.0.0/1', '128.0.0.0/2'], { IPv4: false, IPv6: false }],
    [['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'], { IPv4: false, IPv6: false }],
    // 2000::/3 is the whole global unicast space; ::/1 contains it; fc00::/7 (unique local) does not reach it.
    [['2000::/3'], { IPv4: false, IPv6: true }],
    [['::/1'], { IPv4: false, IPv6: true }],
    [['2000::/4', '3000::/4'], { IPv4: false, IPv6: true }],
    [['2000::/4'], { IPv4: false, IPv6: false }],
    [['fc00::/7', 'fe80::/10'], { IPv4: false, IPv6: false }],
  ])('%j', (cidrs, expected) => {
    expect(covers(...cidrs)).toEqual(expected);
  });

  it('says which blocks reach the internet at all', () => {
    const reaches = (cidr: string) => touchesInternet(parseCidr(cidr) ?? { family: 'IPv4', start: 0n, end: -1n });
    expect(['10.0.0.0/8', '192.168.1.0/24', '198.51.100.0/24', 'fc00::/7', '2001:db8::/32'].map(reaches)).toEqual([false, false, false, false, false]);
    expect(['52.94.10.0/24', '0.0.0.0/1', '2600:1f18::/32', '::/0'].map(reaches)).toEqual([true, true, true, true]);
  });
});

describe('tcpInternetExposure', () => {
  it('pools rules per port: the halves open only the ports both cover', () => {
    const { open } = tcpInternetExposure([rule(0, 1000, ['0.0.0.0/1']), rule(20, 30, ['128.0.0.0/1']), rule(25, 25, ['10.0.0.0/8'])], NO_PREFIX_LISTS);
    expect(open.map(({ fromPort, toPort, pooled, rules }) => ({ fromPort, toPort, pooled, rules }))).toEqual([
      { fromPort: 20, toPort: 24, pooled: true, rules: ['tcp 0-1000 from 0.0.0.0/1', 'tcp 20-30 from 128.0.0.0/1'] },
      // The private rule on 25 adds nothing the internet can use, and is not named.
      { fromPort: 25, toPort: 25, pooled: true, rules: ['tcp 0-1000 from 0.0.0.0/1', 'tcp 20-30 from 128.0.0.0/1'] },
      { fromPort: 26, toPort: 30, pooled: true, rules: ['tcp 0-1000 from 0.0.0.0/1', 'tcp 20-30 from 128.0.0.0/1'] },
    ]);
  });

  it('names only the rule that opens a port alone, and ignores UDP, ICMP and group references', () => {
    const { open } = tcpInternetExposure(
      [rule(22, 22, ['0.0.0.0/0']), rule(22, 22, ['52.1.2.0/24']), rule(53, 53, ['0.0.0.0/0'], [], [], 'udp'), rule(-1, -1, [], ['::/0'], [], 'icmpv6')],
      NO_PREFIX_LISTS,
    );
    expect(open).toEqual([{ fromPort: 22, toPort: 22, openFamilies: ['IPv4'], rules: ['tcp 22 from 0.0.0.0/0'], sources: ['0.0.0.0/0'], pooled: false, unreadable: [] }]);
  });

  it('reads all-traffic and port-less rules as every TCP port, and IPv6 on its own', () => {
    const { open } = tcpInternetExposure([rule(null, null, [], ['2000::/3'], [], '-1')], NO_PREFIX_LISTS);
    expect(open).toEqual([{ fromPort: 0, toPort: 65535, openFamilies: ['IPv6'], rules: ['all traffic from 2000::/3'], sources: ['2000::/3'], pooled: false, unreadable: [] }]);
  });

  it('expands prefix lists, and turns unreadable ones into uncertainty, never into a closed port', () => {
    const lists: ManagedPrefixList[] = [
      { id: 'pl-world', name: 'world', ownerId: '123456789012', addressFamily: 'IPv4', cidrs: { ok: true, data: ['0.0.0.0/1', '128.0.0.0/1'] } },
      { id: 'pl-denied', name: null, ownerId: null, addressFamily: 'IPv6', cidrs: { ok: false, error: { code: 'UnauthorizedOperation', message: 'denied', action: 'ec2:GetManagedPrefixListEntries' } } },
    ];
    const lookup = prefixListLookup({ ok: true, data: lists });
    const exposure = tcpInternetExposure([rule(22, 22, [], [], ['pl-world']), rule(3389, 3389, ['0.0.0.0/1'], [], ['pl-denied']), rule(5432, 5432, [], [], ['pl-missing'])], lookup);
    expect(exposure.open.map((segment) => [segment.fromPort, segment.rules])).toEqual([[22, ['tcp 22 from pl-world (world): 0.0.0.0/1, 128.0.0.0/1']]]);
    expect(exposure.uncertain.map((segment) => [segment.fromPort, segment.unreadable.map((list) => `${list.id} ${list.action}`)])).toEqual([
      [3389, ['pl-denied ec2:GetManagedPrefixListEntries']],
      [5432, ['pl-missing ec2:DescribeManagedPrefixLists']],
    ]);
  });
});

// ---------------------------------------------------------------- properties

function formatCidr(family: IpFamily, start: bigint, length: number): string {
  if (family === 'IPv4') return `${[24n, 16n, 8n, 0n].map((shift) => (start >> shift) & 255n).join('.')}/${length}`;
  const groups = Array.from({ length: 8 }, (_, index) => ((start >> BigInt(112 - 16 * index)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${length}`;
}

/** Splits the whole space of a family into random CIDR blocks (a partition, so exactly the whole space). */
function partition(family: IpFamily, choices: readonly boolean[]): string[] {
  const bits = family === 'IPv4' ? 32 : 128;
  const maxLength = family === 'IPv4' ? 20 : 40;
  let next = 0;
  const pieces: string[] = [];
  const split = (start: bigint, length: number): void => {
    const choice = choices[next++ % Math.max(1, choices.length)] ?? false;
    if (length < maxLength && pieces.length < 40 && (length < 2 || choice)) {
      const half = 1n << BigInt(bits - length - 1);
      split(start, length + 1);
      split(start + half, length + 1);
    } else {
      pieces.push(formatCidr(family, start, length));
    }
  };
  split(0n, 0);
  return pieces;
}

const familyArbitrary = fc.constantFrom<IpFamily>('IPv4', 'IPv6');
const choicesArbitrary = fc.array(fc.boolean(), { minLength: 1, maxLength: 64 });

describe('properties', () => {
  it('any partition of the address space, spread over rules on the same port, opens that port', () => {
    fc.assert(
      fc.property(familyArbitrary, choicesArbitrary, fc.integer({ min: 1, max: 5 }), (family, choices, ruleCount) => {
        const pieces = partition(family, choices);
        const rules = Array.from({ length: ruleCount }, (_, index) => pieces.filter((_piece, position) => position % ruleCount === index));
        const exposure = tcpInternetExposure(rules.map((cidrs) => (family === 'IPv4' ? rule(22, 22, cidrs) : rule(22, 22, [], cidrs))), NO_PREFIX_LISTS);
        expect(exposure.open.map((segment) => [segment.fromPort, segment.toPort, segment.openFamilies])).toEqual([[22, 22, [family]]]);
      }),
      PARAMS,
    );
  });

  it('leaving out any piece that holds internet addresses closes it again', () => {
    fc.assert(
      fc.property(familyArbitrary, choicesArbitrary, fc.nat(), (family, choices, pick) => {
        const pieces = partition(family, choices);
        const candidates = pieces.filter((piece) => {
          const parsed = parseCidr(piece);
          return parsed !== null && touchesInternet(parsed);
        });
        fc.pre(candidates.length > 0);
        const dropped = candidates[pick % candidates.length];
        expect(covers(...pieces.filter((piece) => piece !== dropped))[family]).toBe(false);
        expect(covers(...pieces)[family]).toBe(true);
      }),
      PARAMS,
    );
  });

  it('adding a rule never closes a port (rules only allow)', () => {
    const cidrPool = ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1', '128.0.0.0/2', '192.0.0.0/2', '10.0.0.0/8', '52.94.0.0/16', '::/0', '::/1', '2000::/4', '3000::/4', 'fc00::/7'];
    const ruleArbitrary = fc.record({
      from: fc.integer({ min: 0, max: 70 }),
      span: fc.integer({ min: 0, max: 40 }),
      cidrs: fc.subarray(cidrPool, { minLength: 1, maxLength: 3 }),
      protocol: fc.constantFrom('tcp', '-1', 'udp'),
    });
    const toRule = (r: { from: number; span: number; cidrs: string[]; protocol: string }) =>
      rule(r.from, r.from + r.span, r.cidrs.filter((cidr) => !cidr.includes(':')), r.cidrs.filter((cidr) => cidr.includes(':')), [], r.protocol);
    const openPorts = (rules: ReturnType<typeof rule>[]) => {
      const ports = new Set<number>();
      for (const segment of tcpInternetExposure(rules, NO_PREFIX_LISTS).open) for (let port = segment.fromPort; port <= Math.min(segment.toPort, 200); port++) ports.add(port);
      return ports;
    };
    fc.assert(
      fc.property(fc.array(ruleArbitrary, { maxLength: 6 }), ruleArbitrary, (rules, extra) => {
        const before = openPorts(rules.map(toRule));
        const after = openPorts([...rules, extra].map(toRule));
        for (const port of before) expect(after.has(port), `port ${port}`).toBe(true);
      }),
      PARAMS,
    );
  });

  it('the order of rules and of blocks never changes the verdict', () => {
    fc.assert(
      fc.property(choicesArbitrary, fc.integer({ min: 0, max: 1 }), (choices, dropFirst) => {
        const pieces = partition('IPv4', choices).slice(dropFirst);
        const forward = tcpInternetExposure([rule(0, 65535, pieces)], NO_PREFIX_LISTS).open.length;
        const backward = tcpInternetExposure(pieces.reverse().map((cidr) => rule(0, 65535, [cidr])), NO_PREFIX_LISTS).open.length;
        expect(backward).toBe(forward);
      }),
      PARAMS,
    );
  });
});
