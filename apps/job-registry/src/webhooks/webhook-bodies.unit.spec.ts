import type { JobView } from '@jetjobs/contracts';
import { webhookBodyFor, type WebhookBody } from './webhook-bodies';

const job: JobView = {
  id: '7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11', kind: 'moderation', projectId: 'p', status: 'completed', version: 3, attempt: 1,
  attemptFailed: false, input: { api: 'moderation' }, webhookUrl: 'https://hooks.example/x', progress: 100, detail: null,
  framesCompleted: 4, frameCount: 4, logs: [{ at: '2026-01-01T00:00:01.000Z', level: 'info', line: 'ok' }], outputs: [], result: { ok: true },
  error: null, cancelRequested: false, cancelReason: null, retryDueAt: null, createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:02.000Z', startedAt: '2026-01-01T00:00:01.000Z', finishedAt: '2026-01-01T00:00:02.000Z',
};

describe('webhookBodyFor', () => {
  it('is the native job JSON when no dialect claims the job, without internal fields', () => {
    const body = webhookBodyFor(job, []) as Record<string, unknown>;
    expect(body).toMatchObject({ id: job.id, kind: 'moderation', status: 'completed', frames_completed: 4, result: { ok: true }, finished_at: job.finishedAt });
    expect(Object.keys(body)).not.toEqual(expect.arrayContaining(['projectId']));
    expect(JSON.stringify(body)).not.toContain('webhook');
  });

  it("gives a moderation job the moderation API's status object", () => {
    expect(webhookBodyFor(job)).toEqual({
      job_id: job.id,
      type: 'video',
      status: 'completed',
      is_prohibited: null,
      categories: { custom: {} },
      created_at: job.createdAt,
      completed_at: job.finishedAt,
    });
    expect(webhookBodyFor({ ...job, kind: 'echo' })).toMatchObject({ id: job.id, kind: 'echo', status: 'completed' });
  });

  it("uses the first dialect that claims the job, and the native body for the rest", () => {
    const moderation: WebhookBody = { dialect: 'moderation', appliesTo: (j) => (j.input as { api?: string }).api === 'moderation', toBody: (j) => ({ job_id: j.id }) };
    const never: WebhookBody = { dialect: 'never', appliesTo: () => false, toBody: () => ({}) };
    expect(webhookBodyFor(job, [never, moderation])).toEqual({ job_id: job.id });
    expect(webhookBodyFor({ ...job, input: {} }, [never, moderation])).toMatchObject({ id: job.id, status: 'completed' });
  });
});
