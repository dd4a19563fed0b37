import 'reflect-metadata';
import { ConfigError } from '@jetjobs/config';
import { NATS_SECURITY_HELP } from '@jetjobs/event-store';
import { initTelemetry, TELEMETRY_HELP } from '@jetjobs/telemetry';
import { createRegistryApp } from './registry-app';
import { loadRegistryConfig } from './registry-config';

const HELP = `job-registry — owns job commands, dispatches work, projects events into PostgreSQL

Usage: node apps/job-registry/dist/main.js

Environment:
  NATS_URL                     NATS server(s), comma-separated   (nats://127.0.0.1:4222)
  JETJOBS_NAMESPACE            prefix of every stream, subject and bucket   (jetjobs)
  JETJOBS_EVENT_MAX_AGE_MS     how long job events are kept in the stream; 0 forever   (0)
  JETJOBS_STREAM_REPLICAS      copies of every stream and bucket: 1 on one server, 3 on a cluster   (1)
  DATABASE_URL                 PostgreSQL database; created when missing   (postgres://postgres@127.0.0.1:5432/jetjobs)
  JETJOBS_RETRY_MAX_ATTEMPTS   attempts per job before it fails   (3)
  JETJOBS_RETRY_BASE_DELAY_MS  first retry backoff, doubled per attempt, with jitter   (2000)
  JETJOBS_RETRY_MAX_DELAY_MS   backoff cap   (300000)
  JETJOBS_RETRY_POLICIES       per-kind overrides as JSON, e.g. {"clipper":{"maxAttempts":2}}
  JETJOBS_PROJECTOR_BATCH      events per projector transaction   (500)
  JETJOBS_PROJECTOR_ACK_WAIT_MS  redelivery delay for a projector batch never acked (a crashed replica)   (60000)
  JETJOBS_UNSERVED_KINDS       a job of a kind no worker runs: refuse (422 kind_not_served) or queue   (refuse)
  JETJOBS_MAX_MANUAL_RETRIES   times a client may retry one job by hand; one more gets 409 illegal_transition   (10)
  JETJOBS_MEDIA_MAX_AGE_MS     media objects expire this long after they are stored; 0 never   (2592000000)
  JETJOBS_MEDIA_MAX_BYTES      bytes the media bucket may hold (reserved on the server); 0 unbounded   (0)
  JETJOBS_EVENTS_MAX_BYTES     bytes of the job event stream (reserved on the server); 0 unbounded   (0)
  JETJOBS_WORK_MAX_MSGS        work items waiting at once   (1000000)
  JETJOBS_UPLOAD_RETENTION_MS  upload kept after its job failed or was cancelled; completed: deleted at once   (86400000)
  JETJOBS_WEBHOOK_MAX_ATTEMPTS     attempts per webhook delivery   (8)
  JETJOBS_WEBHOOK_BACKOFF_BASE_MS  first webhook retry delay, doubled per attempt, with jitter   (30000)
  JETJOBS_WEBHOOK_BACKOFF_MAX_MS   webhook retry delay cap   (3600000)
  JETJOBS_WEBHOOK_TIMEOUT_MS       time for one webhook request   (10000)
  JETJOBS_WEBHOOK_FIRST_BYTE_TIMEOUT_MS  longest silence from connecting until the response headers   (5000)
  JETJOBS_WEBHOOK_CONCURRENCY      webhook requests in flight at once   (16)
  JETJOBS_WEBHOOK_PROJECT_CONCURRENCY  of those, the most one project holds   (4)
  JETJOBS_WEBHOOK_URL_ALLOWLIST  internal hosts/CIDRs webhooks may reach, comma-separated   (none)
  JETJOBS_HTTP_PORT            port of /metrics, /healthz and /readyz (docs/observability.md)   (none: no HTTP server)
${NATS_SECURITY_HELP}${TELEMETRY_HELP}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  initTelemetry('job-registry');
  const app = await createRegistryApp({ config: loadRegistryConfig() });
  // Only the stop signals: SIGUSR2 and the rest stay free for diagnostics (e.g. heap snapshots).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
