import { isIP } from 'node:net';

/** An IP address as bytes: 4 for IPv4, 16 for IPv6. */
export interface IpAddress {
  readonly family: 4 | 6;
  readonly bytes: Uint8Array;
}

/**
 * Parses an IPv4 or IPv6 literal (brackets and an IPv6 zone such as `%eth0` allowed); null for
 * anything else, host names included. Only dotted-quad IPv4 is accepted: the WHATWG URL parser
 * has already turned `http://2130706433/` and `http://0x7f.1/` into `127.0.0.1`.
 */
export function parseIp(text: string): IpAddress | null {
  const unbracketed = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const address = unbracketed.split('%')[0] ?? '';
  switch (isIP(address)) {
    case 4:
      return { family: 4, bytes: Uint8Array.from(address.split('.').map(Number)) };
    case 6:
      return { family: 6, bytes: ipv6Bytes(address) };
    default:
      return null;
  }
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`), else null. */
export function mappedIpv4(ip: IpAddress): IpAddress | null {
  if (ip.family !== 6) return null;
  const mapped = ip.bytes.slice(0, 10).every((b) => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
  return mapped ? { family: 4, bytes: ip.bytes.slice(12) } : null;
}

/** `1.2.3.4`, or IPv6 with its longest run of zero groups written `::` (RFC 5952), for messages. */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((ip.bytes[i] ?? 0) << 8) | (ip.bytes[i + 1] ?? 0));
  let best = { start: -1, length: 0 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > best.length && length > 1) best = { start, length };
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** Validated by `isIP` first, so only the shapes of RFC 4291 reach here. */
function ipv6Bytes(address: string): Uint8Array {
  let text = address;
  // A trailing dotted quad (`::ffff:127.0.0.1`) becomes the two groups it stands for.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = rest === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = new Uint8Array(16);
  groups.forEach((group, i) => {
    const value = parseInt(group, 16);
    bytes[i * 2] = value >> 8;
    bytes[i * 2 + 1] = value & 0xff;
  });
  return bytes;
}
