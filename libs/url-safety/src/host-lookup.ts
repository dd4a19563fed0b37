import { lookup } from 'node:dns/promises';

/** Resolves a host name to every address it has, as the system resolver does for `connect`. */
export type HostLookup = (hostname: string) => Promise<readonly string[]>;

export const systemLookup: HostLookup = async (hostname) => {
  const found = await lookup(hostname, { all: true, verbatim: true });
  return found.map((entry) => entry.address);
};

/** The lookup, bounded: the system resolver has no timeout of its own. */
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
