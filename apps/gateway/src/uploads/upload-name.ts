import { randomUUID } from 'node:crypto';

/** Long enough for any real file name, short enough for object names, logs and headers. */
export const MAX_FILENAME_LENGTH = 120;
const FALLBACK_NAME = 'upload';
/**
 * The most of a client's name any pattern ever sees. Runs of dots and spaces make the cleaning
 * patterns backtrack quadratically (a 16 KiB name blocked the event loop for 0.18 s), so the raw
 * name is cut with plain string operations first; anything longer would be truncated anyway.
 */
export const MAX_RAW_NAME_LENGTH = 1024;
/** Kept from the end of an overlong name, so that its extension survives the cut. */
const RAW_TAIL_LENGTH = 32;

/**
 * A client's file name made safe to store and to echo back: the last path segment only, Unicode
 * normalised, without control or invisible formatting characters (which can disguise an
 * extension), with characters that mean something to shells, URLs or object names replaced, no
 * leading dots, and at most MAX_FILENAME_LENGTH characters with the extension kept.
 */
export function sanitiseFilename(name: string | undefined): string {
  const base = cutRawName(name ?? '').normalize('NFC');
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[^\p{L}\p{N}\p{M} ._()+,=@-]/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  return truncateKeepingExtension(cleaned) || FALLBACK_NAME;
}

/**
 * `uploads/<uuid>/<name>`: the uuid keeps two uploads of the same name apart. Characters outside
 * printable ASCII are percent-encoded, because the object store encodes names with `btoa`, which
 * throws on anything beyond Latin-1 (a Cyrillic or CJK file name was a 500).
 */
export function uploadObjectName(filename: string): string {
  return `uploads/${randomUUID()}/${filename.replace(/[^\x20-\x7e]/gu, (char) => encodeURIComponent(char))}`;
}

/**
 * The last path segment of a raw name, at most MAX_RAW_NAME_LENGTH UTF-16 units: its head and its
 * last RAW_TAIL_LENGTH units (where the extension is). Linear, with no regular expression.
 */
export function cutRawName(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  if (base.length <= MAX_RAW_NAME_LENGTH) return base;
  // A surrogate pair split by either cut leaves a lone surrogate, which the cleaning replaces.
  return base.slice(0, MAX_RAW_NAME_LENGTH - RAW_TAIL_LENGTH) + base.slice(-RAW_TAIL_LENGTH);
}

function truncateKeepingExtension(name: string): string {
  const chars = [...name];
  if (chars.length <= MAX_FILENAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? [...name.slice(dot)] : [];
  const keep = extension.length > 0 && extension.length <= 16 ? extension : [];
  return (chars.slice(0, MAX_FILENAME_LENGTH - keep.length).join('') + keep.join('')).trim();
}
