import { CodedError } from '@jetjobs/contracts';
import { quoteIfPlain, unauthorized } from './jwt-errors';
import { signingKeysOf, type JwksAlgorithm, type SigningKey } from './jwk-key';

export interface JwksKeyStoreOptions {
  readonly url: string;
  /** How long a fetched key set is trusted before it is fetched again (default 10 min). */
  readonly maxAgeMs?: number;
  /**
   * The least time between two fetches caused by unknown `kid`s (default 30 s): a stream of
   * tokens with made-up key ids must not turn into a stream of requests to the key server.
   */
  readonly cooldownMs?: number;
  readonly timeoutMs?: number;
  /** The clock in milliseconds, injectable for tests. */
  readonly now?: () => number;
  /** Where a failed fetch is reported, with its cause; callers only learn that keys are missing. */
  readonly onFetchError?: (message: string) => void;
}

/**
 * The signing keys published at a JWKS URL, fetched on first use, kept for `maxAgeMs`, and fetched
 * again early when a token names a key id the set does not have (the issuer rotated its keys).
 * A key server that is down does not invalidate keys already fetched.
 */
export class JwksKeyStore {
  private keys: SigningKey[] = [];
  private fetchedAt = Number.NEGATIVE_INFINITY;
  private inFlight: Promise<void> | null = null;
  private lastError: string | null = null;
  private readonly maxAgeMs: number;
  private readonly cooldownMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: JwksKeyStoreOptions) {
    this.maxAgeMs = options.maxAgeMs ?? 600_000;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  /** The key a token with this header must be verified with. */
  async keyFor(kid: string | undefined, alg: JwksAlgorithm): Promise<SigningKey> {
    if (this.now() - this.fetchedAt >= this.maxAgeMs) await this.refresh();
    let key = this.find(kid, alg);
    if (key === undefined && this.now() - this.fetchedAt >= this.cooldownMs) {
      await this.refresh();
      key = this.find(kid, alg);
    }
    if (key !== undefined) return key;
    if (this.keys.length === 0 && this.lastError !== null) {
      // The cause names the key server and its answer: for operators (onFetchError), not for
      // whoever sent a token.
      throw new CodedError('unavailable', 'The token signing keys cannot be fetched right now: retry shortly');
    }
    throw unauthorized(kid === undefined ? `Token has no kid and no single ${alg} key matches` : `Token signing key${quoteIfPlain(kid)} is unknown`);
  }

  private find(kid: string | undefined, alg: JwksAlgorithm): SigningKey | undefined {
    const candidates = this.keys.filter((key) => key.alg === alg);
    if (kid !== undefined) return candidates.find((key) => key.kid === kid);
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  /** One fetch at a time; concurrent callers wait for the same one. A failure keeps the old keys. */
  private async refresh(): Promise<void> {
    this.inFlight ??= this.fetchKeys().then(
      () => {
        this.lastError = null;
      },
      (error: unknown) => {
        this.lastError = error instanceof Error ? error.message : String(error);
        this.options.onFetchError?.(`JWKS fetch from ${this.options.url} failed: ${this.lastError}`);
      },
    ).finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
  }

  private async fetchKeys(): Promise<void> {
    // Counted as a fetch even when it fails, so that a dead key server is not asked on every request.
    this.fetchedAt = this.now();
    const response = await fetch(this.options.url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`the JWKS endpoint answered ${response.status}`);
    this.keys = signingKeysOf(await response.json());
  }
}
