import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NATS_SECURITY_HELP, STREAM_SETTINGS_HELP } from '@jetjobs/event-store';
import { initTelemetry, TELEMETRY_HELP } from '@jetjobs/telemetry';
import { ConfigError } from '@jetjobs/config';
import { createGatewayApp } from './gateway-app';
import { loadGatewayConfig } from './config/gateway-config';

const HELP = `gateway — the HTTP edge of jetjobs: the native /v1 API, auth and Server-Sent Events

Usage: node apps/gateway/dist/main.js

Environment:
  NATS_URL                      NATS server(s), comma-separated   (nats://127.0.0.1:4222)
  JETJOBS_NAMESPACE             prefix of every stream, subject and bucket   (jetjobs)
  GATEWAY_PORT                  port to listen on   (8080)
  GATEWAY_HOST                  address to listen on   (0.0.0.0)
  JWT_SECRET                    HS256 secret, at least 32 characters   (a development secret in JETJOBS_DATA_DIR)
  JETJOBS_DATA_DIR              where the development secret is kept   (<cwd>/.data)
  JWT_JWKS_URL                  JWKS of an external issuer: RS256/ES256 tokens besides HS256   (none)
  JWT_ISSUER, JWT_AUDIENCE      required iss / aud of JWKS-verified tokens; both required with JWT_JWKS_URL   (none)
  JWT_JWKS_ALLOW_ADMIN          true: the admin scope of a JWKS token counts   (false)
  JETJOBS_API_KEY_CACHE_MS      how long a verified API key is trusted; a revocation takes up to this long   (30000)
  JETJOBS_API_KEY_REJECT_CACHE_MS  how long a refused API key is refused without asking the registry   (60000)
  JETJOBS_AUTH_FAILURE_BURST    failed authentications an address may make before 429; 0 turns the limit off   (50)
  JETJOBS_AUTH_FAILURE_RATE_PER_SECOND  failed authentications an address gets back per second   (1)
  JETJOBS_STREAM_TOKEN_TTL_S    lifetime of job-scoped ?access_token= stream tokens   (300)
  JETJOBS_SSE_KEEPALIVE_MS      keepalive comment interval on event streams   (15000)
  JETJOBS_REGISTRY_TIMEOUT_MS   how long to wait for job-registry before answering 503   (5000)
  JETJOBS_GATEWAY_JOB_CACHE     jobs whose status is kept current from live events; 0 turns it off   (10000)
  JETJOBS_BODY_LIMIT_BYTES      largest JSON request body   (1048576)
  JETJOBS_COMMAND_RATE_PER_SECOND  cancels and retries per second and project on this replica; 0 turns the limit off   (5)
  JETJOBS_COMMAND_BURST         cancels and retries a project may make at once on this replica   (50)
  JETJOBS_SSE_MAX_PER_PROJECT   event streams one project may hold open at once; more get 429   (100)
  JETJOBS_SSE_MAX_TOTAL         event streams this replica holds open at once   (5000)
  JETJOBS_SSE_MAX_LIFETIME_MS   an event stream then ends with a retry: hint; clients reconnect   (1800000)
  JETJOBS_DOWNLOADS_MAX_PER_PROJECT  /videos downloads one project may run at once; more get 429   (16)
  JETJOBS_DOWNLOADS_MAX_TOTAL   /videos downloads this replica runs at once   (256)
  JETJOBS_JSON_MAX_DEPTH        deepest nesting of arrays and objects in a JSON body; deeper is refused with 400 (2–1000)   (64)
  JETJOBS_UPLOAD_MIN_BYTES_PER_S  slowest video upload accepted; slower over a whole window is cut off with 408; 0: no minimum   (1024)
  JETJOBS_UPLOAD_RATE_WINDOW_MS   the window over which an upload's rate is measured   (30000)
  JETJOBS_PROJECT_STORAGE_BYTES   bytes of uploads a project may store at once; past it 413 quota_exceeded; 0: no quota   (21474836480)
  JETJOBS_SUBMIT_RATE_PER_SECOND  submissions per second and project on this replica; 0 turns the limit off   (50)
  JETJOBS_SUBMIT_BURST          submissions a project may make at once on this replica   (200)
  JETJOBS_EVENT_MAX_AGE_MS      how long job events are kept in the stream; 0 keeps them forever   (0)
${STREAM_SETTINGS_HELP}${NATS_SECURITY_HELP}${TELEMETRY_HELP}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(HELP);
    return;
  }
  initTelemetry('gateway');
  const config = loadGatewayConfig();
  const app = await createGatewayApp(config);
  // Only the stop signals: SIGUSR2 and the rest stay free for diagnostics (e.g. heap snapshots).
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  new Logger('Gateway').log(`Listening on ${await app.getUrl()}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
