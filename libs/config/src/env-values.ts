import { z } from 'zod';

/**
 * An optional variable set to the empty string counts as unset: env files and compose files
 * write `NAME=` to leave a value out, and that must not read as a malformed value.
 */
export const blankAsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema);

/** A whole number between `min` and `max` (inclusive), `fallback` when unset. */
export const count = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/**
 * A switch, `fallback` when unset: exactly `true` or `false`. Anything else is refused at start-up
 * rather than guessed at, since some switches widen access (JWT_JWKS_ALLOW_ADMIN) and a "yes" or
 * a typo must never quietly mean one or the other.
 */
export const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'])
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/** An optional http(s) URL of a remote service; blank is unset. */
export const httpUrl = () => blankAsUnset(z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional());
