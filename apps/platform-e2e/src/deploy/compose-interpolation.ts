/**
 * Docker Compose's variable interpolation, enough to check the compose file without Docker:
 * `$VAR`, `${VAR}`, `${VAR:-default}` / `${VAR-default}` and `${VAR:?error}` / `${VAR?error}`,
 * with `$$` for a literal `$`. A missing required variable throws with the file's own message.
 */
const PATTERN = /\$\$|\$\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g;

export type Variables = Readonly<Record<string, string | undefined>>;

export function interpolate(text: string, variables: Variables): string {
  return text.replace(PATTERN, (match, braced?: string, colon?: string, operator?: string, argument = '', bare?: string) => {
    if (match === '$$') return '$';
    const name = braced ?? bare ?? '';
    const value = variables[name];
    const absent = value === undefined || (colon === ':' && value === '');
    if (operator === '-' && absent) return argument;
    if (operator === '?' && absent) throw new Error(`${name}: ${argument}`);
    return value ?? '';
  });
}

/** Every variable named in a required form, `${VAR:?…}` or `${VAR?…}`. */
export function requiredVariables(text: string): string[] {
  return [...text.matchAll(PATTERN)].flatMap((match) => (match[3] === '?' && match[1] ? [match[1]] : []));
}

/** Interpolates every string inside a parsed YAML value. */
export function interpolateAll<T>(value: T, variables: Variables): T {
  if (typeof value === 'string') return interpolate(value, variables) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateAll(item, variables)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateAll(item, variables)])) as T;
  }
  return value;
}

/** A `.env` file's variables (KEY=value lines; comments and blank lines skipped). */
export function parseEnvFile(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}
