import { cidrContains, parseCidr, type Cidr } from './cidr';
import type { IpAddress } from './ip-address';

const HOST_PATTERN = /^(\*\.)?([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Parses `JETJOBS_URL_ALLOWLIST`: comma-separated host names (`media.internal`, or `*.internal`
 * for every subdomain), IP addresses and CIDR networks (`10.0.0.0/8`, `fd00::/8`). Entries come
 * back normalised (lowercase, no trailing dot); blanks are ignored.
 *
 * @throws Error naming every entry that is neither a host name nor an address or network.
 */
export function parseAllowlist(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/\.$/, ''))
    .filter((entry) => entry !== '');
  const invalid = entries.filter((entry) => parseCidr(entry) === null && !HOST_PATTERN.test(entry));
  if (invalid.length > 0) {
    throw new Error(`not a host name, IP address or CIDR network: ${invalid.map((e) => `"${e}"`).join(', ')}`);
  }
  return entries;
}

/** An allowlist ready for matching. */
export class Allowlist {
  private readonly hosts = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly networks: Cidr[] = [];

  constructor(entries: readonly string[]) {
    for (const entry of parseAllowlist(entries.join(','))) {
      const network = parseCidr(entry);
      if (network) this.networks.push(network);
      else if (entry.startsWith('*.')) this.suffixes.push(entry.slice(1));
      else this.hosts.add(entry);
    }
  }

  /** The URL's host name (lowercase, as `URL` gives it) is allowed by name. */
  allowsHost(hostname: string): boolean {
    const host = hostname.replace(/\.$/, '');
    return this.hosts.has(host) || this.suffixes.some((suffix) => host.endsWith(suffix));
  }

  /** The address is inside an allowed network. */
  allowsAddress(ip: IpAddress): boolean {
    return this.networks.some((network) => cidrContains(network, ip));
  }
}
