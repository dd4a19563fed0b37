import { SetMetadata } from '@nestjs/common';
import type { Scope } from '@jetjobs/auth';

export const REQUIRED_SCOPES = 'jetjobs:required-scopes';
export const QUERY_TOKEN_ALLOWED = 'jetjobs:query-token-allowed';

/** What `@AllowQueryToken` records about an event-stream route. */
export interface StreamRoute {
  /** The route parameter holding the job id; undefined: the first of `id`, `job_id`, `request_id`. */
  readonly jobIdParam?: string;
}

/** The scopes a route needs, all of them; `admin` stands for every scope. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/**
 * Marks a job's event stream. It also accepts the token as `?access_token=` (browsers'
 * EventSource cannot send headers), and it is the only kind of route where a job-scoped stream
 * token works: for the job named by the route parameter `jobIdParam`. Only for streaming routes,
 * since query strings end up in access logs.
 */
export const AllowQueryToken = (jobIdParam?: string) => SetMetadata<string, StreamRoute>(QUERY_TOKEN_ALLOWED, { jobIdParam });
