import type { z } from 'zod';
import { avfInputSchema, BUILTIN_KINDS, clipperInputSchema, CodedError, moderationInputSchema, type BuiltinKind } from '@jetjobs/contracts';

/** A service slug of the async API and the job kind it runs, with the input that kind takes. */
export interface AsyncService {
  readonly slug: string;
  readonly kind: BuiltinKind;
  readonly input: z.ZodType;
}

/** `/api/v1/services/<slug>`: the built-in services, `data` being the job input. */
const SERVICES: Readonly<Record<string, AsyncService>> = {
  avf: { slug: 'avf', kind: BUILTIN_KINDS.avf, input: avfInputSchema },
  moderation: { slug: 'moderation', kind: BUILTIN_KINDS.moderation, input: moderationInputSchema },
  clipper: { slug: 'clipper', kind: BUILTIN_KINDS.clipper, input: clipperInputSchema },
};

/** @throws CodedError `not_found` naming the services there are. */
export function asyncService(slug: string): AsyncService {
  const service = Object.hasOwn(SERVICES, slug) ? SERVICES[slug] : undefined;
  if (!service) throw new CodedError('not_found', `No service "${slug.slice(0, 64)}": use one of ${Object.keys(SERVICES).join(', ')}`);
  return service;
}
