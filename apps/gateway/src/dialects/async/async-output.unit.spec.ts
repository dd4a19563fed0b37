import type { JobView } from '@jetjobs/contracts';
import { jobOutputJson, toAsyncOutputJson } from './async-output';

const job = (overrides: Partial<JobView>): JobView => ({
  id: '7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11',
  kind: 'moderation',
  projectId: 'project-a',
  status: 'queued',
  version: 1,
  attempt: 1,
  attemptFailed: false,
  input: {},
  webhookUrl: null,
  progress: 0,
  detail: null,
  framesCompleted: null,
  frameCount: null,
  logs: [],
  outputs: [],
  result: null,
  error: null,
  cancelRequested: false,
  cancelReason: null,
  retryDueAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  startedAt: null,
  finishedAt: null,
  ...overrides,
});

describe('async output rules (async-output.txt)', () => {
  it.each([[200], [201], [204], [299]])('a %i answer is completed, with no fail_reason', (statusCode) => {
    expect(toAsyncOutputJson({ statusCode, rawOutput: '{"text": "Hello!"}' })).toEqual({
      status: 'completed',
      status_code: statusCode,
      raw_output: '{"text": "Hello!"}',
      output: { text: 'Hello!' },
    });
  });

  it.each([[199], [300], [404], [422], [500], [503]])('a %i answer is failed, with a fail_reason', (statusCode) => {
    const output = toAsyncOutputJson({ statusCode, rawOutput: '{"detail":"bad"}' });
    expect(output).toEqual({ status: 'failed', status_code: statusCode, raw_output: '{"detail":"bad"}', output: { detail: 'bad' }, fail_reason: `The service answered with status ${statusCode}` });
    expect(toAsyncOutputJson({ statusCode, rawOutput: '', failReason: 'Out of memory' }).fail_reason).toBe('Out of memory');
  });

  it('leaves output out when the body is not JSON, and keeps JSON scalars', () => {
    for (const raw of ['Hello!', '', '{"text": ', '<html></html>']) {
      const output = toAsyncOutputJson({ statusCode: 200, rawOutput: raw });
      expect(output).toEqual({ status: 'completed', status_code: 200, raw_output: raw });
      expect(output).not.toHaveProperty('output');
    }
    expect(toAsyncOutputJson({ statusCode: 200, rawOutput: 'null' })).toHaveProperty('output', null);
    expect(toAsyncOutputJson({ statusCode: 200, rawOutput: '"text"' })).toHaveProperty('output', 'text');
  });

  it('writes the fields in the documented order', () => {
    expect(Object.keys(toAsyncOutputJson({ statusCode: 500, rawOutput: '{}' }))).toEqual(['status', 'status_code', 'raw_output', 'output', 'fail_reason']);
  });
});

describe('a job as async output', () => {
  it('is pending while queued and in_progress while processing, with nothing else', () => {
    expect(jobOutputJson(job({ status: 'queued' }))).toEqual({ status: 'pending' });
    expect(jobOutputJson(job({ status: 'processing', progress: 40 }))).toEqual({ status: 'in_progress' });
  });

  it('answers a completed job with 200 and its result as the body', () => {
    const result = { is_prohibited: false, categories: { nsfw: false, custom: {} } };
    expect(jobOutputJson(job({ status: 'completed', result }))).toEqual({ status: 'completed', status_code: 200, raw_output: JSON.stringify(result), output: result });
    expect(jobOutputJson(job({ status: 'completed', result: undefined }))).toEqual({ status: 'completed', status_code: 200, raw_output: 'null', output: null });
  });

  it('answers a failed job with 500, its error as the body and its message as fail_reason', () => {
    const error = { code: 'download_failed', message: 'The video could not be downloaded' };
    expect(jobOutputJson(job({ status: 'failed', error }))).toEqual({
      status: 'failed',
      status_code: 500,
      raw_output: JSON.stringify({ error }),
      output: { error },
      fail_reason: 'The video could not be downloaded',
    });
  });

  it('shows a cancelled job as failed, saying it was cancelled and why', () => {
    const withReason = jobOutputJson(job({ status: 'cancelled', error: { code: 'cancelled', message: 'duplicate' } }));
    expect(withReason).toMatchObject({ status: 'failed', status_code: 500, fail_reason: 'The request was cancelled: duplicate' });
    const without = jobOutputJson(job({ status: 'cancelled', error: { code: 'cancelled', message: 'Cancelled on request' } }));
    expect(without).toMatchObject({ status: 'failed', fail_reason: 'The request was cancelled' });
  });
});
