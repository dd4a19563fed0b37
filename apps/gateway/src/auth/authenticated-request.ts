import type { Request } from 'express';
import type { Actor } from '@jetjobs/contracts';

/** Who a request speaks for, as established by the AuthGuard. */
export interface Principal extends Actor {
  readonly scopes: ReadonlySet<string>;
  /** Set for a job-scoped stream token: it may only read that job's event streams. */
  readonly jobId?: string;
  /** What proved it, for messages: a JWT or an API key. */
  readonly credential?: 'token' | 'api-key';
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
