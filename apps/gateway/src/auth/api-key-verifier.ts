import { Inject, Injectable } from '@nestjs/common';
import { parseApiKey } from '@jetjobs/auth';
import { CodedError } from '@jetjobs/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { RegistryClient } from '../registry/registry-client';
import type { Principal } from './authenticated-request';

/** Enough for every active key of a large deployment; beyond it the oldest entry goes. */
const MAX_CACHED_KEYS = 10_000;
/** The registry's own words for a refused key, repeated when the refusal is remembered. */
const INVALID_KEY = 'Invalid or revoked API key';

/**
 * Verifies API keys through job-registry, which alone holds their hashes, and remembers a
 * valid key for `JETJOBS_API_KEY_CACHE_MS` so that a busy client costs one registry round trip
 * per period rather than one per request. The price: a revoked key keeps working here for up to
 * that long. A refused key is remembered too (`JETJOBS_API_KEY_REJECT_CACHE_MS`), so that
 * replaying one bad key costs no registry round trip; a new key still works at once, since that
 * memory holds only keys that were refused. Both are keyed by the secret's hash, never the key.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { principal: Principal; expiresAt: number }>();
  private readonly rejected = new Map<string, number>();
  private readonly pending = new Map<string, Promise<Principal>>();
  private readonly ttlMs: number;
  private readonly rejectTtlMs: number;

  constructor(
    private readonly registry: RegistryClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.ttlMs = config.JETJOBS_API_KEY_CACHE_MS;
    this.rejectTtlMs = config.JETJOBS_API_KEY_REJECT_CACHE_MS;
  }

  async verify(credential: string): Promise<Principal> {
    const parsed = parseApiKey(credential);
    if (parsed === null) throw new CodedError('unauthorized', 'Malformed API key');
    const cacheKey = `${parsed.keyId}:${parsed.secretHash}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined && hit.expiresAt > Date.now()) return hit.principal;
    this.cache.delete(cacheKey);
    if ((this.rejected.get(cacheKey) ?? 0) > Date.now()) throw new CodedError('unauthorized', INVALID_KEY);
    this.rejected.delete(cacheKey);
    // Concurrent requests with one key share a single registry round trip.
    let verifying = this.pending.get(cacheKey);
    if (verifying === undefined) {
      verifying = this.ask(parsed).finally(() => this.pending.delete(cacheKey));
      this.pending.set(cacheKey, verifying);
    }
    let principal: Principal;
    try {
      principal = await verifying;
    } catch (error) {
      // Only the registry's verdict is remembered: an outage must not lock a valid key out.
      if (error instanceof CodedError && error.code === 'unauthorized') this.rememberRejection(cacheKey);
      throw error;
    }
    this.remember(cacheKey, principal);
    return principal;
  }

  private async ask(key: { keyId: string; secretHash: string }): Promise<Principal> {
    const { projectId, scopes, subject } = await this.registry.send('api-key-verify', key);
    // Keys are no longer made with admin; one stored before that rule still must not reach
    // every project.
    return { projectId, subject, scopes: new Set(scopes.filter((scope) => scope !== 'admin')), credential: 'api-key' };
  }

  private remember(cacheKey: string, principal: Principal): void {
    if (this.ttlMs === 0) return;
    evictOldest(this.cache);
    this.cache.set(cacheKey, { principal, expiresAt: Date.now() + this.ttlMs });
  }

  private rememberRejection(cacheKey: string): void {
    if (this.rejectTtlMs === 0) return;
    evictOldest(this.rejected);
    this.rejected.set(cacheKey, Date.now() + this.rejectTtlMs);
  }
}

/** Keeps a map within MAX_CACHED_KEYS by dropping its oldest entry. */
function evictOldest(map: Map<string, unknown>): void {
  if (map.size < MAX_CACHED_KEYS) return;
  const oldest = map.keys().next();
  if (!oldest.done) map.delete(oldest.value);
}
