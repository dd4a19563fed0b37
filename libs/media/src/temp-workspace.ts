import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` with a fresh temporary directory that is removed when it ends, however it ends
 * (success, failure, cancellation): a job leaves no files behind.
 */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(process.env['JETJOBS_TMP_DIR'] ?? tmpdir(), `jetjobs-${prefix}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
