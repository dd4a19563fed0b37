import type { Command } from '../command';
import { EXIT_OK, UsageError } from '../usage-error';
import { createApiKey } from './api-key-create';
import { listApiKeys } from './api-key-list';
import { revokeApiKey } from './api-key-revoke';

const NAME = 'jetjobs api-key';

const SUBCOMMANDS = {
  create: createApiKey,
  list: listApiKeys,
  revoke: revokeApiKey,
} as const;

export const apiKeyCommand: Command = {
  name: 'api-key',
  summary: 'create, list and revoke API keys',
  help: `Usage: ${NAME} <subcommand> [options]

Subcommands:
  create --project <id> --scope "<scopes>" [--name <label>]   print a new key, once
  list --project <id> [--json]                               list a project's keys
  revoke <id>                                                 revoke a key

Run "${NAME} <subcommand> --help" for details. Talks to job-registry over NATS:
NATS_URL (default nats://127.0.0.1:4222) and JETJOBS_NAMESPACE (default jetjobs).`,

  run(args, io) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    if (sub === undefined) throw new UsageError(`${NAME}: missing subcommand: create, list or revoke (see: ${NAME} --help)`);
    if (!Object.hasOwn(SUBCOMMANDS, sub)) throw new UsageError(`${NAME}: unknown subcommand "${sub}" (see: ${NAME} --help)`);
    return SUBCOMMANDS[sub as keyof typeof SUBCOMMANDS](rest, io);
  },
};
