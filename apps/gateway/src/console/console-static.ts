import { existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** The console's Vite build: apps/console/dist, three folders up from both src/console and dist/console. */
export const CONSOLE_DIST = resolve(__dirname, '../../../console/dist');

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

/**
 * Everything the page loads comes from this gateway (many deployments have no internet, and a
 * CDN would see who uses the console): the policy forbids any other origin.
 */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Serves the built console under /console. Hashed assets are cached for good; any other path is
 * a page of the single-page app (deep links such as /console/jobs/<id>) and gets index.html,
 * never cached, so a new build shows at once.
 */
export function serveConsole(root: string = CONSOLE_DIST) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      response.status(503).type('text/plain').send('The console is not built: run npm run build:console\n');
      return;
    }
    // originalUrl: `path` is relative to wherever the middleware was mounted.
    const pathname = request.originalUrl.split('?')[0] ?? '';
    const relative = decodeURIComponent(pathname.replace(/^\/console\/?/, ''));
    const file = resolve(root, relative);
    const inside = file.startsWith(root + sep);
    const asset = inside && relative.startsWith('assets/') && existsSync(file) && statSync(file).isFile();
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    if (asset) {
      response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      response.type(TYPES[extname(file)] ?? 'application/octet-stream').sendFile(file);
      return;
    }
    if (relative.startsWith('assets/')) {
      response.status(404).type('text/plain').send('Not found\n');
      return;
    }
    response.setHeader('Cache-Control', 'no-cache');
    response.type(TYPES['.html'] ?? 'text/html').sendFile(index);
  };
}
