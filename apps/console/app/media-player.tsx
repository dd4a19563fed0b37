import { useEffect, useState } from 'react';
import { api, mediaUrl } from './api';

/**
 * A clip or an evidence frame of a job. A tenant's player streams it (seeking by range requests)
 * with the job's short-lived stream token, the only credential a media URL may carry; an
 * operator's credential never goes in a URL, so the file comes through a header into a blob.
 */
export function MediaPlayer({ jobId, path, operator }: { jobId: string; path: string; operator: boolean }) {
  const [src, setSrc] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let revoke: string | null = null;
    const load = async () => {
      if (operator) {
        revoke = await mediaUrl(path);
        return revoke;
      }
      const { token } = await api<{ token: string }>(`/v1/jobs/${jobId}/stream-token`, { method: 'POST' });
      return `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
    };
    load().then(setSrc, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      if (revoke !== null) URL.revokeObjectURL(revoke);
    };
  }, [jobId, path, operator]);
  if (problem !== null) return <p className="error">{problem}</p>;
  if (src === null) return <p>Loading media…</p>;
  return /\.(png|jpe?g|webp)(\?|$)/i.test(path) ? (
    <img src={src} alt={`evidence ${path.split('/').pop() ?? ''}`} className="thumb" />
  ) : (
    <video src={src} controls preload="metadata" className="clip" data-testid="clip-player" aria-label={`clip ${path.split('/').pop() ?? ''}`} />
  );
}

/** Every media path a result or output names (`/videos/<job>/<file>`), for the players. */
export function mediaPaths(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    const match = /\/videos\/[0-9a-f-]{36}\/[^\s"?#]+/i.exec(value);
    if (match !== null && !found.includes(match[0])) found.push(match[0]);
  } else if (Array.isArray(value)) {
    for (const item of value) mediaPaths(item, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) mediaPaths(item, found);
  }
  return found;
}
