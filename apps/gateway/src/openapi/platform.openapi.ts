import { jsonResponse, nativeError } from './common.openapi';
import type { OpenApiArea } from './openapi-area';

const TAG = 'Platform';
const ok = jsonResponse('OK', { type: 'object', required: ['status'], properties: { status: { type: 'string', const: 'ok' } } });

/** Probes and this documentation itself: no credential needed. */
export const platformOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Health probes and API documentation; no credential needed.' }],
  paths: {
    '/healthz': {
      get: { tags: [TAG], operationId: 'health', summary: 'Liveness: the process answers', security: [], responses: { 200: ok } },
    },
    '/readyz': {
      get: {
        tags: [TAG],
        operationId: 'ready',
        summary: 'Readiness: NATS and the job registry answer',
        security: [],
        responses: { 200: ok, 503: nativeError('NATS or the job registry is not reachable', ['unavailable']) },
      },
    },
    '/metrics': {
      get: {
        tags: [TAG],
        operationId: 'metrics',
        summary: 'Prometheus metrics of this gateway (text format; keep this path off the public edge)',
        security: [],
        responses: { 200: { description: 'Metrics in the Prometheus text format', content: { 'text/plain': { schema: { type: 'string' } } } } },
      },
    },
    '/openapi.json': {
      get: {
        tags: [TAG],
        operationId: 'openApiDocument',
        summary: 'This OpenAPI 3.1 document',
        security: [],
        responses: { 200: jsonResponse('The document', { type: 'object' }) },
      },
    },
    '/docs': {
      get: {
        tags: [TAG],
        operationId: 'docsPage',
        summary: 'Interactive documentation (Swagger UI, served by the gateway itself)',
        security: [],
        responses: { 200: { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
    '/docs/{asset}': {
      get: {
        tags: [TAG],
        operationId: 'docsAsset',
        summary: 'Script, style sheet or icon of the documentation page',
        security: [],
        parameters: [{ name: 'asset', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'The file' }, 404: nativeError('No such file', ['not_found']) },
      },
    },
  },
};
