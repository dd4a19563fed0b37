/** Inclusive byte positions, as in `Content-Range`. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export type RangeChoice =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly range: ByteRange }
  | { readonly kind: 'unsatisfiable' };

const FULL: RangeChoice = { kind: 'full' };
const UNSATISFIABLE: RangeChoice = { kind: 'unsatisfiable' };

/**
 * What to send for a `Range` header (RFC 9110 §14). One range is served: `bytes=a-b`, `bytes=a-`
 * or `bytes=-n` (the last n bytes). A header that is malformed, in another unit or asks for several
 * ranges is ignored and the whole file sent, as the RFC allows; a well-formed range that starts
 * past the end is unsatisfiable (416).
 */
export function chooseRange(header: string | undefined, size: number): RangeChoice {
  if (header === undefined) return FULL;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return FULL;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return FULL;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return UNSATISFIABLE;
    return { kind: 'partial', range: { start: Math.max(0, size - suffix), end: size - 1 } };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return FULL;
  if (start >= size) return UNSATISFIABLE;
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', range: { start, end } };
}
