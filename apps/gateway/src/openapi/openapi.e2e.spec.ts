import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestGateway, type TestGateway } from '../testing/test-gateway';
import { HTTP_METHODS, type OpenApiDocument } from './openapi-area';

interface RouteLayer {
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
}

/** Every route the running Nest app serves, as `METHOD /openapi/{style}` strings. */
function servedRoutes(gw: TestGateway): string[] {
  const express = gw.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return express.router.stack.flatMap((layer) => {
    if (!layer.route) return [];
    const path = layer.route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => `${method.toUpperCase()} ${path}`);
  });
}

function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('OpenAPI document and /docs', () => {
  let gw: TestGateway;
  let document: OpenApiDocument;

  beforeAll(async () => {
    gw = await startTestGateway('gwdocs');
    const response = await gw.request('/openapi.json');
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });
  afterAll(() => gw.close());

  it('describes every route the gateway serves, and no route it does not', () => {
    const served = servedRoutes(gw);
    expect(served.length).toBeGreaterThan(5);
    // A route added without documentation fails here: describe it in its area's *.openapi.ts.
    expect(served.filter((route) => !documentedRoutes(document).includes(route))).toEqual([]);
    expect(documentedRoutes(document).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jetjobs-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(document));
      // The validator is ESM-only, so it runs as its own process rather than inside Jest.
      const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
      const { stdout } = await promisify(execFile)(process.execPath, [cli, file]).catch((error: { stdout: string }) => error);
      expect(JSON.parse(stdout)).toEqual({ valid: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('resolves every $ref and gives every operation a unique id', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
    const ids = Object.values({ ...document.paths, ...document.webhooks }).flatMap((item) => HTTP_METHODS.flatMap((m) => item[m]?.operationId ?? []));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('serves the interactive page and its files from the gateway itself', async () => {
    const page = await gw.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/docs-init.js']));
    for (const asset of assets) {
      const response = await gw.request(asset);
      expect([asset, response.status]).toEqual([asset, 200]);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    expect(await (await gw.request('/docs/docs-init.js')).text()).toContain("url: '/openapi.json'");
  });

  it('serves nothing else from the package folder', async () => {
    for (const path of ['/docs/package.json', '/docs/index.html', '/docs/..%2Fpackage.json', '/docs/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const response = await gw.request(path);
      expect([path, response.status]).toEqual([path, 404]);
    }
  });
});
