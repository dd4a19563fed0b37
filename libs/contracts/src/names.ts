/**
 * Every NATS name jetjobs uses, built from one namespace so that tenants and test runs can share a
 * server without colliding. Stream and consumer names may not contain dots, so the namespace is
 * restricted to letters, digits, `_` and `-`.
 */
export const NAMESPACE_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;

/** Kinds become subject tokens, so they are lowercase words joined by `-`. */
export const KIND_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;

export interface Names {
  readonly namespace: string;
  /** Stream holding every job event, one subject per job. */
  readonly jobsStream: string;
  readonly workStream: string;
  readonly advisoryStream: string;
  readonly jobsWildcard: string;
  readonly workWildcard: string;
  readonly mediaBucket: string;
  readonly idempotencyBucket: string;
  /** Short ids of the async API (`POST /api/v1/services/:slug/async`) mapped to job ids. */
  readonly asyncAliasBucket: string;
  /** Bytes of uploads each project stores, for its quota (`MediaUsage`). */
  readonly mediaUsageBucket: string;
  readonly dispatcherConsumer: string;
  readonly projectorConsumer: string;
  readonly deadLetterConsumer: string;
  /** Delivers signed webhooks for jobs that reach a terminal state. */
  readonly webhookConsumer: string;
  /** Deletes a job's upload once the job has ended. */
  readonly uploadReaperConsumer: string;
  readonly registryQueueGroup: string;
  jobSubject(kind: string, jobId: string): string;
  /** Matches one job's subject without knowing its kind. */
  jobSubjectAnyKind(jobId: string): string;
  /** Matches the subjects of every job of one kind. */
  jobSubjectsOfKind(kind: string): string;
  workSubject(kind: string): string;
  workConsumer(kind: string): string;
  maxDeliveriesAdvisory(): string;
  command(name: CommandName): string;
  query(name: QueryName): string;
}

export const COMMAND_NAMES = ['submit', 'cancel', 'retry', 'api-key-create', 'api-key-revoke', 'redrive'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];
export const QUERY_NAMES = ['job', 'jobs', 'events', 'health', 'webhook-deliveries', 'webhook-secret', 'api-keys', 'api-key-verify', 'failures', 'console-jobs', 'failure-groups', 'projection-status'] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

export function assertNamespace(namespace: string): void {
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(
      `Invalid namespace "${namespace}": use a letter followed by up to 47 letters, digits, "_" or "-"`,
    );
  }
}

export function assertKind(kind: string): void {
  if (!KIND_PATTERN.test(kind)) {
    throw new Error(`Invalid kind "${kind}": use lowercase letters, digits and "-", starting with a letter`);
  }
}

/** Builds every subject, stream, consumer and bucket name for a namespace. */
export function names(namespace: string): Names {
  assertNamespace(namespace);
  const ns = namespace;
  const upper = namespace.toUpperCase().replace(/-/g, '_');
  return {
    namespace,
    jobsStream: `${upper}_JOBS`,
    workStream: `${upper}_WORK`,
    advisoryStream: `${upper}_ADVISORIES`,
    jobsWildcard: `${ns}.jobs.>`,
    workWildcard: `${ns}.work.>`,
    mediaBucket: `${ns}_media`,
    idempotencyBucket: `${ns}_idempotency`,
    asyncAliasBucket: `${ns}_async_alias`,
    mediaUsageBucket: `${ns}_media_usage`,
    dispatcherConsumer: 'dispatcher',
    projectorConsumer: 'projector',
    deadLetterConsumer: 'dead-letters',
    webhookConsumer: 'webhooks',
    uploadReaperConsumer: 'upload-reaper',
    registryQueueGroup: `${ns}-job-registry`,
    jobSubject: (kind, jobId) => {
      assertKind(kind);
      return `${ns}.jobs.${kind}.${jobId}`;
    },
    jobSubjectAnyKind: (jobId) => `${ns}.jobs.*.${jobId}`,
    jobSubjectsOfKind: (kind) => {
      assertKind(kind);
      return `${ns}.jobs.${kind}.*`;
    },
    workSubject: (kind) => {
      assertKind(kind);
      return `${ns}.work.${kind}`;
    },
    workConsumer: (kind) => {
      assertKind(kind);
      return `work-${kind}`;
    },
    maxDeliveriesAdvisory: () => `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${upper}_WORK.*`,
    command: (name) => `${ns}.cmd.${name}`,
    query: (name) => `${ns}.q.${name}`,
  };
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Job ids are UUIDs; anything else cannot name a job (and must never reach a subject). */
export function isJobId(value: string): boolean {
  return UUID_PATTERN.test(value);
}
