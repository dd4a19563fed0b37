import { errors } from '@nats-io/transport-node';
import { JetStreamApiError } from '@nats-io/jetstream';
import { rootLogger } from '@jetjobs/telemetry';

/** JetStream's "system temporarily unavailable" (no meta leader, e.g. while a cluster elects one). */
const JETSTREAM_UNAVAILABLE = 10008;
const MAX_DELAY_MS = 10_000;

/**
 * Whether a failed NATS call may succeed if tried again once the broker is back: a request that
 * timed out or found no responder (the server, JetStream or a stream leader away), a server not
 * listening yet, or JetStream saying it is temporarily unavailable. Refusals that stay true (bad
 * credentials, TLS, a permission, a server without JetStream) are not.
 */
export function isTransientBrokerError(error: unknown): boolean {
  if (error instanceof errors.TimeoutError || error instanceof errors.NoRespondersError) return true;
  if (error instanceof errors.RequestError) return error.isNoResponders() || error.cause instanceof errors.TimeoutError;
  if (isNotListening(error)) return true;
  return error instanceof JetStreamApiError && error.code === JETSTREAM_UNAVAILABLE;
}

/**
 * Runs a start-up step until it succeeds or fails for a reason that waiting cannot fix. A service
 * that starts while NATS, JetStream or a stream's leader is away waits for it (backing off to 10 s
 * between tries, saying so through `onRetry`) instead of exiting: a broker outage never stops one.
 */
export async function untilBrokerAnswers<T>(
  what: string,
  step: () => Promise<T>,
  onRetry: RetryReporter = logRetry,
  retryWhen: (error: unknown) => boolean = isTransientBrokerError,
): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (!retryWhen(error)) throw error;
      const delayMs = Math.min(MAX_DELAY_MS, 250 * 2 ** attempt);
      onRetry(what, error, delayMs);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

export type RetryReporter = (what: string, error: unknown, delayMs: number) => void;

function logRetry(what: string, error: unknown, delayMs: number): void {
  const reason = error instanceof Error ? error.message : String(error);
  rootLogger().warn({ retry_in_ms: delayMs }, `${what}: NATS did not answer (${reason}); trying again`);
}

/**
 * Nothing listens at the address yet (a server starting or restarting). A first connection waits
 * only for this: a handshake that fails or times out (TLS, credentials) is an error to report.
 */
export function isNotListening(error: unknown): boolean {
  return error instanceof errors.ConnectionError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ECONNREFUSED';
}
