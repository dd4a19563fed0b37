import { CLIENT_SCOPES, resolveJwtSecret, signToken } from '@jetjobs/auth';
import { JetJobs } from '@jetjobs/client';
import type { CommandIo } from '../command';
import { dataDir } from '../data-dir';
import { UsageError } from '../usage-error';
import { readContexts } from './context-store';

/** The options every client command takes. */
export const CLIENT_OPTIONS = {
  gateway: { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  context: { type: 'string' },
} as const;

export const CLIENT_OPTIONS_HELP = `  --gateway <url>    the gateway (else $JETJOBS_GATEWAY, else the context's, else http://127.0.0.1:8080)
  --token <jwt>      a bearer token (else $JETJOBS_TOKEN, else the context's)
  --api-key <key>    an API key (else $JETJOBS_API_KEY, else the context's); with neither, a
                     development token for project "dev" signed with the local npm start secret
  --context <name>   use this context instead of the current one (see: jetjobs context --help)`;

/** Where the gateway is, what credential goes with it, and where each came from. */
export interface ClientSettings {
  readonly gateway: string;
  readonly credential: { readonly token: string } | { readonly apiKey: string };
  readonly source: string;
}

const LOCAL_GATEWAY = 'http://127.0.0.1:8080';

/**
 * Flags first, then `JETJOBS_GATEWAY` / `JETJOBS_TOKEN` / `JETJOBS_API_KEY`, then the context
 * (`--context` or the current one), then what `npm start` runs locally. A credential is taken
 * from the same level as the gateway or a more specific one, never from a context for another
 * gateway named by a flag.
 */
export function clientSettings(
  name: string,
  values: { gateway?: string; token?: string; 'api-key'?: string; context?: string },
  io: CommandIo,
  localScopes: readonly string[] = CLIENT_SCOPES,
): ClientSettings {
  if (values.token && values['api-key']) throw new UsageError(`${name}: give --token or --api-key, not both`);
  const file = readContexts(io.env);
  const contextName = values.context ?? file.current ?? undefined;
  const context = contextName === undefined ? undefined : file.contexts[contextName];
  if (values.context !== undefined && context === undefined) {
    throw new UsageError(`${name}: no context "${values.context}" (see: jetjobs context list)`);
  }
  const env = io.env;
  const gateway = values.gateway ?? (env['JETJOBS_GATEWAY'] || env['JETJOBS_GATEWAY_URL'] || context?.gateway || LOCAL_GATEWAY);
  const flagToken = values.token ?? values['api-key'];
  const envCredential = env['JETJOBS_TOKEN'] || env['JETJOBS_API_KEY'];
  // A context's credential belongs to its gateway: a gateway named by flag or env does not get it.
  const own = values.gateway === undefined && !(env['JETJOBS_GATEWAY'] || env['JETJOBS_GATEWAY_URL']) ? context : undefined;
  if (flagToken) return { gateway, credential: values.token ? { token: values.token } : { apiKey: flagToken }, source: 'flags' };
  if (envCredential) return { gateway, credential: env['JETJOBS_TOKEN'] ? { token: envCredential } : { apiKey: envCredential }, source: 'environment' };
  if (own?.token) return { gateway, credential: { token: own.token }, source: `context ${contextName}` };
  if (own?.apiKey) return { gateway, credential: { apiKey: own.apiKey }, source: `context ${contextName}` };
  const secret = resolveJwtSecret({ env, dataDir: dataDir(env, io.cwd) });
  return { gateway, credential: { token: signToken({ secret, projectId: 'dev', scopes: [...localScopes], ttlSeconds: 3600 }) }, source: 'local development defaults' };
}

/** A client for the resolved gateway and credential. */
export function clientFor(name: string, values: Parameters<typeof clientSettings>[1], io: CommandIo, localScopes?: readonly string[]): JetJobs {
  const settings = clientSettings(name, values, io, localScopes);
  return new JetJobs({ baseUrl: settings.gateway, ...settings.credential });
}
