import { readdirSync, readFileSync } from 'node:fs';

/**
 * Command lines of the running processes that mention `text` (Linux /proc): how a test proves
 * that nothing it started in a folder of its own is still running.
 */
export function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      } catch {
        return ''; // gone meanwhile
      }
    })
    .filter((cmdline) => cmdline.includes(text));
}
