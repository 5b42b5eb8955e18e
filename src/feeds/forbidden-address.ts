import { isIPv4, isIPv6 } from 'node:net';

type Range = readonly [bytes: readonly number[], prefixBits: number];

/** IPv4 ranges a server-added feed may not reach: this machine, its networks, cloud metadata, non-unicast. */
const FORBIDDEN_V4: readonly Range[] = [
  [[0, 0, 0, 0], 8], // "this network"
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // CGNAT, also Alibaba's metadata address
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16], // link-local, cloud metadata (169.254.169.254)
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24], // 6to4 relay anycast
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved and broadcast
];

/** IPv6 ranges refused whatever follows; forms that embed an IPv4 address are judged by that address. */
const FORBIDDEN_V6: readonly Range[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96], // IPv4-compatible (deprecated), "::" and "::1"
  [[0, 0x64, 0xff, 0x9b, 0, 1], 48], // local-use NAT64
  [[1, 0, 0, 0, 0, 0, 0, 0], 64], // discard-only
  [[0x20, 0x01, 0, 0], 32], // Teredo: tunnels to an obfuscated IPv4 address
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0xfc], 7], // unique-local
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // site-local (deprecated)
  [[0xff], 8], // multicast
];

/**
 * True when `address` (an IP literal, IPv6 with or without brackets or zone) is one a server-added feed
 * must not reach. IPv4-mapped, SIIT, NAT64 and 6to4 addresses reach the IPv4 address they carry, so
 * they are refused exactly when that address is; anything that is not an IP address is refused too.
 */
export function isForbiddenAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(text)) return inAny(ipv4Bytes(text), FORBIDDEN_V4);
  if (!isIPv6(text)) return true;
  const bytes = ipv6Bytes(text);
  const embedded = embeddedIpv4(bytes);
  if (embedded) return inAny(embedded, FORBIDDEN_V4);
  return inAny(bytes, FORBIDDEN_V6);
}

/** The IPv4 address an IPv6 address stands for, when it is one of the translation or tunnel forms. */
function embeddedIpv4(bytes: readonly number[]): number[] | undefined {
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  const tail = bytes.slice(12, 16);
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return tail; // ::ffff:0:0/96, mapped
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return tail; // ::ffff:0:0:0/96, SIIT
  if (bytes[0] === 0 && bytes[1] === 0x64 && bytes[2] === 0xff && bytes[3] === 0x9b && zeros(4, 12)) return tail; // 64:ff9b::/96, NAT64
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6); // 2002::/16, 6to4
  return undefined;
}

function inAny(bytes: readonly number[], ranges: readonly Range[]): boolean {
  return ranges.some(([net, bits]) => inRange(bytes, net, bits));
}

function inRange(bytes: readonly number[], net: readonly number[], bits: number): boolean {
  for (let i = 0; i * 8 < bits; i += 1) {
    const mask = bits - i * 8 >= 8 ? 0xff : (0xff << (8 - (bits - i * 8))) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((net[i] ?? 0) & mask)) return false;
  }
  return true;
}

function ipv4Bytes(text: string): number[] {
  return text.split('.').map(Number);
}

/** Sixteen bytes of a valid IPv6 literal (checked by isIPv6), a dotted IPv4 tail included. */
function ipv6Bytes(text: string): number[] {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const hex = dotted ? text.slice(0, dotted.index) + v4AsGroups(dotted[1] ?? '') : text;
  const [head = '', tail] = hex.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const front = groupsOf(head);
  const back = tail === undefined ? [] : groupsOf(tail);
  const groups = [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function v4AsGroups(dotted: string): string {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(dotted);
  return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
