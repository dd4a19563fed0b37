import { PermanentError, RetryableError } from '@jetjobs/worker-runtime';

// Not "will be retried": on the last attempt the same message ends the job.
const RETRIED = '; a later attempt may succeed';

/** An OpenAI-compatible service: base URL up to and including `/v1`, optional key. */
export interface RemoteEndpoint {
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly model: string;
  readonly timeoutMs: number;
}

/**
 * POSTs to `<baseUrl><path>` and returns the parsed JSON body. The endpoints are operator
 * configuration (hosted or self-hosted), not user input, so plain fetch is right here.
 * Unreachable, timed out, 429 and 5xx are worth another attempt; other refusals are not.
 */
export async function postJson(endpoint: RemoteEndpoint, path: string, body: FormData | object, signal: AbortSignal, service: string): Promise<unknown> {
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}${path}`;
  const headers: Record<string, string> = {};
  if (endpoint.apiKey) headers['authorization'] = `Bearer ${endpoint.apiKey}`;
  if (!(body instanceof FormData)) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: body instanceof FormData ? body : JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(endpoint.timeoutMs)]),
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const why = describe(error);
    const cause = new Error(`${new URL(url).host} could not be reached: ${why}`);
    const summary = why === 'timed out' ? `gave no answer within ${endpoint.timeoutMs} ms` : 'could not be reached';
    throw new RetryableError(`The ${service} ${summary}${RETRIED}`, 'model_unavailable', { cause });
  }
  const text = await response.text();
  // The client reads the status; the host and the body (which may echo keys, internal names or
  // stack traces) are the cause, logged with the job id.
  const answer = () => new Error(`${new URL(url).host} answered ${response.status}: ${text.slice(0, 300)}`);
  if (response.status === 429 || response.status >= 500) {
    throw new RetryableError(`The ${service} answered ${response.status}${RETRIED}`, 'model_unavailable', { cause: answer() });
  }
  if (!response.ok) throw new PermanentError(`The ${service} refused the request (${response.status})`, 'model_refused', { cause: answer() });
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RetryableError(`The ${service} answered with something that is not JSON${RETRIED}`, 'model_bad_response', { cause: answer() });
  }
}

function describe(error: unknown): string {
  const reason = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (reason.name === 'TimeoutError') return 'timed out';
  return reason.cause?.code ?? reason.cause?.message ?? reason.message ?? String(error);
}
