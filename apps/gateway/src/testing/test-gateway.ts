import type { INestApplication } from '@nestjs/common';
import { signStreamToken, signToken } from '@jetjobs/auth';
import { openTestEventStore, testNatsUrl, type TestEventStore } from '@jetjobs/testing';
import { loadGatewayConfig, type GatewayConfig } from '../config/gateway-config';
import { createGatewayApp } from '../gateway-app';

export const TEST_SECRET = 'gateway-test-secret-that-is-long-enough-for-hs256';

export interface TestGateway {
  readonly app: INestApplication;
  readonly config: GatewayConfig;
  readonly url: string;
  /** The namespace's event store, on its own connection, for appending events like a worker. */
  readonly events: TestEventStore;
  /** A valid token for a project with the given scopes. */
  token(scopes: string[], projectId?: string): string;
  /** A stream token for one job, the only token `?access_token=` accepts. */
  streamToken(jobId: string, projectId?: string): string;
  /** `fetch` against the gateway with an optional bearer token. */
  request(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** Closes the gateway, then deletes the namespace's streams. */
  close(): Promise<void>;
}

/** A gateway on a random port, in a fresh namespace on the real NATS server. */
export async function startTestGateway(label: string, env: Record<string, string> = {}): Promise<TestGateway> {
  const events = await openTestEventStore(label);
  const config = loadGatewayConfig({
    NATS_URL: testNatsUrl(),
    JETJOBS_NAMESPACE: events.names.namespace,
    JWT_SECRET: TEST_SECRET,
    JETJOBS_REGISTRY_TIMEOUT_MS: '2000',
    ...env,
  });
  const app = await createGatewayApp(config, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    config,
    url,
    events,
    token: (scopes, projectId = 'project-a') => signToken({ secret: TEST_SECRET, projectId, scopes, ttlSeconds: 300 }),
    streamToken: (jobId, projectId = 'project-a') => signStreamToken({ secret: TEST_SECRET, projectId, subject: projectId, jobId, ttlSeconds: 300 }),
    request: (path, { token, ...init } = {}) => {
      const headers = new Headers(init.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      return fetch(`${url}${path}`, { ...init, headers });
    },
    close: async () => {
      await app.close();
      await events.dispose();
    },
  };
}

/** POST with a JSON body. */
export function jsonPost(body: unknown, token?: string, headers: Record<string, string> = {}): RequestInit & { token?: string } {
  return { method: 'POST', body: JSON.stringify(body), token, headers: { 'content-type': 'application/json', ...headers } };
}

/** The `{error: {code, message}}` body of a failed request, with its status. */
export async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}
