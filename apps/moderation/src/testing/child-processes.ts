import { readdir, readFile } from 'node:fs/promises';

/**
 * Live child processes of this process with the given command name (and, if given, an argument
 * containing `argument`), read from /proc (Linux): how a test sees that ffmpeg is running, and that
 * it is gone after a cancel.
 */
export async function childProcesses(command: string, argument?: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // `pid (comm) state ppid …`; comm may contain spaces, so split after its closing parenthesis.
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (comm !== command || Number(ppid) !== process.pid || state === 'Z') continue;
    const cmdline = argument === undefined ? '' : await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (argument === undefined || cmdline.includes(argument)) found.push(Number(entry));
  }
  return found;
}
