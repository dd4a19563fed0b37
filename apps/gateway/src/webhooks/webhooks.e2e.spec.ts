import { createHmac, randomUUID } from 'node:crypto';
import { eventually } from '@jetjobs/testing';
import type { JobEventBody } from '@jetjobs/contracts';
import type { JobJson } from '@jetjobs/dialects';
import { RegistryClient } from '../registry/registry-client';
import { errorOf, jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { WebhookReceiver, type ReceivedWebhook } from '../testing/webhook-receiver';
import { startRestartableRegistry, type RestartableRegistry } from '../testing/webhook-registry';
import { appendToJob, completed, started } from '../testing/worker-events';
import type { WebhookAttemptJson } from './webhook-delivery-json';

/** A receiver's check, written from the Standard Webhooks spec rather than from our signer. */
function signatureIsValid(secret: string, hook: ReceivedWebhook): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signed = `${hook.headers['webhook-id']}.${hook.headers['webhook-timestamp']}.${hook.body}`;
  return hook.headers['webhook-signature'] === `v1,${createHmac('sha256', key).update(signed).digest('base64')}`;
}

describe('signed webhooks end to end', () => {
  let gw: TestGateway;
  let registry: RestartableRegistry;
  let receiver: WebhookReceiver;
  let secret: string;
  let token: string;

  beforeAll(async () => {
    gw = await startTestGateway('gwhooks', { JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1', JETJOBS_SOURCE_URL_ALLOWLIST: '127.0.0.1' });
    registry = await startRestartableRegistry(gw.config.JETJOBS_NAMESPACE, {
      JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
      JETJOBS_WEBHOOK_MAX_ATTEMPTS: '3',
      // At least a second between attempts, so their unix-second timestamps differ.
      JETJOBS_WEBHOOK_BACKOFF_BASE_MS: '2000',
      JETJOBS_WEBHOOK_TIMEOUT_MS: '3000',
    });
    receiver = await WebhookReceiver.start();
    token = gw.token(['job:read', 'job:write']);
    ({ secret } = await gw.app.get(RegistryClient).send('webhook-secret', { projectId: 'project-a' }));
  }, 30_000);
  afterAll(async () => {
    await receiver?.close();
    await gw?.close();
    await registry?.close();
  });

  const submit = async (webhookUrl: string): Promise<string> => {
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: { n: 1 }, webhook_url: webhookUrl }, token));
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  };
  const complete = (id: string) => appendToJob(gw.events.store, id, [started(), completed({ frames: 3 })]);
  const deliveries = async (id: string, authToken = token): Promise<WebhookAttemptJson[]> => {
    const response = await gw.request(`/v1/jobs/${id}/webhook-deliveries`, { token: authToken });
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: WebhookAttemptJson[] }).items;
  };
  const settled = (id: string, attempts: number) =>
    eventually(async () => {
      const items = await deliveries(id);
      return items.length === attempts && items.at(-1)!.state !== 'pending' ? items : undefined;
    });

  it('POSTs a completed job, signed with the project secret, as GET /v1/jobs/:id shows it', async () => {
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const id = await submit(receiver.url('/done'));
    const [terminal] = (await complete(id)).slice(-1);
    const [hook] = await receiver.waitFor('/done', 1);

    expect(signatureIsValid(secret, hook!)).toBe(true);
    expect(hook!.headers['webhook-id']).toBe(terminal!.event.metadata.eventId);
    expect(Math.abs(Number(hook!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(hook!.headers['content-type']).toBe('application/json');
    const job = (await (await gw.request(`/v1/jobs/${id}`, { token })).json()) as JobJson;
    expect(JSON.parse(hook!.body)).toEqual(job);
    expect(job).toMatchObject({ status: 'completed', result: { frames: 3 } });

    const [attempt] = await settled(id, 1);
    expect(attempt).toMatchObject({
      webhook_id: hook!.headers['webhook-id'], attempt: 1, url: receiver.url('/done'), event_type: 'JobCompleted', event_version: 3,
      state: 'delivered', status_code: 200, error: null, next_attempt_at: null,
    });
    expect(attempt!.duration_ms).toEqual(expect.any(Number));
    expect(Date.parse(attempt!.delivered_at!)).toBeGreaterThanOrEqual(Date.parse(attempt!.attempted_at));
  });

  it('delivers for jobs submitted through the moderation API too', async () => {
    const response = await gw.request('/api/v1/moderate/video', jsonPost({ video_url: receiver.url('/video.mp4'), webhook_url: receiver.url('/moderated') }, gw.token(['moderate:video'])));
    expect(response.status).toBe(202);
    const { job_id: id } = (await response.json()) as { job_id: string };
    await complete(id);
    const [hook] = await receiver.waitFor('/moderated', 1);
    expect(signatureIsValid(secret, hook!)).toBe(true);
    // The moderation API's own status object, as GET /api/v1/job/:id answers it.
    const body = JSON.parse(hook!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ job_id: id, type: 'video', status: 'completed' });
    const status = await gw.request(`/api/v1/job/${id}`, { token: gw.token(['job:read']) });
    expect(body).toEqual(await status.json());
  });

  it('retries a failing receiver with backoff: same webhook-id, later timestamps, every attempt listed', async () => {
    receiver.script('/flaky', [500, 503]);
    const id = await submit(receiver.url('/flaky'));
    await complete(id);
    const hooks = await receiver.waitFor('/flaky', 3);

    expect(new Set(hooks.map((h) => h.headers['webhook-id'])).size).toBe(1);
    const timestamps = hooks.map((h) => Number(h.headers['webhook-timestamp']));
    expect(timestamps[1]).toBeGreaterThan(timestamps[0]!);
    expect(timestamps[2]).toBeGreaterThan(timestamps[1]!);
    expect(hooks.every((hook) => signatureIsValid(secret, hook))).toBe(true);
    expect(new Set(hooks.map((h) => h.body)).size).toBe(1);

    const attempts = await settled(id, 3);
    expect(attempts.map((a) => [a.attempt, a.state, a.status_code, a.error])).toEqual([
      [1, 'pending', 500, 'HTTP 500'],
      [2, 'pending', 503, 'HTTP 503'],
      [3, 'delivered', 200, null],
    ]);
    expect(attempts.slice(0, 2).every((a) => a.next_attempt_at !== null)).toBe(true);
    // Each attempt went out no earlier than the retry time its predecessor recorded.
    expect(Date.parse(attempts[1]!.attempted_at)).toBeGreaterThanOrEqual(Date.parse(attempts[0]!.next_attempt_at!));
    expect(Date.parse(attempts[2]!.attempted_at)).toBeGreaterThanOrEqual(Date.parse(attempts[1]!.next_attempt_at!));
  }, 30_000);

  it('gives up after the configured number of attempts', async () => {
    receiver.script('/down', [500, 500, 500, 500]);
    const id = await submit(receiver.url('/down'));
    await appendToJob(gw.events.store, id, [{ type: 'JobCancelRequested', data: { reason: 'stop' } }, { type: 'JobCancelled', data: { reason: 'stop' } }]);
    const attempts = await settled(id, 3);
    expect(attempts.map((a) => [a.event_type, a.state])).toEqual([
      ['JobCancelled', 'pending'],
      ['JobCancelled', 'pending'],
      ['JobCancelled', 'failed'],
    ]);
    expect(attempts[2]!.next_attempt_at).toBeNull();
    expect(receiver.requests('/down')).toHaveLength(3);
    expect(JSON.parse(receiver.requests('/down')[0]!.body)).toMatchObject({ id, status: 'cancelled' });
  }, 30_000);

  describe('URL safety', () => {
    let internal: WebhookReceiver;
    beforeAll(async () => {
      // Loopback, but not the allowlisted 127.0.0.1: a stand-in for an internal service.
      internal = await WebhookReceiver.start('127.0.0.2');
    });
    afterAll(() => internal.close());

    it.each([
      ['a loopback address that is not allowlisted', () => internal.url('/private'), 'loopback'],
      ['a private network address', () => 'http://10.1.2.3/hook', 'private network'],
      ['the cloud metadata address', () => 'http://169.254.169.254/latest/meta-data', 'link-local'],
      ['IPv6 loopback', () => 'http://[::1]:8080/hook', 'loopback'],
    ])('refuses %s at submission with 400', async (_case, url, words) => {
      const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {}, webhook_url: url() }, token));
      const error = await errorOf(response);
      expect(error).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(error.message).toMatch(new RegExp(`^webhook_url: .*${words}`));
    });

    it('refuses to send to an address that became private after submission, and never calls it', async () => {
      // As if the name had resolved to a public address at submission: written past the gateway.
      const jobId = randomUUID();
      const events: JobEventBody[] = [{ type: 'JobSubmitted', data: { input: {}, webhookUrl: internal.url('/private') } }, started(), completed({})];
      await gw.events.store.append({ jobId, kind: 'echo', projectId: 'project-a', expectedSeq: 0, expectedVersion: 0, events, correlationId: jobId, causationId: null });
      const [attempt] = await settled(jobId, 1);
      expect(attempt).toMatchObject({ state: 'failed', status_code: null, next_attempt_at: null });
      expect(attempt!.error).toContain('loopback');
      expect(internal.requests()).toEqual([]);
    });
  });

  describe('the deliveries list', () => {
    it('is empty for a job without a webhook and 404 for another project or an unknown job', async () => {
      const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {} }, token));
      const { id } = (await response.json()) as { id: string };
      expect(await deliveries(id)).toEqual([]);
      const foreign = await gw.request(`/v1/jobs/${id}/webhook-deliveries`, { token: gw.token(['job:read'], 'project-b') });
      expect(await errorOf(foreign)).toMatchObject({ status: 404, code: 'job_not_found' });
      const unknown = await gw.request(`/v1/jobs/${randomUUID()}/webhook-deliveries`, { token });
      expect(await errorOf(unknown)).toMatchObject({ status: 404, code: 'job_not_found' });
    });

    it('needs the job:read scope', async () => {
      const response = await gw.request(`/v1/jobs/${randomUUID()}/webhook-deliveries`, { token: gw.token(['job:write']) });
      expect(await errorOf(response)).toMatchObject({ status: 403, code: 'forbidden' });
    });
  });

  describe('across registry restarts', () => {
    it('resumes a pending retry in the next registry', async () => {
      // A retry due in 4 to 8 s: long after this registry has stopped.
      await registry.stop();
      await registry.start({ JETJOBS_WEBHOOK_BACKOFF_BASE_MS: '8000' });
      receiver.script('/restart-retry', [500]);
      const id = await submit(receiver.url('/restart-retry'));
      await complete(id);
      await receiver.waitFor('/restart-retry', 1);
      await eventually(async () => ((await deliveries(id))[0]?.next_attempt_at ? true : undefined));
      await registry.stop();
      expect(receiver.requests('/restart-retry')).toHaveLength(1);
      await registry.start();

      const hooks = await receiver.waitFor('/restart-retry', 2);
      expect(hooks[1]!.headers['webhook-id']).toBe(hooks[0]!.headers['webhook-id']);
      expect((await settled(id, 2)).map((a) => a.state)).toEqual(['pending', 'delivered']);
    }, 30_000);

    it('sends no second successful delivery when the terminal event is delivered again', async () => {
      receiver.hold('/once');
      const id = await submit(receiver.url('/once'));
      await complete(id);
      await receiver.waitFor('/once', 1);
      // The registry stops while the request is out; it finishes and records the delivery first.
      const stopping = registry.stop();
      receiver.release('/once', 200);
      await stopping;
      // Lose every acknowledgement: the next registry gets the whole stream again, this event too.
      const { jsm, names } = gw.events.store;
      await jsm.consumers.delete(names.jobsStream, names.webhookConsumer);
      await registry.start();
      const { lastSeq } = await gw.events.store.load(id);
      await eventually(async () => {
        const info = await jsm.consumers.info(names.jobsStream, names.webhookConsumer);
        return info.delivered.stream_seq >= lastSeq && info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
      });

      expect(receiver.requests('/once')).toHaveLength(1);
      expect((await deliveries(id)).map((a) => [a.attempt, a.state])).toEqual([[1, 'delivered']]);
      // Nor did any earlier job's webhook go out again.
      expect(receiver.requests('/done')).toHaveLength(1);
      expect(receiver.requests('/flaky')).toHaveLength(3);
    }, 30_000);
  });
});
