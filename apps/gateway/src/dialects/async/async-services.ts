import type { z } from 'zod';
import { avfInputSchema, BUILTIN_KINDS, clipperInputSchema, CodedError, moderationInputSchema, type BuiltinKind } from '@jetjobs/contracts';
import { clipperServiceBody, moderationServiceBody, type ServiceBodyReader } from './async-service-bodies';

/** One `method path` pair a service answers, and what `data` may be there. */
export interface AsyncRoute {
  readonly path: string;
  /** `data` may be the kind's job input (`{"source": …}`). */
  readonly jobInput: boolean;
  /** `data` may be the body of the service's own public submit route. */
  readonly serviceBody: boolean;
}

/** A service slug of the async API and the job kind it runs, with what it takes. */
export interface AsyncService {
  readonly slug: string;
  readonly kind: BuiltinKind;
  readonly input: z.ZodType;
  readonly routes: readonly AsyncRoute[];
  /** Reads the service's own request body; present when a route takes it. */
  readonly serviceBody?: ServiceBodyReader;
  /** Why a route of the service's own API is not served, for the refusal. */
  readonly unserved?: string;
}

/**
 * `/api/v1/services/<slug>`. `POST /` is each service's main submit route: it takes the job
 * input and, where the service has a JSON submit body, that body too (told apart by `source`).
 * The service's own submit path takes its own body only. AVF's submit is a multipart upload,
 * which a JSON `data` cannot carry, so AVF takes the job input only.
 */
const SERVICES: Readonly<Record<string, AsyncService>> = {
  avf: {
    slug: 'avf',
    kind: BUILTIN_KINDS.avf,
    input: avfInputSchema,
    routes: [{ path: '/', jobInput: true, serviceBody: false }],
    unserved: 'POST /api-gateway/avf/infer takes a multipart file upload, which a JSON body cannot carry: send {"source": {"url": "<public http(s) URL>"}} to POST /',
  },
  moderation: {
    slug: 'moderation',
    kind: BUILTIN_KINDS.moderation,
    input: moderationInputSchema,
    routes: [
      { path: '/', jobInput: true, serviceBody: true },
      { path: '/api/v1/moderate/video', jobInput: false, serviceBody: true },
    ],
    serviceBody: moderationServiceBody,
  },
  clipper: {
    slug: 'clipper',
    kind: BUILTIN_KINDS.clipper,
    input: clipperInputSchema,
    routes: [
      { path: '/', jobInput: true, serviceBody: true },
      { path: '/api/process', jobInput: false, serviceBody: true },
    ],
    serviceBody: clipperServiceBody,
  },
};

/** @throws CodedError `not_found` naming the services there are. */
export function asyncService(slug: string): AsyncService {
  const service = Object.hasOwn(SERVICES, slug) ? SERVICES[slug] : undefined;
  if (!service) throw new CodedError('not_found', `No service "${slug.slice(0, 64)}": use one of ${Object.keys(SERVICES).join(', ')}`);
  return service;
}

/**
 * The route a request names (`POST /` when it names none; `""` is `/`).
 * @throws CodedError `validation_failed` naming the pairs the service serves.
 */
export function asyncRoute(service: AsyncService, method = 'POST', path = '/'): AsyncRoute {
  const served = `${service.slug} serves ${service.routes.map((route) => `POST ${route.path}`).join(' and ')}`;
  const why = service.unserved === undefined ? served : `${served}; ${service.unserved}`;
  if (method.toUpperCase() !== 'POST') throw new CodedError('validation_failed', `method: must be POST (${why})`);
  const route = service.routes.find((candidate) => candidate.path === (path === '' ? '/' : path));
  if (!route) throw new CodedError('validation_failed', `path: must be ${service.routes.map((r) => `"${r.path}"`).join(' or ')} (${why})`);
  return route;
}
