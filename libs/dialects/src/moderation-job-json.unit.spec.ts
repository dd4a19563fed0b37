import { randomUUID } from 'node:crypto';
import { SCHEMA_VERSION, type JobEvent, type JobEventBody, type JobView } from '@jetjobs/contracts';
import { fold } from '@jetjobs/job-domain';
import { toModerationJobJson, toProgressJson } from './moderation-job-json';

/** A moderation job folded from the events a worker would append, ending in `last`. */
function jobEndingWith(...last: JobEventBody[]): JobView {
  const jobId = randomUUID();
  const bodies: JobEventBody[] = [{ type: 'JobSubmitted', data: { input: {}, webhookUrl: null } }, { type: 'JobStarted', data: { attempt: 1, workerId: 'w' } }, ...last];
  const events = bodies.map((body, i) => ({
    ...body,
    metadata: {
      eventId: randomUUID(),
      jobId,
      kind: 'moderation',
      projectId: 'p',
      version: i + 1,
      occurredAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString(),
      correlationId: jobId,
      causationId: null,
      schemaVersion: SCHEMA_VERSION,
    },
  })) as JobEvent[];
  return fold(events) as JobView;
}
const completedWith = (result: unknown) => toModerationJobJson(jobEndingWith({ type: 'JobCompleted', data: { attempt: 1, result } }));

describe('toModerationJobJson', () => {
  it('takes the decision and categories from the result, adding custom when the worker left it out', () => {
    expect(completedWith({ is_prohibited: true, categories: { nsfw: true, underage: false } })).toMatchObject({
      is_prohibited: true,
      categories: { nsfw: true, underage: false, custom: {} },
    });
  });

  it('derives is_prohibited from the categories when the result only states those (any true rejects)', () => {
    expect(completedWith({ categories: { nsfw: false, custom: { logo: true } } }).is_prohibited).toBe(true);
    expect(completedWith({ categories: { nsfw: false, custom: {} } }).is_prohibited).toBe(false);
  });

  it('shows no decision for a result that carries none or a malformed one', () => {
    for (const result of [null, 'ok', { is_prohibited: 'yes' }, { verdict: 'fake' }]) {
      expect(completedWith(result)).toMatchObject({ status: 'completed', is_prohibited: null, categories: { custom: {} } });
    }
  });

  it('leaves reason and error_code out of a job that has neither', () => {
    const json = completedWith({ is_prohibited: false, categories: { custom: {} } });
    expect(json).not.toHaveProperty('reason');
    expect(json).not.toHaveProperty('error_code');
  });
});

describe('toProgressJson', () => {
  it('carries detail and frames only once reported, and reads 100 for any finished job', () => {
    const running = jobEndingWith({ type: 'JobProgressed', data: { attempt: 1, progress: 33.3, detail: 'Sampling', framesCompleted: 15, frameCount: 45 } });
    expect(toProgressJson(running)).toEqual({ job_id: running.id, status: 'processing', progress: 33.3, detail: 'Sampling', frames_completed: 15, frame_count: 45 });
    const failed = jobEndingWith({ type: 'JobFailed', data: { attempt: 1, error: { code: 'x', message: 'y' } } });
    expect(toProgressJson(failed)).toEqual({ job_id: failed.id, status: 'failed', progress: 100 });
  });

  it('reads at most 99 until the job has finished, so 100 always comes with a final status', () => {
    const lastFrame = jobEndingWith({ type: 'JobProgressed', data: { attempt: 1, progress: 100, detail: null, framesCompleted: 45, frameCount: 45 } });
    expect(toProgressJson(lastFrame)).toEqual({ job_id: lastFrame.id, status: 'processing', progress: 99, frames_completed: 45, frame_count: 45 });
  });
});
