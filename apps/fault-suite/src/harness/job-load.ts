import { setMaxListeners } from 'node:events';
import { SseFollower } from './sse-follower';

export interface LoadOptions {
  /** Every gateway: a job's submissions and its SSE client start at one and move on to the next. */
  readonly baseUrls: readonly string[];
  readonly token: string;
  readonly jobs: number;
  /** Time between two submissions: the load is steady, whatever the answers. */
  readonly intervalMs: number;
  /** Input of each echo job: how many progress events, how far apart. */
  readonly input: { readonly steps: number; readonly step_ms: number; readonly outputs: number };
  readonly webhookUrl: string;
}

/** A job the platform accepted (202), with the SSE client following it. */
export interface AcceptedJob {
  readonly id: string;
  readonly key: string;
  readonly follower: SseFollower;
}

const RETRY_DELAY_MS = 250;
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A client submitting echo jobs at a steady rate over HTTP. Each submission carries its own
 * Idempotency-Key and is repeated until it is accepted, as a careful client does when the
 * gateway is down or answers 503: the key makes a repeat return the first job, never a second.
 * With several gateways each retry goes to the next one, so a key crosses replicas.
 */
export class JobLoad {
  readonly accepted: AcceptedJob[] = [];
  /** Submissions answered with a different job id than an earlier answer for the same key. */
  readonly keyConflicts: string[] = [];
  submitRetries = 0;
  private readonly stopper = new AbortController();
  private readonly all: Promise<void>;

  constructor(private readonly options: LoadOptions) {
    // Every SSE client listens on this one signal.
    setMaxListeners(0, this.stopper.signal);
    this.all = this.run();
    // Awaited by `finished()`; until then a refusal must not count as an unhandled rejection.
    this.all.catch(() => undefined);
  }

  /** Resolves once every job has been accepted. */
  finished(): Promise<void> {
    return this.all;
  }

  async waitForAccepted(count: number): Promise<void> {
    while (this.accepted.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Stops the SSE clients and any submission still retrying. */
  stop(): void {
    this.stopper.abort();
  }

  private async run(): Promise<void> {
    const submissions: Promise<void>[] = [];
    for (let i = 0; i < this.options.jobs && !this.stopper.signal.aborted; i++) {
      submissions.push(this.submit(`fault-job-${i}`, i));
      await new Promise((resolve) => setTimeout(resolve, this.options.intervalMs));
    }
    await Promise.all(submissions);
  }

  private async submit(key: string, index: number): Promise<void> {
    const { baseUrls, token, input, webhookUrl } = this.options;
    let acceptedId: string | null = null;
    // After the first acceptance, one more submission with the same key must name the same job;
    // it goes to the next gateway, as a client does whose answer was lost with its gateway.
    for (let tries = 0; !this.stopper.signal.aborted; tries++) {
      const baseUrl = baseUrls[(index + tries) % baseUrls.length] as string;
      const response = await fetch(`${baseUrl}/v1/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify({ kind: 'echo', input, webhook_url: webhookUrl }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }).catch(() => null);
      if (response?.status === 202) {
        const { id } = (await response.json()) as { id: string };
        if (acceptedId === null) {
          acceptedId = id;
          this.accepted.push({ id, key, follower: new SseFollower(id, baseUrls, token, this.stopper.signal, index + tries) });
          continue;
        }
        if (id !== acceptedId) this.keyConflicts.push(key);
        return;
      }
      if (response !== null && response.status < 500 && response.status !== 429) {
        throw new Error(`submission ${key} refused with ${response.status}: ${await response.text()}`);
      }
      await response?.body?.cancel();
      if (acceptedId === null) this.submitRetries += 1;
      await new Promise((resolve) => setTimeout(resolve, tries < 4 ? RETRY_DELAY_MS : RETRY_DELAY_MS * 4));
    }
  }
}
