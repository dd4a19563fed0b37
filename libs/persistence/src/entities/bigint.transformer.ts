import type { ValueTransformer } from 'typeorm';

/**
 * node-postgres returns `bigint` as a string because it may exceed 2^53. Stream sequences stay far
 * below that, so the API exposes them as numbers; anything larger is refused rather than rounded.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null): number | null => {
    if (value === null) return null;
    const parsed = Number(value);
    if (!Number.isSafeInteger(parsed)) throw new RangeError(`bigint ${value} is not a safe integer`);
    return parsed;
  },
};
