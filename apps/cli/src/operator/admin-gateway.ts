import { SCOPES } from '@jetjobs/auth';
import { JetJobsError, type AdminEvent, type AdminEventsQuery, type JetJobs } from '@jetjobs/client';
import type { JobEvent } from '@jetjobs/contracts';
import type { EventQuery } from '@jetjobs/event-store';
import type { CommandIo } from '../command';
import { clientFor } from '../client/client-settings';

/**
 * Operator commands switch to the gateway's admin API when told where it is: a flag, or
 * JETJOBS_GATEWAY in the environment (a context only when named, so that a current context set
 * up for client commands does not move the direct-mode tools away from NATS).
 */
export function overGateway(values: { gateway?: string; context?: string }, env: NodeJS.ProcessEnv = {}): boolean {
  return values.gateway !== undefined || values.context !== undefined || Boolean(env['JETJOBS_GATEWAY'] || env['JETJOBS_GATEWAY_URL']);
}

export const OVER_GATEWAY_HELP = `Over the gateway (no NATS access needed): --gateway <url>, --context <name> or JETJOBS_GATEWAY, with
--token <jwt> | --api-key <key> (or JETJOBS_TOKEN / JETJOBS_API_KEY, or the context's) holding
the admin scope; locally a development token with admin is signed.`;

/** A client for the admin API; the local development token it may sign carries `admin`. */
export function adminClient(name: string, values: Parameters<typeof clientFor>[1], io: CommandIo): JetJobs {
  return clientFor(name, values, io, SCOPES);
}

/** The direct-mode query as the admin API's filters. */
export function toAdminQuery(query: EventQuery): AdminEventsQuery {
  return {
    fromSeq: query.fromSeq,
    toSeq: query.toSeq,
    since: query.since,
    until: query.until,
    job: query.jobId,
    kind: query.kind,
    project: query.projectId,
    types: query.types,
  };
}

/** An admin event back in the contracts' shape, so both modes print through one formatter. */
export function toJobEvent(event: AdminEvent): JobEvent {
  const data = Object.fromEntries(Object.entries(event.data).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));
  return {
    type: event.type,
    data,
    metadata: {
      eventId: event.event_id, jobId: event.job_id, kind: event.kind, projectId: event.project_id, version: event.version,
      occurredAt: event.occurred_at, correlationId: event.correlation_id, causationId: event.causation_id, schemaVersion: 1,
      ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    },
  } as JobEvent;
}

/** Every stored event of one job, oldest first, page by page. */
export async function jobEventsOverGateway(jj: JetJobs, jobId: string): Promise<{ seq: number; event: JobEvent }[]> {
  const events: { seq: number; event: JobEvent }[] = [];
  for (let fromSeq: number | undefined; ; ) {
    const page = await jj.admin.events({ job: jobId, fromSeq, limit: 1_000 });
    events.push(...page.items.map((item) => ({ seq: item.seq, event: toJobEvent(item) })));
    if (page.next_from_seq === null || page.items.length === 0) return events;
    fromSeq = page.next_from_seq;
  }
}

/** The API's refusal as the one line the CLI prints. */
export function gatewayFailure(error: unknown): unknown {
  if (error instanceof JetJobsError && error.status === 0) return new Error(`Cannot reach the gateway: ${error.message}`);
  if (error instanceof JetJobsError) return new Error(`The gateway refused (${error.status} ${error.code}): ${error.message}`);
  return error;
}
