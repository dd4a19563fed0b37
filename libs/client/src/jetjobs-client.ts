import { AdminApi } from './admin-api';
import { HttpTransport, type TransportOptions } from './http-transport';
import { JobsApi } from './jobs-api';
import { UploadsApi } from './uploads-api';
import { WebhooksApi } from './webhook-verifier';

/** Options of `new JetJobs(...)`: the gateway, a token or API key, and the retry policy. */
export type JetJobsOptions = TransportOptions;

/**
 * The jetjobs client: `jobs` (submit, follow, wait, get, list, cancel, retry), `uploads` (a
 * video and its job in one request), `webhooks` (signature verification) and `admin` (operators).
 *
 * ```ts
 * const jj = new JetJobs({ baseUrl: 'http://127.0.0.1:8080', token });
 * const job = await jj.jobs.submit({ kind: 'echo', input: { message: 'hi' } });
 * const done = await jj.jobs.wait(job.id);
 * ```
 */
export class JetJobs {
  readonly jobs: JobsApi;
  readonly uploads: UploadsApi;
  readonly webhooks: WebhooksApi;
  /** Operator routes (`/v1/admin`); the credential needs the `admin` scope. */
  readonly admin: AdminApi;
  /** The gateway's URL, without a trailing slash. */
  readonly baseUrl: string;

  constructor(options: JetJobsOptions) {
    const transport = new HttpTransport(options);
    this.baseUrl = transport.baseUrl;
    this.jobs = new JobsApi(transport);
    this.uploads = new UploadsApi(transport, this.jobs);
    this.webhooks = new WebhooksApi();
    this.admin = new AdminApi(transport);
  }
}
