import { generateApiKey, isScope, SCOPES } from '@jetjobs/auth';
import { API_KEY_ADMIN_REFUSED } from '@jetjobs/contracts';
import type { CommandIo } from '../command';
import { parseOptions } from '../parse-options';
import { queryRegistry, registryTarget } from '../registry-request';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs api-key create';

const options = {
  project: { type: 'string' },
  scope: { type: 'string' },
  name: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CREATE_HELP = `Usage: ${NAME} --project <id> --scope "<scopes>" [--name <label>]

Creates an API key and prints it, and nothing else, once: it cannot be shown again (only a hash
of it is stored). Capture it:
  KEY=$(npm run -s cli -- api-key create --project p1 --scope "job:read job:write")
Use it as "Authorization: Bearer $KEY" wherever a JWT is accepted.

Options:
  --project <id>     project the key acts for (required)
  --scope "<list>"   space-separated scopes (required)
                     known: ${SCOPES.join(' ')} (admin: not on API keys)
  --name <label>     a label to recognise the key by in "api-key list"
  -h, --help         show this help

Talks to job-registry over NATS: NATS_URL and JETJOBS_NAMESPACE as for the services.`;

export async function createApiKey(args: string[], io: CommandIo): Promise<number> {
  const values = parseOptions(NAME, args, options);
  if (values.help) {
    io.stdout(`${CREATE_HELP}\n`);
    return EXIT_OK;
  }
  if (!values.project) throw new UsageError(`${NAME}: --project <id> is required (see: ${NAME} --help)`);
  if (values.scope === undefined) throw new UsageError(`${NAME}: --scope "<scopes>" is required (see: ${NAME} --help)`);
  const scopes = parseScopes(values.scope);
  const { key, keyId, secretHash, prefix } = generateApiKey();
  // Only the hash travels: the key itself exists in this process and on the caller's screen.
  await queryRegistry(registryTarget(io.env), 'api-key-create', { keyId, projectId: values.project, scopes, name: values.name || null, prefix, secretHash });
  io.stdout(`${key}\n`);
  return EXIT_OK;
}

function parseScopes(list: string): string[] {
  const scopes = [...new Set(list.split(/\s+/).filter(Boolean))];
  if (scopes.length === 0) throw new UsageError(`${NAME}: --scope is empty (known: ${SCOPES.join(' ')})`);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) throw new UsageError(`${NAME}: unknown scope ${unknown.join(', ')} (known: ${SCOPES.join(' ')})`);
  if (scopes.includes('admin')) throw new UsageError(`${NAME}: ${API_KEY_ADMIN_REFUSED}`);
  return scopes;
}
