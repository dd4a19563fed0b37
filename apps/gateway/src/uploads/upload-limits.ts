import { CodedError } from '@jetjobs/contracts';

/** Room for the multipart boundaries, part headers and small text fields around the file. */
export const FORM_OVERHEAD_BYTES = 1024 * 1024;

/** Bounds on everything in a form except the file itself (busboy `limits`). */
export const FORM_LIMITS = {
  fieldNameSize: 100,
  fieldSize: 64 * 1024,
  fields: 20,
  // Two, so that a second file is seen and refused rather than silently dropped.
  files: 2,
  parts: 30,
  headerPairs: 20,
} as const;

export function tooLarge(maxBytes: number): CodedError {
  return new CodedError('payload_too_large', `The file is larger than the limit of ${formatSize(maxBytes)}: send a smaller video`);
}

/** "100 MiB", "2 GiB", "512 KiB" or "700 bytes": the limit as a person reads it. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} bytes`;
}
