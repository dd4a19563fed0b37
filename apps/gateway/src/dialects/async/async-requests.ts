import { z } from 'zod';

/**
 * `POST {base}/async`: `data` is required (any JSON, null included); `method` and `path` say how
 * the original would call the service, `POST /` when left out. Which pairs a service serves is
 * its own (`asyncRoute`).
 */
export const asyncRequestBodySchema = z.object({
  data: z.unknown().refine((value) => value !== undefined, { message: 'is required' }),
  method: z.string({ error: 'must be a string' }).optional(),
  path: z.string({ error: 'must be a string' }).optional(),
});
