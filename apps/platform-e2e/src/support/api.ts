import type { TestPlatform } from './platform';

export interface JobJson {
  readonly id: string;
  readonly status: string;
  readonly attempt: number;
  readonly progress: number;
  readonly result: unknown;
  readonly error: { code: string; message: string } | null;
  readonly logs: { line: string }[];
  readonly version: number;
}

/** Submits a scripted job through the native API and returns its id. */
export async function submitJob(platform: TestPlatform, input: unknown, options: { token?: string; idempotencyKey?: string } = {}): Promise<string> {
  const headers: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
  const response = await platform.request('/v1/jobs', { method: 'POST', body: JSON.stringify({ kind: 'scripted', input }), headers, token: options.token });
  const body = (await response.json()) as { id: string; status: string };
  if (response.status !== 202) throw new Error(`submit answered ${response.status}: ${JSON.stringify(body)}`);
  return body.id;
}

export async function getJob(platform: TestPlatform, id: string, token?: string): Promise<JobJson> {
  const response = await platform.request(`/v1/jobs/${id}`, { token });
  if (response.status !== 200) throw new Error(`GET job answered ${response.status}`);
  return (await response.json()) as JobJson;
}

/** Polls the job over HTTP, as a client would, recording every distinct status it sees. */
export async function pollUntil(
  platform: TestPlatform,
  id: string,
  done: (job: JobJson) => boolean | Promise<boolean>,
  timeoutMs = 20_000,
): Promise<{ job: JobJson; statuses: string[] }> {
  const statuses: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const job = await getJob(platform, id);
    if (statuses.at(-1) !== job.status) statuses.push(job.status);
    if (await done(job)) return { job, statuses };
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${id} did not reach the expected state; statuses seen: ${statuses.join(' → ')}`);
}
