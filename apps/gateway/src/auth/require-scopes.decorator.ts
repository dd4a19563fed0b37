import { SetMetadata } from '@nestjs/common';
import type { Scope } from '@jetjobs/auth';

export const REQUIRED_SCOPES = 'jetjobs:required-scopes';
export const QUERY_TOKEN_ALLOWED = 'jetjobs:query-token-allowed';

/** The scopes a route needs, all of them; `admin` stands for every scope. */
export const RequireScopes = (...scopes: Scope[]) => SetMetadata(REQUIRED_SCOPES, scopes);

/**
 * Also accept the token as `?access_token=`: browsers' EventSource cannot send headers. Only for
 * streaming routes, since query strings end up in access logs.
 */
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN_ALLOWED, true);
