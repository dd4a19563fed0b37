import { readFileSync } from 'node:fs';
import {
  credsAuthenticator,
  nkeyAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
  type Authenticator,
  type TlsOptions,
} from '@nats-io/transport-node';

/** What a NATS connection needs to authenticate and, where the server asks for it, speak TLS. */
export interface NatsSecurity {
  readonly authenticator?: Authenticator;
  readonly tls?: TlsOptions;
  /** Where replies to this connection's requests go; a user's own prefix keeps others from reading them. */
  readonly inboxPrefix?: string;
}

/** Raised at start-up when the NATS credential variables do not describe one usable credential. */
export class NatsSecurityError extends Error {
  override readonly name = 'NatsSecurityError';
}

/** The variables read by {@link natsSecurity}, for `--help` texts and the configuration table. */
export const NATS_SECURITY_HELP = `  NATS_USER, NATS_PASSWORD      NATS user name and password   (none: anonymous)
  NATS_TOKEN                    NATS authentication token
  NATS_NKEY_SEED_FILE           file holding an NKey user seed (SU...)
  NATS_CREDS                    credentials file (user JWT and NKey seed) from nsc
  NATS_TLS_CA                   CA certificate (PEM) to verify the server; turns TLS on
  NATS_TLS_CERT, NATS_TLS_KEY   client certificate and key (PEM) for mutual TLS
  NATS_INBOX_PREFIX             subject prefix of this service's reply inboxes   (_INBOX)
`;

/** The stream settings every service but job-registry reads, for their `--help`. */
export const STREAM_SETTINGS_HELP = `  JETJOBS_STREAM_REPLICAS       copies of every stream and bucket: 1 on one server, 3 on a cluster   (1)
  JETJOBS_MANAGE_STREAMS        true: create and update the streams; false: only check they exist   (true)
`;

/**
 * Reads one NATS credential (user/password, token, NKey seed or credentials file) and TLS files
 * from the environment. With none set the connection is anonymous, as on a development server.
 * Files are read now, so a wrong path is reported at start-up rather than at the first reconnect.
 */
export function natsSecurity(env: NodeJS.ProcessEnv = process.env): NatsSecurity {
  const authenticator = credential(env);
  const tls = tlsOptions(env);
  const inboxPrefix = env['NATS_INBOX_PREFIX'];
  if (set(inboxPrefix) && !/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(inboxPrefix as string)) {
    throw new NatsSecurityError('NATS_INBOX_PREFIX must be subject tokens (letters, digits, "_" or "-") joined by dots, with no wildcards');
  }
  return { ...(authenticator ? { authenticator } : {}), ...(tls ? { tls } : {}), ...(set(inboxPrefix) ? { inboxPrefix } : {}) };
}

function credential(env: NodeJS.ProcessEnv): Authenticator | undefined {
  const given = (['NATS_USER', 'NATS_TOKEN', 'NATS_NKEY_SEED_FILE', 'NATS_CREDS'] as const).filter((name) => set(env[name]));
  if (given.length > 1) throw new NatsSecurityError(`Set one NATS credential, not ${given.join(' and ')}`);
  if (set(env['NATS_PASSWORD']) && !set(env['NATS_USER'])) throw new NatsSecurityError('NATS_PASSWORD is set without NATS_USER');
  switch (given[0]) {
    case 'NATS_USER':
      if (!set(env['NATS_PASSWORD'])) throw new NatsSecurityError('NATS_USER is set without NATS_PASSWORD');
      return usernamePasswordAuthenticator(env['NATS_USER'] as string, env['NATS_PASSWORD'] as string);
    case 'NATS_TOKEN':
      return tokenAuthenticator(env['NATS_TOKEN'] as string);
    case 'NATS_NKEY_SEED_FILE': {
      const seed = readText('NATS_NKEY_SEED_FILE', env['NATS_NKEY_SEED_FILE'] as string).trim();
      if (!/^SU[A-Z2-7]+$/.test(seed)) throw new NatsSecurityError('NATS_NKEY_SEED_FILE does not hold an NKey user seed (a line starting with SU)');
      return nkeyAuthenticator(new TextEncoder().encode(seed));
    }
    case 'NATS_CREDS':
      return credsAuthenticator(new TextEncoder().encode(readText('NATS_CREDS', env['NATS_CREDS'] as string)));
    default:
      return undefined;
  }
}

function tlsOptions(env: NodeJS.ProcessEnv): TlsOptions | undefined {
  const ca = env['NATS_TLS_CA'];
  const cert = env['NATS_TLS_CERT'];
  const key = env['NATS_TLS_KEY'];
  if (set(cert) !== set(key)) throw new NatsSecurityError('Set NATS_TLS_CERT and NATS_TLS_KEY together (a client certificate needs its key)');
  if (!set(ca) && !set(cert)) return undefined;
  return {
    ...(set(ca) ? { ca: readText('NATS_TLS_CA', ca as string) } : {}),
    ...(set(cert) ? { cert: readText('NATS_TLS_CERT', cert as string), key: readText('NATS_TLS_KEY', key as string) } : {}),
  };
}

function readText(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new NatsSecurityError(`${variable} names a file that cannot be read (${code}): ${path}`);
  }
}

function set(value: string | undefined): boolean {
  return value !== undefined && value !== '';
}
