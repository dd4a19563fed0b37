import fc from 'fast-check';
import { mp4Bytes, pngBytes } from '../testing/video-fixtures';

/** A hand-built multipart body, with the Content-Type that announces it. */
export interface RawForm {
  readonly contentType: string;
  readonly body: Buffer;
}

/** File names an attacker would try: traversal, control characters, quotes, direction overrides, length. */
export const HOSTILE_FILENAMES = [
  '../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', 'a\u0000.mp4', 'evil\u202Egpj.mp4', 'x".mp4', "x'.mp4", 'a\r\nX-Injected: 1.mp4',
  'a%0d%0aX-Injected:%201.mp4', `${'n'.repeat(2_000)}.mp4`, '', ' ', '.', '..', '.mp4', 'clip.mp4;.jpg', 'тест.mp4', '😀.mp4', 'CON.mp4', '\\\\server\\share.mp4',
];

const partName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('file', 'url', 'video_url', 'webhook_url', 'data') },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', '', 'file[]', 'a'.repeat(300)) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);

const fileContent = fc.oneof(
  fc.integer({ min: 0, max: 20_000 }).map((size) => Buffer.from(mp4Bytes(size))),
  fc.constant(Buffer.from(pngBytes())),
  fc.uint8Array({ maxLength: 2_000 }).map((bytes) => Buffer.from(bytes)),
);

const textValue = fc.oneof(
  fc.constantFrom('https://93.184.215.14/v.mp4', 'http://127.0.0.1/v.mp4', 'http://localhost./x', 'ftp://x/y', '', 'x'.repeat(70_000)),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);

/** The Content-Disposition filename parameter as clients write it: quoted, RFC 5987, or broken. */
const dispositionFilename = fc.oneof(
  fc.constantFrom(...HOSTILE_FILENAMES).map((name) => `; filename="${name}"`),
  fc.constantFrom(...HOSTILE_FILENAMES).map((name) => `; filename*=UTF-8''${encodeURIComponent(name)}`),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((name) => `; filename="${name}"`),
  fc.constant('; filename'),
  fc.constant(''),
);

const part = fc.oneof(
  fc.record({ name: partName, disposition: dispositionFilename, type: fc.constantFrom('video/mp4', 'application/octet-stream', 'text/plain', ''), content: fileContent }),
  fc.record({ name: partName, disposition: fc.constant(''), type: fc.constant(''), content: textValue.map((text) => Buffer.from(text)) }),
);

/** Ways a form can be broken: cut short, no final boundary, garbage before the first boundary. */
const damage = fc.constantFrom('none', 'none', 'none', 'truncate', 'no-close', 'preamble', 'wrong-boundary', 'lf-only');

/** Multipart bodies, mostly well-formed enough to reach the gateway's checks, some broken. */
export const hostileForm: fc.Arbitrary<RawForm> = fc
  .record({
    boundary: fc.oneof(fc.constantFrom('b', 'x'.repeat(70), 'with space', '----WebKitFormBoundary7MA4YWxkTrZu0gW'), fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,40}$/)),
    quoteBoundary: fc.boolean(),
    parts: fc.array(part, { maxLength: 4 }),
    damage,
    cut: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ boundary, quoteBoundary, parts, damage, cut }) => {
    const eol = damage === 'lf-only' ? '\n' : '\r\n';
    const pieces: Buffer[] = damage === 'preamble' ? [Buffer.from('garbage before the form')] : [];
    for (const p of parts) {
      const type = p.type ? `${eol}Content-Type: ${p.type}` : '';
      pieces.push(Buffer.from(`--${boundary}${eol}Content-Disposition: form-data; name="${p.name}"${p.disposition}${type}${eol}${eol}`), p.content, Buffer.from(eol));
    }
    if (damage !== 'no-close') pieces.push(Buffer.from(`--${boundary}--${eol}`));
    let body = Buffer.concat(pieces);
    if (damage === 'truncate') body = body.subarray(0, Math.floor(body.length * cut));
    const announced = damage === 'wrong-boundary' ? `${boundary}x` : boundary;
    return { contentType: `multipart/form-data; boundary=${quoteBoundary ? `"${announced}"` : announced}`, body };
  });
