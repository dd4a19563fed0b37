import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** One named gateway and its credential, as `jetjobs context add` records it. */
export interface ClientContext {
  readonly gateway: string;
  readonly token?: string;
  readonly apiKey?: string;
}

/** Every context and the one in use. */
export interface ContextFile {
  readonly current: string | null;
  readonly contexts: Readonly<Record<string, ClientContext>>;
}

const EMPTY: ContextFile = { current: null, contexts: {} };

/**
 * `$JETJOBS_CONFIG_DIR/contexts.json`, else `$XDG_CONFIG_HOME/jetjobs/…`, else
 * `~/.config/jetjobs/…`: one file per user, as `nats context` and kubeconfig keep theirs.
 */
export function contextFilePath(env: NodeJS.ProcessEnv): string {
  const dir = env['JETJOBS_CONFIG_DIR'] || join(env['XDG_CONFIG_HOME'] || join(homedir(), '.config'), 'jetjobs');
  return join(dir, 'contexts.json');
}

export function readContexts(env: NodeJS.ProcessEnv): ContextFile {
  const path = contextFilePath(env);
  if (!existsSync(path)) return EMPTY;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<ContextFile>;
    return { current: parsed.current ?? null, contexts: parsed.contexts ?? {} };
  } catch (error) {
    throw new Error(`${path} is not a contexts file (${(error as Error).message}); fix or remove it`);
  }
}

/** Written whole and renamed into place, owner-only: it holds credentials. */
export function writeContexts(env: NodeJS.ProcessEnv, file: ContextFile): void {
  const path = contextFilePath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const next = `${path}.${process.pid}.tmp`;
  writeFileSync(next, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(next, 0o600);
  renameSync(next, path);
}
