import { PermanentError, RetryableError } from '@jetjobs/worker-runtime';
import { decodeInferOutput, HEADER_LENGTH, type EncodedRequest } from './oip-codec';
import { modelMetadataSchema, type ModelMetadata } from './model-contract';
import { withRetries, TransientError } from './retry';

export interface OipClientSettings {
  /** Base URL of the server, e.g. `http://avf-model.models.svc:8080`. */
  readonly url: string;
  readonly model: string;
  readonly version: string | null;
  /** Sent as `Authorization: Bearer …` when set. */
  readonly token: string | null;
  /** Per request. */
  readonly timeoutMs: number;
  /** Extra tries of a transient failure within one job attempt. */
  readonly retries: number;
  readonly retryBaseDelayMs: number;
}

/** Answers that may succeed when asked again: timeouts, throttling, an overloaded or restarting server. */
const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/**
 * A client for the Open Inference Protocol (KServe v2 REST, as Triton and KServe serve it): health,
 * model readiness and metadata, and inference. Each request has a timeout; transient failures are
 * retried with backoff and then surface as a `RetryableError` (the platform retries the job
 * later); a refusal of the request itself is a `PermanentError`.
 */
export class OipClient {
  private readonly modelPath: string;

  constructor(private readonly settings: OipClientSettings) {
    const model = `/v2/models/${encodeURIComponent(settings.model)}`;
    this.modelPath = settings.version === null ? model : `${model}/versions/${encodeURIComponent(settings.version)}`;
  }

  get modelName(): string {
    return this.settings.model;
  }

  get modelVersion(): string | null {
    return this.settings.version;
  }

  /** Server live and the model loaded; the reason when not. */
  async readiness(signal?: AbortSignal): Promise<{ ready: true } | { ready: false; reason: string }> {
    for (const path of ['/v2/health/ready', `${this.modelPath}/ready`]) {
      try {
        const response = await this.request('GET', path, undefined, signal);
        await response.arrayBuffer();
        if (response.status !== 200) return { ready: false, reason: `GET ${path} answered HTTP ${response.status}` };
      } catch (error) {
        return { ready: false, reason: `GET ${path} failed: ${messageOf(error)}` };
      }
    }
    return { ready: true };
  }

  async metadata(signal?: AbortSignal): Promise<ModelMetadata> {
    const response = await this.request('GET', this.modelPath, undefined, signal);
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${this.modelPath} answered HTTP ${response.status}: ${text.slice(0, 200)}`);
    const parsed = modelMetadataSchema.safeParse(safeJson(text));
    if (!parsed.success) throw new Error(`GET ${this.modelPath} did not return model metadata: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /** Runs one inference and returns the values of `output`. */
  infer(request: EncodedRequest, output: string, signal: AbortSignal): Promise<number[]> {
    const path = `${this.modelPath}/infer`;
    return withRetries(async () => {
      let response: Response;
      try {
        response = await this.request('POST', path, request, signal);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        const why = messageOf(error);
        throw new TransientError(`POST ${this.where(path)} failed: ${why}`, why === 'timed out' ? why : 'no connection');
      }
      const body = Buffer.from(await response.arrayBuffer());
      // The client reads the status; the server's address and its answer (which may echo
      // internal names or stack traces) are the error's cause, logged with the job id.
      const answer = () => new Error(`POST ${this.where(path)} answered HTTP ${response.status}: ${errorText(body)}`);
      if (TRANSIENT_STATUS.has(response.status)) throw new TransientError(answer().message, `HTTP ${response.status}`);
      if (response.status !== 200) throw new PermanentError(`The model server refused the request (HTTP ${response.status})`, 'inference_rejected', { cause: answer() });
      try {
        return decodeInferOutput(body, response.headers.get(HEADER_LENGTH), output);
      } catch (error) {
        throw new PermanentError('The model server sent an unusable response', 'inference_bad_response', { cause: error });
      }
    }, { retries: this.settings.retries, baseDelayMs: this.settings.retryBaseDelayMs, signal }).catch((error: unknown) => {
      // Not "will be retried": on the last attempt the same message ends the job.
      if (error instanceof TransientError) throw new RetryableError(`The model server is unavailable (${error.summary}); a later attempt may succeed`, 'inference_unavailable', { cause: error });
      throw error;
    });
  }

  /** Host and path, for the service log only. */
  private where(path: string): string {
    return new URL(path, this.settings.url).toString();
  }

  private request(method: 'GET' | 'POST', path: string, payload: EncodedRequest | undefined, signal: AbortSignal | undefined): Promise<Response> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const headers: Record<string, string> = { ...payload?.headers };
    if (this.settings.token !== null) headers['authorization'] = `Bearer ${this.settings.token}`;
    return fetch(new URL(path, this.settings.url), {
      method,
      headers,
      body: payload?.body,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  }
}

/** The server's own error text (`{"error": "…"}` in the protocol), else the body's start. */
function errorText(body: Buffer): string {
  const text = body.toString('utf8');
  const parsed = safeJson(text) as { error?: unknown } | null;
  return typeof parsed?.error === 'string' ? parsed.error : text.slice(0, 200) || '(empty body)';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Duck-typed: fetch's errors may be DOMExceptions from another realm (e.g. under Jest). */
function messageOf(error: unknown): string {
  const { name, message, cause } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown } };
  if (name === 'TimeoutError') return 'timed out';
  if (typeof cause?.message === 'string') return `${String(message)} (${cause.message})`;
  return typeof message === 'string' ? message : String(error);
}
