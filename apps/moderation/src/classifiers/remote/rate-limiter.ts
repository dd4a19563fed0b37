import { sleep } from './http-json';

/**
 * A token bucket shared by every job of the process: at most `perMinute` requests a minute,
 * with bursts up to a second's worth, so a paid endpoint's quota is respected however many
 * jobs run at once.
 */
export class RateLimiter {
  private tokens: number;
  private updatedAt = Date.now();
  private readonly capacity: number;
  private readonly perMs: number;

  constructor(perMinute: number) {
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, perMinute / 60);
    this.tokens = this.capacity;
  }

  /** Waits until a request may be sent. */
  async take(signal: AbortSignal): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.ceil((1 - this.tokens) / this.perMs), signal);
    }
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
    this.updatedAt = now;
  }
}
