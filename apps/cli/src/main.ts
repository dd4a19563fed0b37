#!/usr/bin/env node
import type { Command, CommandIo } from './command';
import { COMMANDS } from './commands';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage-error';

const HELP = `Usage: jetjobs <command> [options]
       (from the repository: npm run -s cli -- <command> [options])

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(15)} ${c.summary}`).join('\n')}

Run "jetjobs <command> --help" for a command's options.`;

/** Finds the command named by the first argument and runs it; returns the exit code. */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  if (name === undefined) throw new UsageError('jetjobs: missing command (see: jetjobs --help)');
  const command: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const what = name.startsWith('-') ? 'option' : 'command';
    throw new UsageError(`jetjobs: unknown ${what} "${name}" (see: jetjobs --help)`);
  }
  return command.run(rest, io);
}

async function main(): Promise<void> {
  const io: CommandIo = { env: process.env, cwd: process.cwd(), stdout: (text) => process.stdout.write(text) };
  try {
    process.exitCode = await runCli(process.argv.slice(2), io);
  } catch (error) {
    // Usage mistakes and expected failures are one line; a stack trace would only hide the reason.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    process.exitCode = error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
  }
}

if (require.main === module) void main();
