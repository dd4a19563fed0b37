import { mappedIpv4, parseIp, type IpAddress } from './ip-address';

/** A network: an address and how many leading bits of it are fixed. */
export interface Cidr {
  readonly network: IpAddress;
  readonly prefix: number;
}

/** `10.0.0.0/8`, `fc00::/7`, or a bare address (a network of one); null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/');
  const network = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!network) return null;
  const max = network.kind() === 'ipv4' ? 32 : 128;
  if (slash < 0) return { network, prefix: max };
  const bits = text.slice(slash + 1);
  const prefix = /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
  return prefix >= 0 && prefix <= max ? { network, prefix } : null;
}

/** Whether the address is in the network; an IPv4-mapped IPv6 address also matches IPv4 networks. */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  const candidate = cidr.network.kind() === ip.kind() ? ip : mappedIpv4(ip);
  if (!candidate || candidate.kind() !== cidr.network.kind()) return false;
  // Same kind on both sides, which ipaddr.js's `match` requires.
  return (candidate as typeof cidr.network).match(cidr.network as never, cidr.prefix);
}
