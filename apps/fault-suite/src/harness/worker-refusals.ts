import type { Names } from '@jetjobs/contracts';
import { connectNats } from '@jetjobs/event-store';
import type { ClusterUsers } from './cluster-users';

const REQUEST_TIMEOUT_MS = 3_000;

/**
 * A worker's credentials must not read a webhook secret or create an API key, on the cluster as
 * on one server: returns what was not refused, in words (nothing when both were).
 */
export async function workerRefusals(url: string, names: Names, users: ClusterUsers, kind: string): Promise<string[]> {
  const nc = await connectNats(url, 'cluster-suite-probe', users.security(`worker-${kind}`));
  const asks = [
    { what: 'a webhook secret', subject: names.query('webhook-secret'), body: JSON.stringify({ projectId: 'faults' }) },
    { what: 'an API key', subject: names.command('api-key-create'), body: '{}' },
  ];
  try {
    const outcomes = await Promise.all(
      asks.map(({ subject, body }) => nc.request(subject, body, { timeout: REQUEST_TIMEOUT_MS }).then(() => 'answered', (error: unknown) => String(error))),
    );
    return asks.flatMap(({ what }, i) => (/permission/i.test(outcomes[i] ?? '') ? [] : [`a worker's user asked for ${what} and was not refused (${outcomes[i]})`]));
  } finally {
    await nc.close();
  }
}
