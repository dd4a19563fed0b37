import { CodedError } from '@jetjobs/contracts';
import { StorageQuotaExceededError, type MediaUsage } from '@jetjobs/event-store';
import { formatSize } from './upload-limits';

export interface UploadQuota {
  readonly usage: MediaUsage;
  readonly projectId: string;
  /** The project's quota; 0 for none (uploads are still counted, for a quota set later). */
  readonly quotaBytes: number;
  /** The most this upload can bring: the route's limit, or less when the request declares its length. */
  readonly mostBytes: number;
}

/**
 * Runs an upload inside the project's storage quota: holds `mostBytes` while the body arrives
 * (so concurrent uploads cannot together pass the quota), then counts the stored file at its real
 * size. An upload that would pass the quota is refused before its body is read.
 */
export async function withinUploadQuota<T extends { readonly file: { object: string; size: number } | null }>(quota: UploadQuota, upload: () => Promise<T>): Promise<T> {
  const reservation = quota.quotaBytes > 0 ? await reserve(quota) : null;
  try {
    const result = await upload();
    if (result.file) await quota.usage.record(quota.projectId, result.file.object, result.file.size);
    return result;
  } finally {
    if (reservation) await quota.usage.release(reservation).catch(() => undefined);
  }
}

async function reserve(quota: UploadQuota) {
  try {
    return await quota.usage.reserve(quota.projectId, quota.mostBytes, quota.quotaBytes);
  } catch (error) {
    if (!(error instanceof StorageQuotaExceededError)) throw error;
    throw new CodedError(
      'quota_exceeded',
      `This project's uploads already hold ${formatSize(error.usedBytes)} of its ${formatSize(error.quotaBytes)} storage quota, and this upload may bring up to ${formatSize(error.wantedBytes)}: retry once running jobs have finished (their uploads are deleted then), or send a smaller file`,
    );
  }
}
