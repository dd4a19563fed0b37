import { createLocalJWKSet, createRemoteJWKSet, errors, type FlattenedJWSInput, type JWSHeaderParameters } from 'jose';
import { CodedError } from '@jetjobs/contracts';

export interface JwksKeyStoreOptions {
  readonly url: string;
  /** How long a fetched key set is trusted before it is fetched again (default 10 min). */
  readonly maxAgeMs?: number;
  /**
   * The least time between two fetches caused by unknown `kid`s (default 30 s): a stream of
   * tokens with made-up key ids must not turn into a stream of requests to the key server.
   * A failed fetch is not retried within it either.
   */
  readonly cooldownMs?: number;
  readonly timeoutMs?: number;
  /** Where a failed fetch is reported, with its cause; callers only learn that keys are missing. */
  readonly onFetchError?: (message: string) => void;
}

type KeyResolver = ReturnType<typeof createLocalJWKSet>;
type VerificationKey = Awaited<ReturnType<KeyResolver>>;

/**
 * The signing keys published at a JWKS URL, fetched and imported by `jose` (`createRemoteJWKSet`):
 * fetched on first use, kept for `maxAgeMs`, and fetched again early when a token names a key id
 * the set does not have (the issuer rotated its keys). A key server that is down does not
 * invalidate keys already fetched: they keep verifying until a fetch succeeds again.
 */
export class JwksKeyStore {
  private readonly remote: ReturnType<typeof createRemoteJWKSet>;
  /** The last set fetched successfully, as jose resolves keys from it (kid, alg, kty, use, crv). */
  private keys: KeyResolver | null = null;
  private failedAt = Number.NEGATIVE_INFINITY;
  private readonly cooldownMs: number;

  constructor(private readonly options: JwksKeyStoreOptions) {
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.remote = createRemoteJWKSet(new URL(options.url), {
      cacheMaxAge: options.maxAgeMs ?? 600_000,
      cooldownDuration: this.cooldownMs,
      timeoutDuration: options.timeoutMs ?? 5_000,
    });
  }

  /**
   * The key a token with this header must be verified with, in the shape `jwtVerify` takes.
   * @throws jose's `JWKSNoMatchingKey`, `JWKSMultipleMatchingKeys` or `JWKSInvalid` when the set
   *   has no single usable key for the header; `CodedError('unavailable')` when no set could be
   *   fetched at all.
   */
  readonly keyFor = async (header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<VerificationKey> => {
    if (!this.remote.fresh) await this.refresh();
    try {
      return await this.resolve(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || this.remote.coolingDown || this.recentlyFailed()) throw error;
      await this.refresh();
      return this.resolve(header, token);
    }
  };

  private resolve(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<VerificationKey> {
    if (this.keys === null) {
      // The cause names the key server and its answer: for operators (onFetchError), not for
      // whoever sent a token.
      throw new CodedError('unavailable', 'The token signing keys cannot be fetched right now: retry shortly');
    }
    return this.keys(header, token);
  }

  private recentlyFailed(): boolean {
    return Date.now() - this.failedAt < this.cooldownMs;
  }

  /** One fetch at a time (jose joins concurrent callers to one request). A failure keeps the old keys. */
  private async refresh(): Promise<void> {
    // A dead key server is asked at most once per cooldown, not on every request.
    if (this.recentlyFailed()) return;
    try {
      await this.remote.reload();
      const fetched = this.remote.jwks();
      if (fetched !== undefined) this.keys = createLocalJWKSet(fetched);
    } catch (error) {
      this.failedAt = Date.now();
      this.options.onFetchError?.(`JWKS fetch from ${this.options.url} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
