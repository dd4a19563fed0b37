import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Every job folder starts with this, then the kind and the owning process id. */
const TEMP_PREFIX = 'jetjobs-';

/** Where job folders go: `JETJOBS_TMP_DIR`, else the system's temp directory. */
export function tempRoot(): string {
  return process.env['JETJOBS_TMP_DIR'] ?? tmpdir();
}

/**
 * Runs `work` with a fresh temporary directory that is removed when it ends, however it ends
 * (success, failure, cancellation): a job leaves no files behind. The name carries the process
 * id, so a folder left by a process that was killed (out of memory, SIGKILL) can be told from
 * one still in use and swept by `sweepStaleTempDirs`.
 */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tempRoot(), `${TEMP_PREFIX}${prefix}-${process.pid}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Removes job folders whose owning process is gone, or that are older than `maxAgeMs` whoever
 * owns them (a pid may be reused, or belong to another container sharing the folder). Called when
 * a worker starts, so a worker killed mid-job does not leave its downloads on disk for good.
 * Returns the folders removed.
 */
export async function sweepStaleTempDirs(maxAgeMs: number, root = tempRoot(), now = Date.now()): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(TEMP_PREFIX)) continue;
    const dir = join(root, entry.name);
    const pid = ownerPid(entry.name);
    const info = await stat(dir).catch(() => null);
    if (info === null) continue;
    const old = now - info.mtimeMs > maxAgeMs;
    if (old || (pid !== null && pid !== process.pid && !isAlive(pid))) {
      await rm(dir, { recursive: true, force: true });
      removed.push(dir);
    }
  }
  return removed;
}

/** `jetjobs-<kind>-<pid>-<random>`; null for folders named before the pid was part of the name. */
function ownerPid(name: string): number | null {
  const match = /-(\d+)-[^-]+$/.exec(name);
  return match ? Number(match[1]) : null;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
