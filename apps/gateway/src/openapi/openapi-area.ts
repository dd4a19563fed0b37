/**
 * The OpenAPI description of one API area (native, AVF, clipper, moderation, async, platform):
 * its paths and the schemas only it uses. `openapi-document.ts` merges every area into the
 * document served at `/openapi.json`. The types are deliberately loose JSON shapes: the test
 * validates the merged document against the official OpenAPI 3.1 schema.
 */
export interface OpenApiArea {
  readonly tags: readonly Tag[];
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly schemas?: Readonly<Record<string, Schema>>;
  /** Requests jetjobs makes to clients (OpenAPI 3.1 `webhooks`). */
  readonly webhooks?: Readonly<Record<string, PathItem>>;
}

export interface Tag {
  readonly name: string;
  readonly description?: string;
}

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it) or a `$ref`. */
export type Schema = { readonly [keyword: string]: unknown };

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItem = { readonly [M in HttpMethod]?: Operation };

export interface Operation {
  readonly tags: readonly string[];
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  /** `[]` for a public route; the document's default is the bearer credential. */
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly required: boolean; readonly description?: string; readonly content: Content };
  readonly responses: Readonly<Record<string, Response>>;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly description?: string;
  readonly schema: Schema;
}

export interface Response {
  readonly description: string;
  readonly headers?: Readonly<Record<string, { readonly description?: string; readonly schema: Schema }>>;
  readonly content?: Content;
}

export type Content = Readonly<Record<string, { readonly schema: Schema; readonly example?: unknown }>>;

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly tags: readonly Tag[];
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly webhooks: Readonly<Record<string, PathItem>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>>; readonly securitySchemes: Readonly<Record<string, Schema>> };
}
