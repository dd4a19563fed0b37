import { BUILTIN_KINDS, CodedError, type Actor, type JobView } from '@jetjobs/contracts';
import type { JobViews } from '../../live-events/job-views';

/** A moderation job of the caller's project; any other job is as unknown here as a missing one. */
export async function findModerationJob(views: JobViews, actor: Actor, jobId: string): Promise<JobView> {
  const job = await views.get(actor, jobId);
  if (job.kind !== BUILTIN_KINDS.moderation) throw new CodedError('job_not_found', `No job with id ${jobId}`);
  return job;
}
