import { CLIENT_SCOPES, isScope, parseDuration, resolveJwtSecret, SCOPES, signToken } from '@jetjobs/auth';
import type { Command, CommandIo } from '../command';
import { dataDir } from '../data-dir';
import { parseOptions } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs token';
export const DEFAULT_TTL = '1h';

const options = {
  project: { type: 'string' },
  scope: { type: 'string' },
  ttl: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const tokenCommand: Command = {
  name: 'token',
  summary: 'print a signed bearer token (JWT) for a project',
  help: `Usage: ${NAME} --project <id> [--scope "<scopes>"] [--ttl <duration>]

Prints a signed HS256 bearer token and nothing else, so it can be captured:
  TOKEN=$(npm run -s cli -- token --project p1)

Options:
  --project <id>     project the token acts for (required)
  --scope "<list>"   space-separated scopes (default: every scope but admin)
                     known: ${SCOPES.join(' ')}
                     admin reads every project's events: name it only for operators
  --ttl <duration>   lifetime: 30s, 15m, 1h, 2d, 1w or seconds (default: ${DEFAULT_TTL})
  -h, --help         show this help

Secret: JWT_SECRET when set, else the development secret in $JETJOBS_DATA_DIR/jwt-secret
(default <repo>/.data/jwt-secret), which the locally started services use too.`,

  run(args, io) {
    const values = parseOptions(NAME, args, options);
    if (values.help) {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    io.stdout(`${signCliToken(NAME, values, io)}\n`);
    return EXIT_OK;
  },
};

/**
 * The token `token` prints and `console-url` puts in its link: the project, the client scopes
 * unless others are named, the lifetime, signed with JWT_SECRET or the development secret.
 */
export function signCliToken(command: string, values: { project?: string; scope?: string; ttl?: string }, io: CommandIo): string {
  if (!values.project) throw new UsageError(`${command}: --project <id> is required (see: ${command} --help)`);
  const scopes = values.scope === undefined ? [...CLIENT_SCOPES] : parseScopes(command, values.scope);
  const ttlSeconds = parseTtl(command, values.ttl ?? DEFAULT_TTL);
  const secret = resolveJwtSecret({ env: io.env, dataDir: dataDir(io.env, io.cwd) });
  return signToken({ secret, projectId: values.project, scopes, ttlSeconds });
}

/** Shared with console-url, so a link's token is granted exactly what `token` would grant. */
export function parseScopes(command: string, list: string): string[] {
  const scopes = list.split(/\s+/).filter(Boolean);
  if (scopes.length === 0) throw new UsageError(`${command}: --scope is empty (known: ${SCOPES.join(' ')})`);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) {
    throw new UsageError(`${command}: unknown scope ${unknown.join(', ')} (known: ${SCOPES.join(' ')})`);
  }
  return scopes;
}

export function parseTtl(command: string, text: string): number {
  try {
    return parseDuration(text);
  } catch (error) {
    throw new UsageError(`${command}: --ttl: ${(error as Error).message}`);
  }
}
