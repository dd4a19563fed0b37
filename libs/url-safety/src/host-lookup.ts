import { Resolver } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { parseIp } from './ip-address';

/** Resolves a host name to every address it has, as the system resolver does for `connect`. */
export type HostLookup = (hostname: string) => Promise<readonly string[]>;

export interface ResolverLookupOptions {
  /** Time one name may take, every retry included. */
  readonly timeoutMs: number;
  /** DNS servers (`ip` or `ip:port`); default: the system's (resolv.conf). */
  readonly servers?: readonly string[];
  /** Static names read before DNS; default `/etc/hosts`. */
  readonly hostsFile?: string;
}

const LOOPBACK = ['127.0.0.1', '::1'] as const;

/**
 * A lookup that never holds a libuv thread. `dns.lookup` runs getaddrinfo on the thread pool and
 * has no timeout: a server that never answers keeps the thread long after our own timer gave up,
 * and four such lookups stall every file read of the process. c-ares (`Resolver`) queries on
 * the event loop with a real timeout instead. It does not read /etc/hosts, so that is read here
 * first, deliberately: operators name internal hosts there, and a name there must not resolve
 * differently for the check than for them. `localhost` is loopback without asking (RFC 6761).
 */
export function resolverLookup(options: ResolverLookupOptions): HostLookup {
  return async (hostname) => {
    const name = hostname.toLowerCase().replace(/\.$/, '');
    if (name === 'localhost' || name.endsWith('.localhost')) return LOOPBACK;
    const fromHosts = await hostsFileLookup(options.hostsFile ?? '/etc/hosts', name);
    if (fromHosts.length > 0) return fromHosts;
    // c-ares doubles the wait on each retry: two tries of a third each fit the time given.
    const resolver = new Resolver({ timeout: Math.max(1, Math.floor(options.timeoutMs / 3)), tries: 2 });
    if (options.servers) resolver.setServers([...options.servers]);
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(name), resolver.resolve6(name)]);
    const found = [v4, v6].flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
    if (found.length > 0) return found;
    const codes = [v4, v6].map((result) => (result.status === 'rejected' ? (result.reason as { code?: string }).code : undefined));
    const code = codes.includes('ETIMEOUT') ? 'ETIMEOUT' : 'ENOTFOUND';
    throw Object.assign(new Error(`lookup of ${name} failed (${code})`), { code });
  };
}

/** Every address /etc/hosts gives the name; none when the file is missing or unreadable. */
async function hostsFileLookup(file: string, name: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && parseIp(address) && names.some((entry) => entry.toLowerCase() === name)) found.push(address);
  }
  return found;
}

/** The resolver of every check that is not given its own: bounded by the default lookup time. */
export const systemLookup: HostLookup = resolverLookup({ timeoutMs: 4_500 });

/** The lookup, bounded: a resolver passed in by a caller may have no timeout of its own. */
export async function lookupWithin(resolve: HostLookup, hostname: string, timeoutMs: number): Promise<readonly string[]> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('lookup timed out'), { code: 'ETIMEOUT' })), timeoutMs);
  });
  try {
    return await Promise.race([resolve(hostname), expired]);
  } finally {
    clearTimeout(timer);
  }
}
