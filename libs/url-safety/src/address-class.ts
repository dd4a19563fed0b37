import { cidrContains, parseCidr, type Cidr } from './cidr';
import ipaddr from 'ipaddr.js';
import { mappedIpv4, parseIp, type IpAddress } from './ip-address';

/** What an address is, as far as reaching it from a server is concerned. */
export const ADDRESS_CLASSES = ['public', 'unspecified', 'loopback', 'private', 'link-local', 'cgnat', 'multicast', 'reserved'] as const;
export type AddressClass = (typeof ADDRESS_CLASSES)[number];

/** Non-public ranges (IANA special-purpose registries), most specific first. */
const RANGES: ReadonlyArray<readonly [string, Exclude<AddressClass, 'public'>]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'cgnat'],
  ['127.0.0.0/8', 'loopback'],
  // Cloud metadata endpoints (169.254.169.254) live here.
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  // Includes the broadcast address 255.255.255.255.
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // Deprecated IPv4-compatible addresses (`::a.b.c.d`): no public host uses them.
  ['::/96', 'reserved'],
  ['100::/64', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  // Deprecated site-local addresses, still routed inside some networks.
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
];

const COMPILED: ReadonlyArray<readonly [Cidr, Exclude<AddressClass, 'public'>]> = RANGES.map(([text, kind]) => [parseCidr(text) as Cidr, kind]);

/**
 * IPv6 prefixes that carry an IPv4 address a gateway may translate to: IPv4-mapped (`::ffff:0:0/96`),
 * NAT64 (`64:ff9b::/96`, ipaddr.js's `rfc6052`) and 6to4 (`2002::/16`). The embedded address
 * decides the class, so that `::ffff:127.0.0.1` is as much a loopback address as `127.0.0.1`.
 */
function embeddedIpv4(ip: IpAddress): IpAddress | null {
  if (!(ip instanceof ipaddr.IPv6)) return null;
  const mapped = mappedIpv4(ip);
  if (mapped) return mapped;
  const bytes = ip.toByteArray();
  switch (ip.range()) {
    case 'rfc6052':
      return ipaddr.fromByteArray(bytes.slice(12));
    case '6to4':
      return ipaddr.fromByteArray(bytes.slice(2, 6));
    default:
      return null;
  }
}

/** Classifies a parsed address; anything outside the special-purpose ranges is `public`. */
export function classifyIp(ip: IpAddress): AddressClass {
  const embedded = embeddedIpv4(ip);
  if (embedded) return classifyIp(embedded);
  for (const [range, kind] of COMPILED) if (cidrContains(range, ip)) return kind;
  return 'public';
}

/**
 * Classifies an IP literal (`127.0.0.1`, `::1`, `[fe80::1%eth0]`).
 * @throws Error when the text is not an IP address.
 */
export function classifyAddress(address: string): AddressClass {
  const ip = parseIp(address);
  if (!ip) throw new Error(`"${address}" is not an IP address`);
  return classifyIp(ip);
}

/** How a refused class reads in a message. */
export function describeAddressClass(kind: AddressClass): string {
  switch (kind) {
    case 'public':
      return 'a public address';
    case 'unspecified':
      return 'an unspecified address';
    case 'loopback':
      return 'a loopback address';
    case 'private':
      return 'a private network address';
    case 'link-local':
      return 'a link-local address (where cloud metadata services live)';
    case 'cgnat':
      return 'a carrier-grade NAT address';
    case 'multicast':
      return 'a multicast address';
    case 'reserved':
      return 'a reserved address';
  }
}
