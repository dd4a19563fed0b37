import { BUILTIN_KINDS, CodedError, type Actor, type JobView } from '@jetjobs/contracts';
import type { RegistryClient } from '../../registry/registry-client';

/** A moderation job of the caller's project; any other job is as unknown here as a missing one. */
export async function findModerationJob(registry: RegistryClient, actor: Actor, jobId: string): Promise<JobView> {
  const job = await registry.send('job', { actor, jobId });
  if (job.kind !== BUILTIN_KINDS.moderation) throw new CodedError('job_not_found', `No job with id ${jobId}`);
  return job;
}
