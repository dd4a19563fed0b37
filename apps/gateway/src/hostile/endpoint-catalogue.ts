/** One operation of the gateway as its OpenAPI document describes it. */
export interface Endpoint {
  readonly method: string;
  /** `/v1/jobs/{id}` */
  readonly template: string;
  /** The media types of its request body (empty when it takes none). */
  readonly bodyTypes: readonly string[];
}

interface OpenApiLike {
  readonly paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Every operation in the served `/openapi.json`, so that a route added there is fuzzed too. */
export function endpointsOf(document: OpenApiLike): Endpoint[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        template,
        bodyTypes: Object.keys(operation.requestBody?.content ?? {}),
      })),
  );
}

/** The names of a template's path parameters, in order. */
export function parametersOf(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] ?? '');
}

/** The template with each parameter replaced by its raw (already encoded) value. */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? 'x');
}

/** `METHOD /template`, for messages. */
export function describeEndpoint(endpoint: Endpoint): string {
  return `${endpoint.method} ${endpoint.template}`;
}
