import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ClipperConfig } from './clipper-config';

/**
 * The programs the configured pipeline runs, checked at start-up so a worker missing one says so
 * at once instead of failing every job. yt-dlp is optional: only YouTube URLs need it.
 */
export async function missingTools(config: ClipperConfig, path = process.env['PATH'] ?? ''): Promise<string[]> {
  const needed = ['ffmpeg', 'ffprobe', ...(config.STT_BACKEND === 'pocketsphinx' ? ['pocketsphinx_continuous'] : [])];
  const found = await Promise.all(needed.map((tool) => isExecutable(tool, path)));
  return needed.filter((_tool, i) => !found[i]);
}

export async function isExecutable(tool: string, path = process.env['PATH'] ?? ''): Promise<boolean> {
  const candidates = isAbsolute(tool) ? [tool] : path.split(delimiter).filter(Boolean).map((dir) => join(dir, tool));
  for (const candidate of candidates) {
    if (await access(candidate, constants.X_OK).then(() => true, () => false)) return true;
  }
  return false;
}
