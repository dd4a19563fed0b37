import type { ApiKeyView } from '@jetjobs/contracts';
import type { CommandIo } from '../command';
import { parseOptions } from '../parse-options';
import { queryRegistry, registryTarget } from '../registry-request';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs api-key list';

const options = {
  project: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const LIST_HELP = `Usage: ${NAME} --project <id> [--json]

Lists a project's API keys, newest first, revoked ones included. Secrets are never shown: a key
is recognised by its id, label and prefix.

Options:
  --project <id>   the project (required)
  --json           print a JSON array instead of a table
  -h, --help       show this help`;

export async function listApiKeys(args: string[], io: CommandIo): Promise<number> {
  const values = parseOptions(NAME, args, options);
  if (values.help) {
    io.stdout(`${LIST_HELP}\n`);
    return EXIT_OK;
  }
  if (!values.project) throw new UsageError(`${NAME}: --project <id> is required (see: ${NAME} --help)`);
  const { items } = await queryRegistry(registryTarget(io.env), 'api-keys', { projectId: values.project });
  io.stdout(values.json ? `${JSON.stringify(items, null, 2)}\n` : table(items));
  return EXIT_OK;
}

const COLUMNS: readonly [string, (key: ApiKeyView) => string][] = [
  ['ID', (key) => key.id],
  ['NAME', (key) => key.name ?? '-'],
  ['PREFIX', (key) => `${key.prefix}…`],
  ['SCOPES', (key) => key.scopes.join(' ')],
  ['CREATED', (key) => key.createdAt],
  ['LAST USED', (key) => key.lastUsedAt ?? 'never'],
  ['STATUS', (key) => (key.revokedAt === null ? 'active' : `revoked ${key.revokedAt}`)],
];

function table(keys: readonly ApiKeyView[]): string {
  if (keys.length === 0) return 'No API keys.\n';
  const rows = [COLUMNS.map(([title]) => title), ...keys.map((key) => COLUMNS.map(([, cell]) => cell(key)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  return rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}
