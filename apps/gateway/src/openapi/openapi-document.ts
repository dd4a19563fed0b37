import { commonSchemas, securitySchemes } from './common.openapi';
import { adminOpenApi } from './admin.openapi';
import { asyncOpenApi } from './async.openapi';
import { consoleOpenApi } from './console.openapi';
import { avfOpenApi } from './avf.openapi';
import { clipperOpenApi } from './clipper.openapi';
import { moderationOpenApi } from './moderation.openapi';
import { nativeOpenApi } from './native.openapi';
import type { OpenApiArea, OpenApiDocument, PathItem, Schema } from './openapi-area';
import { platformOpenApi } from './platform.openapi';
import { webhooksOpenApi } from './webhooks.openapi';

/** Every area of the gateway's API; a new area (or route) is described in its file and added here. */
export const OPENAPI_AREAS: readonly OpenApiArea[] = [
  nativeOpenApi,
  webhooksOpenApi,
  avfOpenApi,
  clipperOpenApi,
  moderationOpenApi,
  asyncOpenApi,
  adminOpenApi,
  consoleOpenApi,
  platformOpenApi,
];

const DESCRIPTION = `One job model behind five APIs: the native \`/v1\` API and four wire-compatible dialects.

Authenticate with \`Authorization: Bearer <token>\`: a JWT or an API key (\`jetjobs token\`, \`jetjobs api-key create\`).
A job is visible to its own project only; another project's job answers 404. Event streams also accept \`?access_token=\`.`;

/**
 * The merged OpenAPI 3.1 document. Areas may share a schema only if they define it identically;
 * a path and method described twice is a mistake, so both are refused at start-up.
 */
export function buildOpenApiDocument(areas: readonly OpenApiArea[] = OPENAPI_AREAS): OpenApiDocument {
  const paths: Record<string, PathItem> = {};
  const schemas: Record<string, Schema> = { ...commonSchemas };
  const webhooks: Record<string, PathItem> = {};
  for (const area of areas) {
    for (const [path, item] of Object.entries(area.paths)) paths[path] = mergePathItem(path, paths[path], item);
    for (const [name, schema] of Object.entries(area.schemas ?? {})) schemas[name] = sameOrNew(`schema ${name}`, schemas[name], schema);
    for (const [name, item] of Object.entries(area.webhooks ?? {})) webhooks[name] = sameOrNew(`webhook ${name}`, webhooks[name], item);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'jetjobs API', version: '0.1.0', description: DESCRIPTION },
    tags: areas.flatMap((area) => area.tags),
    security: [{ bearerAuth: [] }],
    paths,
    webhooks,
    components: { schemas, securitySchemes },
  };
}

function mergePathItem(path: string, existing: PathItem | undefined, item: PathItem): PathItem {
  if (existing === undefined) return item;
  const clash = Object.keys(item).find((method) => method in existing);
  if (clash !== undefined) throw new Error(`OpenAPI: ${clash.toUpperCase()} ${path} is described twice`);
  return { ...existing, ...item };
}

function sameOrNew<T>(what: string, existing: T | undefined, next: T): T {
  if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(next)) throw new Error(`OpenAPI: ${what} is defined differently by two areas`);
  return next;
}
