// Readers of the kernel's process and connection tables, for probe.mjs; pure, so tested alone.

const ESTABLISHED = '01';

/** Remote ports of the established connections in a /proc/net/tcp or /proc/net/tcp6 table. */
export function establishedRemotePorts(table) {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length > 3 && fields[3] === ESTABLISHED)
    .map((fields) => Number.parseInt(fields[2].split(':').pop(), 16));
}

/** The ports of `wanted` that no established connection in `tables` reaches. */
export function missingPorts(tables, wanted) {
  const connected = new Set(tables.flatMap(establishedRemotePorts));
  return wanted.filter((port) => !connected.has(port));
}

/**
 * The state letter of /proc/<pid>/stat. The command name before it is in parentheses and may
 * itself hold spaces or parentheses, so the state is found after the last ")".
 */
export function processState(stat) {
  const end = stat.lastIndexOf(')');
  return stat.slice(end + 2, end + 3);
}

/** Running, sleeping or in uninterruptible IO; not zombie (Z), stopped (T, t) or dead (X). */
export const isAlive = (state) => ['R', 'S', 'D'].includes(state);
