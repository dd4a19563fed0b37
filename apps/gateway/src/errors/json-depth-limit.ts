import type { IncomingMessage, ServerResponse } from 'node:http';

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

/** body-parser's error for a body nested too deeply: a 400 its `type` names for the exception filter. */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

/**
 * A body-parser `verify` hook refusing JSON nested deeper than `maxDepth` before it is parsed.
 * Everything accepted ends up in PostgreSQL `jsonb`, whose parser gives up at about 12,000
 * levels (its stack depth limit): an event that cannot be stored would stall the projector for
 * every job behind it. The bound is far below that, and below what any real input needs.
 */
export function refuseDeepJson(maxDepth: number): (request: IncomingMessage, response: ServerResponse, body: Buffer) => void {
  return (_request, _response, body) => {
    if (jsonNestingDepth(body, maxDepth) > maxDepth) {
      throw new JsonTooDeepError(`The JSON body is nested more than ${maxDepth} levels deep: flatten it to at most ${maxDepth} levels of arrays and objects`);
    }
  };
}
