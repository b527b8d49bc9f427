/**
 * CIDR arithmetic over the whole IPv4 and IPv6 address spaces: parse a block into an inclusive
 * address interval, merge intervals, and decide whether a set of blocks together covers "the
 * internet" of its family. Addresses are bigints so IPv4 and IPv6 share one implementation.
 */

export type IpFamily = 'IPv4' | 'IPv6';

export interface AddressInterval {
  start: bigint;
  /** Inclusive. */
  end: bigint;
}

export interface ParsedCidr extends AddressInterval {
  family: IpFamily;
}

const BITS: Record<IpFamily, number> = { IPv4: 32, IPv6: 128 };

function parseIpv4Address(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

function parseIpv6Groups(text: string): number[] | null {
  if (text === '') return [];
  const groups: number[] = [];
  const parts = text.split(':');
  for (const [index, part] of parts.entries()) {
    // An embedded dotted IPv4 address may end the address (::ffff:192.0.2.1).
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Address(part);
      if (v4 === null) return null;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return null;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

function parseIpv6Address(text: string): bigint | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parseIpv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? '') : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array.from({ length: missing }, () => 0), ...tail];
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

/**
 * `10.0.0.0/8` → its family and the inclusive address interval it spans; null for anything that is
 * not a CIDR block. Host bits set below the prefix (`10.1.2.3/8`) are ignored, as a mask would.
 */
export function parseCidr(cidr: string): ParsedCidr | null {
  const text = cidr.trim();
  const slash = text.indexOf('/');
  if (slash < 0) return null;
  const address = text.slice(0, slash);
  const lengthText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(lengthText)) return null;
  const family: IpFamily = address.includes(':') ? 'IPv6' : 'IPv4';
  const bits = BITS[family];
  const length = Number(lengthText);
  if (length > bits) return null;
  const value = family === 'IPv4' ? parseIpv4Address(address) : parseIpv6Address(address);
  if (value === null) return null;
  const hostBits = BigInt(bits - length);
  const start = (value >> hostBits) << hostBits;
  return { family, start, end: start + (1n << hostBits) - 1n };
}

/** Sorted, non-overlapping, non-adjacent intervals covering exactly the union of the input. */
export function mergeIntervals(intervals: readonly AddressInterval[]): AddressInterval[] {
  const sorted = [...intervals].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const merged: AddressInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && interval.start <= last.end + 1n) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ ...interval });
    }
  }
  return merged;
}

/** `whole` minus every interval of `holes`. */
function subtract(whole: AddressInterval, holes: readonly AddressInterval[]): AddressInterval[] {
  const remaining: AddressInterval[] = [];
  let cursor = whole.start;
  for (const hole of mergeIntervals(holes)) {
    if (hole.end < cursor || hole.start > whole.end) continue;
    if (hole.start > cursor) remaining.push({ start: cursor, end: hole.start - 1n });
    cursor = hole.end + 1n;
    if (cursor > whole.end) return remaining;
  }
  remaining.push({ start: cursor, end: whole.end });
  return remaining;
}

function block(cidr: string): AddressInterval {
  const parsed = parseCidr(cidr);
  if (parsed === null) throw new Error(`not a CIDR block: ${cidr}`);
  return parsed;
}

/**
 * IPv4 blocks that can never be the source address of traffic arriving from the internet: the IANA
 * IPv4 Special-Purpose Address Registry entries marked "Globally Reachable: False" (RFC 6890 and its
 * updates), plus multicast (224.0.0.0/4, never a unicast source). A set of rules that admits every
 * other IPv4 address admits the whole IPv4 internet, whatever it leaves out of the private ranges.
 * https://www.iana.org/assignments/iana-ipv4-special-registry/iana-ipv4-special-registry.xhtml
 * https://www.rfc-editor.org/rfc/rfc6890
 */
export const IPV4_NOT_INTERNET: readonly string[] = [
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8', // private (RFC 1918)
  '100.64.0.0/10', // shared address space (carrier-grade NAT)
  '127.0.0.0/8', // loopback
  '169.254.0.0/16', // link-local
  '172.16.0.0/12', // private (RFC 1918)
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // documentation (TEST-NET-1)
  '192.168.0.0/16', // private (RFC 1918)
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // documentation (TEST-NET-2)
  '203.0.113.0/24', // documentation (TEST-NET-3)
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, and the limited broadcast address
];

/**
 * The internet, per family. IPv4: every address outside IPV4_NOT_INTERNET. IPv6: the global
 * unicast space 2000::/3, the only IPv6 block IANA allocates to the regional registries; the rest
 * is unique-local, link-local, multicast or unassigned, less the documentation prefix 2001:db8::/32.
 * https://www.iana.org/assignments/ipv6-address-space/ipv6-address-space.xhtml
 * https://www.iana.org/assignments/iana-ipv6-special-registry/iana-ipv6-special-registry.xhtml
 */
const INTERNET: Record<IpFamily, readonly AddressInterval[]> = {
  IPv4: subtract(block('0.0.0.0/0'), IPV4_NOT_INTERNET.map(block)),
  IPv6: subtract(block('2000::/3'), [block('2001:db8::/32')]),
};

/** Whether the blocks of one family, together, contain every internet address of that family. */
export function coversInternet(family: IpFamily, blocks: readonly AddressInterval[]): boolean {
  const merged = mergeIntervals(blocks);
  return INTERNET[family].every((needed) => merged.some((have) => have.start <= needed.start && needed.end <= have.end));
}

/** Whether a block contains at least one internet address (10.0.0.0/8 does not; 52.0.0.0/8 does). */
export function touchesInternet(cidr: ParsedCidr): boolean {
  return INTERNET[cidr.family].some((needed) => cidr.start <= needed.end && needed.start <= cidr.end);
}
