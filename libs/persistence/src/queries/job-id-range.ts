/**
 * The job ids that start with `prefix`, as an inclusive range of UUIDs. PostgreSQL orders UUIDs
 * byte by byte, which is the order of their hex digits, so a prefix search becomes a range scan
 * on the primary key instead of a `LIKE` over every id cast to text.
 */
export function jobIdRange(prefix: string): { low: string; high: string } {
  const hex = prefix.toLowerCase().replace(/-/g, '').slice(0, 32);
  return { low: asUuid(hex.padEnd(32, '0')), high: asUuid(hex.padEnd(32, 'f')) };
}

function asUuid(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
