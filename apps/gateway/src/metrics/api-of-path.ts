/** The public API a request path belongs to: a label of submissions and SSE connections. */
export type ApiName = 'native' | 'admin' | 'async' | 'avf' | 'clipper' | 'moderation' | 'platform';

// Most specific first: the moderation API lives under /api/v1, the clipper API under /api.
const PREFIXES: readonly (readonly [string, ApiName])[] = [
  ['/v1/admin', 'admin'],
  ['/v1/', 'native'],
  ['/api/v1/services/', 'async'],
  ['/api-gateway/avf', 'avf'],
  ['/api/v1/', 'moderation'],
  ['/api/', 'clipper'],
];

export function apiOfPath(path: string): ApiName {
  for (const [prefix, api] of PREFIXES) if (path.startsWith(prefix)) return api;
  return 'platform';
}
