import fc from 'fast-check';

/** Field names the gateway's bodies use, plus the keys that pollute prototypes. */
const FIELD_NAMES = [
  'kind', 'input', 'webhook_url', 'reason', 'url', 'video_url', 'data', 'method', 'path', 'source', 'upload', 'object',
  'filename', 'size', 'contentType', 'aspect', 'burnCaptions', 'sequenceLength', 'message', 'status',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'admin', 'project_id',
];

/** Strings that have hurt parsers: control characters, direction overrides, lone surrogates, escapes. */
const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\r\n', '\u202Egpj.mp4', '\uFEFF', '\uD800', '\uDFFF', '𝕏', 'ﷺ', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗', '../../etc/passwd',
  '%00', '%2e%2e%2f', '{{7*7}}', '${jndi:ldap://x}', "' OR 1=1 --", '<script>alert(1)</script>', 'echo', 'clipper', 'moderation', 'avf',
  'http://127.0.0.1/', 'http://[::1]/', 'file:///etc/passwd', 'https://93.184.215.14/v.mp4', 'POST', '/', 'a'.repeat(70_000),
];

/** Number literals JSON allows but JavaScript mangles: huge, tiny, over 2^53, negative zero. */
const NUMBER_TEXTS = ['1e400', '-1e400', '1e-400', '-0', '9007199254740993', '123456789012345678901234567890', '0.1e1', '1E+2', '-1', '0', '2147483648'];

const jsonString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
).map((s) => JSON.stringify(s));

const leafText = fc.oneof(
  jsonString,
  fc.constantFrom(...NUMBER_TEXTS),
  fc.double().map((n) => JSON.stringify(n)),
  fc.integer().map(String),
  fc.constantFrom('null', 'true', 'false'),
);

const keyText = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) });

/**
 * JSON text (not values: `__proto__` keys, duplicate keys and number literals survive as written),
 * biased towards the gateway's own field names with values of every type.
 */
export const hostileJsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leafText, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
  object: fc
    .array(fc.tuple(keyText, tie('value')), { maxLength: 6 })
    .map((entries) => `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`),
})).value;

/** Bodies that are not JSON at all, or JSON nested far deeper than any client needs. */
export const brokenBodyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.integer({ min: 1, max: 100_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 1, max: 50_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  hostileJsonText.map((text) => text.slice(0, Math.max(0, text.length - 1))),
  hostileJsonText.map((text) => `\uFEFF${text}`),
  fc.constantFrom('', 'null', '"', '{"kind":', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"admin":true}}}', '[1,]', 'NaN', '{"a":1}{"b":2}'),
);

/** Content types a client might (mis)send with a JSON body. */
export const jsonishContentType = fc.constantFrom(
  'application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json; charset=utf-16', 'application/json;charset=latin1',
  'application/merge-patch+json', 'application/vnd.api+json; x="y"', 'text/plain', 'application/x-www-form-urlencoded', 'text/json', '',
  'application/json; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary=', 'application/jsonp', '*/*', 'application/json\u00e9',
);

/** Authorization values that are not a valid credential, or barely are. */
export function oddAuthorization(validToken: string): fc.Arbitrary<string> {
  const [header = '', payload = ''] = validToken.split('.');
  return fc.oneof(
    fc.constantFrom(
      'Bearer', 'Bearer ', 'Bearer  ', 'bearer x', 'BEARER x', 'Basic dXNlcjpwYXNz', 'Token x', 'Bearer a.b.c', 'Bearer ...', 'Bearer jj_', 'Bearer jj_x',
      `Bearer jj_${'a'.repeat(16)}_${'b'.repeat(43)}`, `Bearer ${'x'.repeat(8_000)}`, `Bearer ${header}.${payload}.`, `Bearer ${header}..`,
      `Bearer ${validToken} ${validToken}`, `Bearer\t${validToken}`, `Bearer ${validToken}x`, `Bearer ${validToken.toUpperCase()}`, 'Bearer \u00ff\u00fe',
      `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`, 'Negotiate YII=', 'Bearer null', 'Bearer undefined',
    ),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019._-~+/= '.split('')), maxLength: 80 }).map((s) => `Bearer ${s}`),
  );
}

/** One raw path segment: traversal, encoded separators, control bytes, very long, unicode. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '..', '.', '%2e%2e', '%2E%2E%2F', '..%2F..%2Fetc%2Fpasswd', '..%5C..%5Cwindows', '%2F', '%2f%2f', '%00', 'a%00b', '%', '%zz', '%c0%ae%c0%ae',
    '%E2%80%AE', '%F0%9F%92%A9', '%ED%A0%80', 'x'.repeat(5_000), ';', 'a;b=c', '%3B', '%3F', '%23', '~', '$', '(', '*', ':', '@', "'",
    '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', '7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11%00', 'clip_1.mp4%00.txt',
    '%0d%0aSet-Cookie:%20x=y', 'constructor', '__proto__', 'hasOwnProperty', 'null', 'undefined', 'NaN',
  ),
  fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => encodeURIComponent(s)),
  fc.string({ unit: fc.constantFrom(...'abc.%2F/\\-_09'.split('')), maxLength: 30 }),
);

/** A query string of odd parameters: repeated names, brackets, prototype keys, junk encoding. */
export const hostileQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom('status', 'limit', 'offset', 'cursor', 'kind', 'type', 'decision', 'from', 'to', 'created_from', 'follow', 'access_token', 'last_event_id', '__proto__[admin]', 'constructor[prototype][x]', 'a[]', 'job', 'project', 'since', 'from_seq'), fc.string({ maxLength: 8 }).map(encodeURIComponent)),
      fc.oneof(hostileSegment, fc.constantFrom('', '0', '-1', '1e9', '101', 'true', 'queued,processing', 'queued,,x', '2024-02-30T00:00:00Z', '9'.repeat(400))),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));
