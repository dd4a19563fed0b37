import { CodedError } from '@jetjobs/contracts';
import { classifyIp, describeAddressClass } from './address-class';
import { Allowlist } from './allowlist';
import { lookupWithin, systemLookup, type HostLookup } from './host-lookup';
import { formatIp, parseIp, type IpAddress } from './ip-address';

export interface UrlCheckOptions {
  /** Host names and CIDR networks let through although internal (see `parseAllowlist`). */
  readonly allowlist: readonly string[];
  /** Resolver to use instead of the system's (tests; a resolver with its own cache). */
  readonly lookup?: HostLookup;
  /** Bound on the host name lookup; default 5 s. */
  readonly lookupTimeoutMs?: number;
}

export interface CheckedUrl {
  readonly url: URL;
  /** The host name as a connection needs it (no IPv6 brackets). */
  readonly hostname: string;
  /** Every address the host resolved to, each one public or allowed. */
  readonly addresses: readonly IpAddress[];
}

const DEFAULT_LOOKUP_TIMEOUT_MS = 5_000;
const PUBLIC_ONLY = 'only URLs on the public internet are accepted';

/**
 * Parses the URL and checks its scheme and every address of its host. A host allowed by name is
 * resolved but not checked; otherwise each address must be public or inside an allowed network,
 * since a connection may use any of them.
 */
export async function checkUrl(raw: string, options: UrlCheckOptions): Promise<CheckedUrl> {
  const url = parseHttpUrl(raw);
  const allowlist = new Allowlist(options.allowlist);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (hostname === '') throw new CodedError('validation_failed', `URL "${shorten(raw)}" has no host`);
  const literal = parseIp(hostname);
  const addresses = literal ? [literal] : await resolve(hostname, options);
  if (allowlist.allowsHost(hostname)) return { url, hostname, addresses };
  for (const address of addresses) {
    const kind = classifyIp(address);
    if (kind === 'public' || allowlist.allowsAddress(address)) continue;
    // A resolved address stays unsaid: repeating it would let callers map internal DNS names.
    const what = literal ? `${formatIp(address)} is` : `Host "${hostname}" resolves to`;
    throw new CodedError('validation_failed', `${what} ${describeAddressClass(kind)}: ${PUBLIC_ONLY}`);
  }
  return { url, hostname, addresses };
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new CodedError('validation_failed', `"${shorten(raw)}" is not a valid URL: use an absolute http:// or https:// URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CodedError('validation_failed', `URL scheme "${url.protocol.slice(0, -1)}" is not supported: use an http:// or https:// URL`);
  }
  return url;
}

async function resolve(hostname: string, options: UrlCheckOptions): Promise<IpAddress[]> {
  let found: readonly string[];
  try {
    found = await lookupWithin(options.lookup ?? systemLookup, hostname, options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = typeof code === 'string' ? ` (${code})` : '';
    throw new CodedError('validation_failed', `Host "${hostname}" could not be resolved${why}: check the URL`);
  }
  const addresses = found.map((text) => parseIp(text)).filter((ip): ip is IpAddress => ip !== null);
  if (addresses.length === 0) throw new CodedError('validation_failed', `Host "${hostname}" has no address: check the URL`);
  return addresses;
}

/** Messages quote the caller's input, but not a megabyte of it. */
function shorten(raw: string): string {
  return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
}
