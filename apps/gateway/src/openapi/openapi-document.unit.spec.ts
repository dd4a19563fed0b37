import { buildOpenApiDocument } from './openapi-document';
import type { OpenApiArea, Operation } from './openapi-area';

const operation = (operationId: string): Operation => ({ tags: ['t'], operationId, summary: operationId, responses: { 200: { description: 'ok' } } });
const area = (overrides: Partial<OpenApiArea>): OpenApiArea => ({ tags: [{ name: 't' }], paths: {}, ...overrides });

describe('buildOpenApiDocument', () => {
  it('merges the methods of one path described by two areas, and their schemas', () => {
    const document = buildOpenApiDocument([
      area({ paths: { '/x': { get: operation('getX') } }, schemas: { A: { type: 'string' } } }),
      area({ paths: { '/x': { post: operation('postX') } }, schemas: { A: { type: 'string' }, B: { type: 'integer' } } }),
    ]);
    expect(Object.keys(document.paths['/x']!)).toEqual(['get', 'post']);
    expect(document.components.schemas).toMatchObject({ A: { type: 'string' }, B: { type: 'integer' }, Error: expect.any(Object) });
    expect(document.openapi).toBe('3.1.0');
  });

  it('refuses a route described twice and a schema defined two ways', () => {
    expect(() => buildOpenApiDocument([area({ paths: { '/x': { get: operation('a') } } }), area({ paths: { '/x': { get: operation('b') } } })])).toThrow(
      'GET /x is described twice',
    );
    expect(() => buildOpenApiDocument([area({ schemas: { A: { type: 'string' } } }), area({ schemas: { A: { type: 'number' } } })])).toThrow(
      'schema A is defined differently',
    );
  });

  it('describes every area the gateway serves by default', () => {
    const tags = buildOpenApiDocument().tags.map((tag) => tag.name);
    expect(tags).toEqual(expect.arrayContaining(['Jobs (native)', 'Webhooks', 'AVF (forgery detection)', 'Clipper (viral clips)', 'Moderation (video)', 'Async requests']));
  });
});
