import { z } from 'zod';
import { CodedError, FAILURES_LIMIT_MAX, kindSchema, type FailurePage, type FailuresPayload } from '@jetjobs/contracts';
import type { RegistryClient } from '../registry/registry-client';

/** More than this in one request is refused: redrive in slices (by kind, project or time). */
export const BULK_REDRIVE_MAX = 1_000;

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/**
 * `POST /v1/admin/redrive`: every failed job matching the filter. `dry_run` only counts. A real
 * run needs a reason and `confirm` typed as `redrive <n>`, n being the count now: if more jobs
 * failed since the dry run, the operator confirms a number that is no longer true and is refused.
 */
export const bulkRedriveBodySchema = z.strictObject({
  filter: z.strictObject({
    kind: kindSchema.optional(),
    project: z.string().min(1).max(200).optional(),
    error_code: z.string().min(1).max(200).optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
  }),
  reason: z.string().trim().max(500).optional(),
  dry_run: z.boolean().optional(),
  confirm: z.string().max(100).optional(),
});
export type BulkRedriveBody = z.infer<typeof bulkRedriveBodySchema>;

/** The ids of every failed job matching the filter, newest failure first, at most the cap plus one. */
export async function matchingFailures(registry: RegistryClient, filter: BulkRedriveBody['filter']): Promise<string[]> {
  const ids: string[] = [];
  const base: Omit<FailuresPayload, 'cursor'> = {
    kind: filter.kind ?? null,
    projectId: filter.project ?? null,
    reason: filter.error_code ?? null,
    since: filter.since ?? null,
    until: filter.until ?? null,
    limit: FAILURES_LIMIT_MAX,
  };
  let cursor: string | null = null;
  do {
    const page: FailurePage = await registry.send('failures', { ...base, cursor });
    ids.push(...page.items.map((job) => job.id));
    cursor = page.nextCursor;
  } while (cursor !== null && ids.length <= BULK_REDRIVE_MAX);
  return ids;
}

/** Checks what a real (not dry) run needs before any job is touched. */
export function checkConfirmation(body: BulkRedriveBody, count: number): string {
  if (count > BULK_REDRIVE_MAX) {
    throw new CodedError('validation_failed', `More than ${BULK_REDRIVE_MAX} jobs match: narrow the filter`);
  }
  const reason = body.reason ?? '';
  if (reason === '') throw new CodedError('validation_failed', 'reason: is required: say why the jobs are run again');
  if (body.confirm !== `redrive ${count}`) {
    throw new CodedError('conflict', `confirm must be "redrive ${count}": ${count} failed jobs match the filter now`);
  }
  return reason;
}
