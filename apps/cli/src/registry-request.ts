import { randomUUID } from 'node:crypto';
import { connect, errors, type NatsConnection } from '@nats-io/transport-node';
import { natsSecurity } from '@jetjobs/event-store';
import { COMMAND_NAMES, names, type CommandName, type QueryName, type RegistryReplies, type Reply } from '@jetjobs/contracts';

/** Where the registry listens: the same variables and defaults the services use. */
export interface RegistryTarget {
  readonly natsUrl: string;
  readonly namespace: string;
  readonly timeoutMs: number;
}

export function registryTarget(env: NodeJS.ProcessEnv): RegistryTarget {
  return {
    natsUrl: env['NATS_URL'] || 'nats://127.0.0.1:4222',
    namespace: env['JETJOBS_NAMESPACE'] || 'jetjobs',
    timeoutMs: Number(env['JETJOBS_REGISTRY_TIMEOUT_MS'] || 5_000),
  };
}

/**
 * Asks job-registry one question over NATS request/reply, framed as Nest's NATS transport
 * expects (`{pattern, data, id}` in, `{id, response}` out), and unwraps its `Reply`. Every
 * failure becomes one line that says what to check.
 */
export async function queryRegistry<K extends keyof RegistryReplies>(
  target: RegistryTarget,
  query: K,
  payload: unknown,
): Promise<RegistryReplies[K]> {
  const subject = subjectOf(target.namespace, query);
  const nc = await connectTo(target.natsUrl);
  try {
    const message = await nc
      .request(subject, JSON.stringify({ pattern: subject, data: payload, id: randomUUID() }), { timeout: target.timeoutMs })
      .catch((error: unknown) => Promise.reject(explain(error, target)));
    const packet = message.json<{ response?: Reply<RegistryReplies[K]>; err?: unknown }>();
    const reply = packet.response;
    if (reply === undefined) throw new Error(`job-registry failed to answer "${query}": ${JSON.stringify(packet.err ?? packet)}`);
    if (!reply.ok) throw new Error(`job-registry refused "${query}": ${reply.error.message} (${reply.error.code})`);
    return reply.value;
  } finally {
    await nc.close();
  }
}

/** Commands and queries live under different subject prefixes. */
function subjectOf(namespace: string, message: keyof RegistryReplies): string {
  const ns = names(namespace);
  return (COMMAND_NAMES as readonly string[]).includes(message) ? ns.command(message as CommandName) : ns.query(message as QueryName);
}

async function connectTo(url: string): Promise<NatsConnection> {
  try {
    return await connect({ servers: url.split(','), name: 'jetjobs-cli', timeout: 5_000, ...natsSecurity() });
  } catch (error) {
    throw new Error(`Cannot connect to NATS at ${url}: ${error instanceof Error ? error.message : String(error)} (set NATS_URL)`);
  }
}

function explain(error: unknown, target: RegistryTarget): Error {
  const where = `namespace "${target.namespace}" on ${target.natsUrl}`;
  const noResponders = error instanceof errors.NoRespondersError || (error instanceof errors.RequestError && error.isNoResponders());
  if (noResponders) return new Error(`No job-registry is running in ${where}: start it (npm start) or set NATS_URL / JETJOBS_NAMESPACE`);
  if (error instanceof errors.TimeoutError) return new Error(`job-registry in ${where} did not answer within ${target.timeoutMs} ms`);
  return error instanceof Error ? error : new Error(String(error));
}
