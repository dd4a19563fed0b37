import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** HS256 keys shorter than the hash output weaken it (RFC 7518 §3.2). */
export const MIN_SECRET_LENGTH = 32;
export const SECRET_FILE_NAME = 'jwt-secret';

export interface ResolveJwtSecretOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where the development secret lives when `JWT_SECRET` is not set. */
  readonly dataDir: string;
}

/**
 * The HS256 secret: `JWT_SECRET` when set, otherwise a development secret kept in
 * `<dataDir>/jwt-secret`, generated on first use, so that the CLI and every local service agree
 * on it without any setup.
 */
export function resolveJwtSecret({ env, dataDir }: ResolveJwtSecretOptions): string {
  const fromEnv = env['JWT_SECRET'];
  if (fromEnv !== undefined) {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new Error(`JWT_SECRET must be at least ${MIN_SECRET_LENGTH} characters long (it has ${fromEnv.length})`);
    }
    return fromEnv;
  }
  const file = join(dataDir, SECRET_FILE_NAME);
  return readSecretFile(file) ?? createSecretFile(dataDir, file);
}

function readSecretFile(file: string): string | undefined {
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`The secret in ${file} is shorter than ${MIN_SECRET_LENGTH} characters: delete the file to regenerate it`);
  }
  return secret;
}

/**
 * Writes the secret to a private temporary file and hard-links it into place: the link either
 * appears with its full content or fails because another process (a service starting at the same
 * time as the CLI) won the race, in which case its secret is the one to use.
 */
function createSecretFile(dataDir: string, file: string): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${secret}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, file);
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return readSecretFile(file) ?? secret;
  } finally {
    unlinkSync(temporary);
  }
}
