/** Lower case without surrounding punctuation ("Hello," → "hello", "3.5%" → "3.5"); '' if nothing is left. */
export function normaliseWord(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}
