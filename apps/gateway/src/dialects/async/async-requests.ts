import { z } from 'zod';

/**
 * `POST {base}/async`: `data` is required (any JSON, null included); `method` and `path` say how
 * the original would call the service. The built-in services have one operation, `POST /`.
 */
export const asyncRequestBodySchema = z.object({
  data: z.unknown().refine((value) => value !== undefined, { message: 'is required' }),
  method: z
    .string({ error: 'must be a string' })
    .optional()
    .refine((method) => method === undefined || method.toUpperCase() === 'POST', { message: 'must be POST: the built-in services take POST only' }),
  path: z
    .string({ error: 'must be a string' })
    .optional()
    .refine((path) => path === undefined || path === '' || path === '/', { message: 'must be "/": the built-in services have no other path' }),
});
