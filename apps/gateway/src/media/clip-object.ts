/**
 * A file name as it may appear in a media URL: what workers name their outputs (letters, digits,
 * `.`, `_`, `-`), no path separators, no `..`, bounded. Anything else cannot name a stored file,
 * so it is a 404 like a missing one, and never reaches an object name.
 */
export function isMediaFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/.test(name) && !name.includes('..');
}

/** Where the clipper worker stores a job's rendered clips. */
export function clipObjectName(jobId: string, file: string): string {
  return `clips/${jobId}/${file}`;
}

/** The relative URL the clipper API gives for a clip (`/videos/<job_id>/<file>`). */
export function clipVideoUrl(jobId: string, file: string): string {
  return `/videos/${jobId}/${encodeURIComponent(file)}`;
}
