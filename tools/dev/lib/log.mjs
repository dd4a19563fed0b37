/** Dev-script messages, prefixed so they stand apart from the services' own output. */
export function log(message) {
  process.stdout.write(`[dev] ${message}\n`);
}

export function warn(message) {
  process.stderr.write(`[dev] warning: ${message}\n`);
}

/** Keeps the last lines of a noisy child (nats-server, PostgreSQL) to show only if it fails. */
export function tail(limit = 40) {
  const lines = [];
  return {
    push(chunk) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      lines.splice(0, Math.max(0, lines.length - limit));
    },
    text: () => lines.join('\n'),
  };
}
