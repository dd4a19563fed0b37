import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * A bootstrap failure told in one sentence: what failed and what to do. The scripts print its
 * message alone, never a stack trace.
 */
export class SetupError extends Error {}

/**
 * Saves a failed server's output to <dataDir>/<name>-failure.log, so that the one-sentence
 * message can point at it instead of quoting it; undefined when there is nothing to save or no
 * place to save it.
 */
export function saveFailureOutput(dataDir, name, text) {
  if (!text) return undefined; // a program that could not even start said nothing
  try {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, `${name}-failure.log`);
    writeFileSync(file, `${text}\n`);
    return file;
  } catch {
    return undefined;
  }
}

/** " (its output is in <file>)", or nothing when there is no file to point at. */
export function seeOutput(file) {
  return file ? ` (its output is in ${file})` : '';
}
