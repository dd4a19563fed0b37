const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Job ids arrive from URLs; anything that is not a uuid cannot name a job, and passing it on would
 * turn a "not found" into a PostgreSQL cast error.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
