import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonNestingDepth } from '@jetjobs/contracts';

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
