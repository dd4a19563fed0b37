const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * The deepest nesting of arrays and objects in a JSON text, counted on its raw bytes in one pass
 * (brackets inside strings do not count). UTF-8 never puts these ASCII bytes inside a multi-byte
 * character, so the bytes need no decoding. Malformed text gets a number too; the parser refuses it.
 * With `stopAbove`, stops as soon as the depth passes it.
 */
export function jsonNestingDepth(bytes: Uint8Array, stopAbove = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > deepest) deepest = depth;
      // The caller only asks whether a bound is passed: no need to read further.
      if (deepest > stopAbove) return deepest;
    }
    else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
  }
  return deepest;
}

/**
 * The deepest nesting any stored event may have. PostgreSQL's `jsonb` parser gives up at about
 * 12,000 levels (its stack depth limit); an event it cannot store would stall the projector for
 * every job behind it, so nothing deeper than this enters the stream. It is also the highest
 * `JETJOBS_JSON_MAX_DEPTH` the gateway accepts.
 */
export const EVENT_MAX_JSON_DEPTH = 1000;
