import type { Request } from 'express';
import type { Actor } from '@jetjobs/contracts';

/** Who a request speaks for, as established by the AuthGuard. */
export interface Principal extends Actor {
  readonly scopes: ReadonlySet<string>;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}
