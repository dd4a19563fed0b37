// JSON.stringify writes U+0000 and unpaired surrogates as \u escapes (paired ones stay literal,
// a literal backslash becomes "\\"). jsonb refuses both escapes, so one such string in a client's
// input would fail every retry of its batch and stall the projection behind it.
const REFUSED_BY_JSONB = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;

/**
 * Serialises a value for a jsonb parameter, with the characters jsonb cannot store replaced by
 * U+FFFD. The replacement is deterministic, so a rebuild from the stream writes the same rows.
 */
export function toPgJson(value: unknown): string {
  return JSON.stringify(value).replace(REFUSED_BY_JSONB, '$1\\ufffd');
}
