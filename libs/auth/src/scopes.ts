/** Every permission a token or API key can carry; each route asks for one of them. */
export const SCOPES = [
  'avf:infer',
  'clips:process',
  'moderate:video',
  'async:write',
  'job:read',
  'job:write',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
