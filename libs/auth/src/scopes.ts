/** Every permission a token or API key can carry; each route asks for one of them. */
export const SCOPES = [
  'avf:infer',
  'clips:process',
  'moderate:video',
  'async:write',
  'job:read',
  'job:write',
  'admin',
  // Operators who look but do not act: every project's jobs, failures and operations, read-only.
  'admin:read',
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * What a tenant's credential gets unless it names more: every scope but the operator ones
 * (`admin`, `admin:read`), which read every project and so are granted only when asked for by name.
 */
export const CLIENT_SCOPES: readonly Scope[] = SCOPES.filter((scope) => scope !== 'admin' && scope !== 'admin:read');

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
