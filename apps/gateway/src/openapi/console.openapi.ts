import { jobIdParameter, jsonContent, jsonResponse, nativeAuthErrors, nativeError, sseResponse } from './common.openapi';
import type { OpenApiArea, Operation } from './openapi-area';

const TAG = 'Console';
const object = { type: 'object' } as const;
const query = (name: string, description: string) => ({ name, in: 'query' as const, description, schema: { type: 'string' } });
const SEARCH = [
  query('q', 'A job-id prefix, a JSON object the input contains, or `result:` and a JSON object the result contains.'),
  query('kind', 'Job kind.'),
  query('status', 'Comma-separated statuses.'),
  query('error_code', "The job's error code."),
  query('since', 'Created at or after (ISO 8601).'),
  query('until', 'Created before (ISO 8601).'),
  query('project', 'Operators only: one project.'),
  query('limit', '1 to 200 (default 50).'),
  query('cursor', '`next_cursor` of the previous page.'),
];

const read = (operationId: string, summary: string, description: string, extra: Partial<Operation> = {}): Operation => ({
  tags: [TAG],
  operationId,
  summary,
  description,
  responses: { 200: jsonResponse('OK', object), 400: nativeError('Invalid parameters', ['validation_failed']), ...nativeAuthErrors },
  ...extra,
});

/** The console's routes (docs/console.md): reads for tenants and operators, and operator actions. */
export const consoleOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'What the web console at `/console` uses. A tenant sees its own project; `admin:read` sees all; `admin` also acts.' }],
  paths: {
    '/v1/console/me': { get: read('consoleMe', 'Who the credential is', 'Project, subject, scopes, operator or not, and the namespace.') },
    '/v1/console/jobs': { get: read('consoleJobs', 'List and search jobs', 'Newest first, from the projection. A tenant: its own project.', { parameters: SEARCH }) },
    '/v1/console/jobs/{id}': {
      get: read('consoleJob', 'A job and its timeline', 'Every event with the gap since the previous one and the state after it.', { parameters: [jobIdParameter] }),
    },
    '/v1/console/feed-token': {
      post: read('consoleFeedToken', 'A token for the live feed', 'Short-lived and read-only, bound to the project (operators: every project).'),
    },
    '/v1/console/feed': {
      get: {
        tags: [TAG],
        operationId: 'consoleFeed',
        summary: 'Live job changes (SSE)',
        description: 'Authorised by `access_token` (a feed token) only. Unnamed `data:` events carry each change; `event: reset` asks the client to reload.',
        security: [],
        parameters: [query('access_token', 'A feed token.'), query('job', 'Follow one job only.')],
        responses: { 200: sseResponse('Job changes', 'data: {"job_id":"…","type":"JobStarted","status":"processing"}\n\n'), 401: nativeError('Invalid or expired feed token', ['unauthorized']) },
      },
    },
    '/v1/admin/jobs': { get: read('adminJobs', "Every project's jobs", 'The console search across projects. `admin:read`.', { parameters: SEARCH }) },
    '/v1/admin/failures': {
      get: read('adminFailures', 'Failed jobs, newest failure first', 'Every field of each job (`project_id`, `attempt_failed`, `webhook_url`, `cancel_reason` besides the job object); `next_cursor` for the next page. `admin:read`.', {
        parameters: [
          query('kind', 'Job kind.'), query('project', 'One project.'), query('error_code', 'The error code the job failed with.'),
          query('since', 'Failed at or after.'), query('until', 'Failed before.'), query('limit', 'At most this many (1 to 500, default 50).'), query('cursor', 'The previous page\'s next_cursor.'),
        ],
      }),
    },
    '/v1/admin/failure-groups': {
      get: read('adminFailureGroups', 'Failures by kind and error code', '`admin:read`.', { parameters: [query('project', 'One project.'), query('kind', 'Job kind.'), query('since', 'Failed at or after.')] }),
    },
    '/v1/admin/redrive': {
      post: read('adminBulkRedrive', 'Redrive every failed job matching a filter', '`dry_run: true` counts. Otherwise `reason` and `confirm: "redrive <n>"` (n: the count now) are required; 409 when n is no longer true. `admin`.', {
        requestBody: { required: true, content: jsonContent(object) },
        responses: { 200: jsonResponse('OK', object), 400: nativeError('Invalid body', ['validation_failed']), 409: nativeError('The confirmation no longer matches', ['conflict']), ...nativeAuthErrors },
      }),
    },
    '/v1/admin/operations': { get: read('adminOperations', 'Streams, consumers, lag and projection', '`admin:read`.') },
  },
};
