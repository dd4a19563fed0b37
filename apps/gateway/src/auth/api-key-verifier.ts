import { Inject, Injectable } from '@nestjs/common';
import { parseApiKey } from '@jetjobs/auth';
import { CodedError } from '@jetjobs/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { RegistryClient } from '../registry/registry-client';
import type { Principal } from './authenticated-request';

/** Enough for every active key of a large deployment; beyond it the oldest entry goes. */
const MAX_CACHED_KEYS = 10_000;

/**
 * Verifies API keys through job-registry, which alone holds their hashes, and remembers a
 * valid key for `JETJOBS_API_KEY_CACHE_MS` so that a busy client costs one registry round trip
 * per period rather than one per request. The price: a revoked key keeps working here for up to
 * that long. Rejections are not cached, so a new key works at once. The cache is keyed by the
 * secret's hash, never by the key itself.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { principal: Principal; expiresAt: number }>();
  private readonly pending = new Map<string, Promise<Principal>>();
  private readonly ttlMs: number;

  constructor(
    private readonly registry: RegistryClient,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.ttlMs = config.JETJOBS_API_KEY_CACHE_MS;
  }

  async verify(credential: string): Promise<Principal> {
    const parsed = parseApiKey(credential);
    if (parsed === null) throw new CodedError('unauthorized', 'Malformed API key');
    const cacheKey = `${parsed.keyId}:${parsed.secretHash}`;
    const hit = this.cache.get(cacheKey);
    if (hit !== undefined && hit.expiresAt > Date.now()) return hit.principal;
    this.cache.delete(cacheKey);
    // Concurrent requests with one key share a single registry round trip.
    let verifying = this.pending.get(cacheKey);
    if (verifying === undefined) {
      verifying = this.ask(parsed).finally(() => this.pending.delete(cacheKey));
      this.pending.set(cacheKey, verifying);
    }
    const principal = await verifying;
    this.remember(cacheKey, principal);
    return principal;
  }

  private async ask(key: { keyId: string; secretHash: string }): Promise<Principal> {
    const { projectId, scopes, subject } = await this.registry.send('api-key-verify', key);
    return { projectId, subject, scopes: new Set(scopes), credential: 'api-key' };
  }

  private remember(cacheKey: string, principal: Principal): void {
    if (this.ttlMs === 0) return;
    if (this.cache.size >= MAX_CACHED_KEYS) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(cacheKey, { principal, expiresAt: Date.now() + this.ttlMs });
  }
}
