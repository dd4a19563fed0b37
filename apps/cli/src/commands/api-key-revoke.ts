import type { CommandIo } from '../command';
import { parseCommandLine } from '../parse-options';
import { queryRegistry, registryTarget } from '../registry-request';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs api-key revoke';

const options = { help: { type: 'boolean', short: 'h' } } as const;

export const REVOKE_HELP = `Usage: ${NAME} <id>

Revokes an API key (its id as "api-key list" shows it). Gateways stop accepting it within their
cache period, JETJOBS_API_KEY_CACHE_MS (30 s by default). Revoking a revoked key changes nothing.

Options:
  -h, --help   show this help`;

export async function revokeApiKey(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(NAME, args, options, 1);
  if (values.help) {
    io.stdout(`${REVOKE_HELP}\n`);
    return EXIT_OK;
  }
  const [id] = positionals;
  if (id === undefined) throw new UsageError(`${NAME}: the key id is required (see: ${NAME} --help)`);
  if (!/^[0-9a-f]{16}$/.test(id)) throw new UsageError(`${NAME}: "${id}" is not a key id (16 hex digits, as "api-key list" shows)`);
  const key = await queryRegistry(registryTarget(io.env), 'api-key-revoke', { keyId: id });
  io.stdout(`Revoked API key ${key.id}${key.name ? ` (${key.name})` : ''} at ${key.revokedAt}\n`);
  return EXIT_OK;
}
