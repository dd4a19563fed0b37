import type { Principal } from '../auth/authenticated-request';

/** What the console shows a caller: operators (`admin`, `admin:read`) see every project. */
export interface ConsoleRole {
  readonly operator: boolean;
  /** May cancel, retry and redrive: `admin` for any project, a tenant with `job:write` for its own. */
  readonly canAct: boolean;
}

export function consoleRole(principal: Principal): ConsoleRole {
  const admin = principal.scopes.has('admin');
  const operator = admin || principal.scopes.has('admin:read');
  return { operator, canAct: admin || (!operator && principal.scopes.has('job:write')) };
}
