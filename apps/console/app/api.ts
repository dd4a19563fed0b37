import { readCredential } from './credential';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The gateway's JSON API with the credential as a Bearer header. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const credential = readCredential();
  if (credential !== null) headers.authorization = `Bearer ${credential}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  const text = await response.text();
  const json = text === '' ? null : (JSON.parse(text) as unknown);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${response.status}`);
  }
  return json as T;
}

/** A media file fetched with the credential, as a blob URL a <video> or <img> can play. */
export async function mediaUrl(path: string): Promise<string> {
  const credential = readCredential();
  const response = await fetch(path, { headers: credential === null ? {} : { authorization: `Bearer ${credential}` } });
  if (!response.ok) throw new ApiError(response.status, 'media_unavailable', `Media answered HTTP ${response.status}`);
  return URL.createObjectURL(await response.blob());
}

export interface Me {
  readonly project_id: string;
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly operator: boolean;
  readonly can_act: boolean;
  readonly namespace: string;
}

export interface JobJson {
  readonly id: string;
  readonly kind: string;
  readonly status: string;
  readonly project_id: string;
  readonly progress?: number;
  readonly created_at: string;
  readonly updated_at?: string;
  readonly attempt?: number;
  readonly input?: unknown;
  readonly result?: unknown;
  readonly outputs?: readonly unknown[];
  readonly logs?: readonly { at: string; level: string; line: string }[];
  readonly error?: { code: string; message: string } | null;
  readonly [field: string]: unknown;
}

export interface FeedEvent {
  readonly job_id: string;
  readonly type: string;
  readonly version: number;
  readonly occurred_at: string;
  readonly data: Record<string, unknown>;
  readonly kind: string;
  readonly project_id: string;
  readonly status: string | null;
}
