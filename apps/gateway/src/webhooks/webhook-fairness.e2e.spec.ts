import { eventually } from '@jetjobs/testing';
import { jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { startRestartableRegistry, type RestartableRegistry } from '../testing/webhook-registry';
import { appendToJob, completed, started } from '../testing/worker-events';

const PROJECT_CAP = 4;

// One tenant points many webhooks at a tarpit (accepts, never answers); another tenant's webhook
// must still arrive at once, not after the tarpit's requests time out.
describe('webhook fairness between projects', () => {
  let gw: TestGateway;
  let registry: RestartableRegistry;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    gw = await startTestGateway('gwhookfair', { JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1' });
    registry = await startRestartableRegistry(gw.config.JETJOBS_NAMESPACE, {
      JETJOBS_WEBHOOK_URL_ALLOWLIST: '127.0.0.1',
      // Long enough that no tarpit request ends during the test: only fairness can let B through.
      JETJOBS_WEBHOOK_TIMEOUT_MS: '60000',
      JETJOBS_WEBHOOK_FIRST_BYTE_TIMEOUT_MS: '60000',
      JETJOBS_WEBHOOK_CONCURRENCY: '16',
      JETJOBS_WEBHOOK_PROJECT_CONCURRENCY: String(PROJECT_CAP),
    });
    receiver = await WebhookReceiver.start();
    receiver.hold('/tarpit');
  }, 30_000);
  afterAll(async () => {
    await receiver?.close();
    await registry?.close();
    await gw?.close();
  });

  const finishedJobWithWebhook = async (projectId: string, url: string): Promise<string> => {
    const token = gw.token(['job:write'], projectId);
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'echo', input: {}, webhook_url: url }, token));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as { id: string };
    await appendToJob(gw.events.store, id, [started(), completed({ ok: true })]);
    return id;
  };

  it("delivers project B's webhook while project A's hang, and A never holds more than its share", async () => {
    // More than every slot of the replica: without a per-project cap they would all be A's.
    for (let i = 0; i < 20; i += 1) await finishedJobWithWebhook('project-a', receiver.url('/tarpit'));
    await eventually(async () => (receiver.requests('/tarpit').length >= PROJECT_CAP ? true : undefined), 20_000);

    await finishedJobWithWebhook('project-b', receiver.url('/fast'));
    await receiver.waitFor('/fast', 1, 15_000);
    // B went through while every tarpit request was still open, and A stayed within its cap.
    expect(receiver.requests('/tarpit')).toHaveLength(PROJECT_CAP);
  }, 60_000);
});
