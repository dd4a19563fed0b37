/** The object named by a job input's `source.upload.object`, or null when it names none. */
export function uploadObjectOf(input: unknown): string | null {
  const source = (input as { source?: { upload?: { object?: unknown } } } | null)?.source;
  const object = typeof source === 'object' && source !== null ? source.upload?.object : undefined;
  return typeof object === 'string' && object !== '' ? object : null;
}
