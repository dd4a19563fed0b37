import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A parsed IPv4 or IPv6 address (`ipaddr.js`). */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Parses an IPv4 or IPv6 literal (brackets and an IPv6 zone such as `%eth0` allowed; the zone is
 * dropped); null for anything else, host names included. Node's `isIP` vets the text first, so
 * only dotted-quad IPv4 passes: `ipaddr.js` would also read `127.1` and `0x7f.1`, which the WHATWG
 * URL parser has already turned into `127.0.0.1` and which an allowlist must not take.
 */
export function parseIp(text: string): IpAddress | null {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const address = unbracketed.split('%')[0] ?? '';
  return isIP(address) === 0 ? null : ipaddr.parse(address);
}

/** 4 or 6, as `net.connect` takes it. */
export function familyOf(ip: IpAddress): 4 | 6 {
  return ip.kind() === 'ipv4' ? 4 : 6;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else null. */
export function mappedIpv4(ip: IpAddress): ipaddr.IPv4 | null {
  return ip instanceof ipaddr.IPv6 && ip.isIPv4MappedAddress() ? ip.toIPv4Address() : null;
}

/** `1.2.3.4`, or IPv6 with its longest run of zero groups written `::` (RFC 5952), for messages. */
export function formatIp(ip: IpAddress): string {
  return ip.toString();
}
