import type { CommandName, Names, QueryName } from '@jetjobs/contracts';

/** The NATS users of a deployment: one per service role, one per worker kind, one for operators. */
export type NatsRole = 'registry' | 'gateway' | 'operator' | `worker-${string}`;

export interface NatsPermissions {
  readonly publish: readonly string[];
  readonly subscribe: readonly string[];
  /** May answer requests it received (the registry's commands and queries). */
  readonly allowResponses: boolean;
}

/** What the gateway asks of the registry; never API-key creation, key lists or webhook secrets. */
const GATEWAY_COMMANDS: readonly CommandName[] = ['submit', 'cancel', 'retry', 'redrive'];
const GATEWAY_QUERIES: readonly QueryName[] = ['job', 'jobs', 'events', 'health', 'webhook-deliveries', 'api-key-verify', 'failures', 'console-jobs', 'failure-groups', 'projection-status'];

/** The inbox prefix a role's connections use (NATS_INBOX_PREFIX), so no other user can read its replies. */
export const inboxPrefixOf = (role: NatsRole): string => `_INBOX_${role}`;

/**
 * Least-privilege permissions per role. Workers reach their kind's work consumer, their kind's job
 * subjects, reads of the job stream and the media bucket, and nothing under `<ns>.cmd` or `<ns>.q`;
 * only job-registry and operators may create or change streams. Each role receives replies on its
 * own inbox prefix only.
 */
export function natsPermissions(names: Names, role: NatsRole): NatsPermissions {
  const inbox = `${inboxPrefixOf(role)}.>`;
  if (role === 'registry' || role === 'operator') {
    // The registry owns the namespace's streams and consumers and answers every command and query.
    const everything = ['$JS.API.>', '$JS.ACK.>', '$JS.FC.>', `${names.namespace}.>`, `$KV.${names.idempotencyBucket}.>`, `$KV.${names.asyncAliasBucket}.>`, `$O.${names.mediaBucket}.>`];
    const served = role === 'registry' ? [`${names.namespace}.cmd.>`, `${names.namespace}.q.>`] : [];
    return { publish: everything, subscribe: [inbox, ...served], allowResponses: role === 'registry' };
  }
  if (role === 'gateway') {
    return {
      publish: [
        ...GATEWAY_COMMANDS.map((name) => names.command(name)),
        ...GATEWAY_QUERIES.map((name) => names.query(name)),
        ...jetStreamBasics(),
        ...streamReader(names.jobsStream),
        ...streamReader(`OBJ_${names.mediaBucket}`),
        ...streamReader(`KV_${names.idempotencyBucket}`),
        ...streamReader(`KV_${names.asyncAliasBucket}`),
        `$O.${names.mediaBucket}.>`,
        `$KV.${names.idempotencyBucket}.>`,
        `$KV.${names.asyncAliasBucket}.>`,
        `$JS.API.STREAM.PURGE.OBJ_${names.mediaBucket}`,
        // The operators' console reads streams and consumers (backlog and lag), never changes them.
        ...[names.workStream, names.advisoryStream].flatMap((stream) => [`$JS.API.STREAM.INFO.${stream}`, `$JS.API.CONSUMER.INFO.${stream}.*`]),
        ...[names.jobsStream, names.workStream, names.advisoryStream].map((stream) => `$JS.API.CONSUMER.LIST.${stream}`),
      ],
      subscribe: [inbox],
      allowResponses: false,
    };
  }
  const kind = role.slice('worker-'.length);
  const consumer = names.workConsumer(kind);
  return {
    publish: [
      names.jobSubjectsOfKind(kind),
      ...jetStreamBasics(),
      ...streamReader(names.jobsStream),
      ...streamReader(`OBJ_${names.mediaBucket}`),
      `$O.${names.mediaBucket}.>`,
      `$JS.API.STREAM.PURGE.OBJ_${names.mediaBucket}`,
      `$JS.API.STREAM.INFO.${names.workStream}`,
      `$JS.API.CONSUMER.INFO.${names.workStream}.${consumer}`,
      `$JS.API.CONSUMER.DURABLE.CREATE.${names.workStream}.${consumer}`,
      `$JS.API.CONSUMER.CREATE.${names.workStream}.${consumer}`,
      `$JS.API.CONSUMER.CREATE.${names.workStream}.${consumer}.>`,
      `$JS.API.CONSUMER.MSG.NEXT.${names.workStream}.${consumer}`,
      `$JS.ACK.${names.workStream}.${consumer}.>`,
    ],
    subscribe: [inbox],
    allowResponses: false,
  };
}

function jetStreamBasics(): string[] {
  return ['$JS.API.INFO', '$JS.FC.>'];
}

/** Reading a stream: its info, direct and stored-message gets, and ephemeral consumers on it. */
function streamReader(stream: string): string[] {
  return [
    `$JS.API.STREAM.INFO.${stream}`,
    `$JS.API.STREAM.MSG.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}`,
    `$JS.API.DIRECT.GET.${stream}.>`,
    `$JS.API.CONSUMER.CREATE.${stream}`,
    `$JS.API.CONSUMER.CREATE.${stream}.>`,
    `$JS.API.CONSUMER.INFO.${stream}.*`,
    `$JS.API.CONSUMER.DELETE.${stream}.*`,
    `$JS.API.CONSUMER.MSG.NEXT.${stream}.*`,
    `$JS.ACK.${stream}.>`,
  ];
}
