import { checkUrl, type UrlCheckOptions } from './check-url';

/**
 * Accepts an http(s) URL whose host is on the public internet: the host name is resolved and every
 * address must be public — not loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7),
 * link-local (169.254/16 with the cloud metadata address, fe80::/10), carrier-grade NAT
 * (100.64/10), unspecified, multicast or reserved, nor an IPv4-mapped IPv6 form of one — unless
 * the host or the address is on the allowlist (`JETJOBS_URL_ALLOWLIST`, see `parseAllowlist`).
 *
 * A check at submission time cannot protect the later download by itself (the name may resolve
 * elsewhere by then): whoever fetches the URL uses `safeFetch`, which checks again and connects
 * to the checked address.
 *
 * @returns the parsed URL.
 * @throws CodedError `validation_failed` with a message naming what is wrong.
 */
export async function assertPublicHttpUrl(raw: string, options: UrlCheckOptions): Promise<URL> {
  return (await checkUrl(raw, options)).url;
}
