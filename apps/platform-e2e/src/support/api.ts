import { JetJobs, type Job } from '@jetjobs/client';
import type { TestPlatform } from './platform';

/** A job as the native API shows it (the client's type, from the contracts). */
export type JobJson = Job;

/**
 * The platform through `@jetjobs/client`, as a user's code reaches it. A new client per call: the
 * gateway's port can change when a test restarts it.
 */
export function clientOf(platform: TestPlatform, token?: string): JetJobs {
  return new JetJobs({ baseUrl: platform.url(), token: token ?? platform.token() });
}

/** Submits a scripted job through the native API and returns its id. */
export async function submitJob(platform: TestPlatform, input: unknown, options: { token?: string; idempotencyKey?: string } = {}): Promise<string> {
  const job = await clientOf(platform, options.token).jobs.submit({ kind: 'scripted', input }, { idempotencyKey: options.idempotencyKey });
  return job.id;
}

export function getJob(platform: TestPlatform, id: string, token?: string): Promise<JobJson> {
  return clientOf(platform, token).jobs.get(id);
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
