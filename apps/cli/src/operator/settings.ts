import { NAMESPACE_PATTERN } from '@jetjobs/contracts';

/** Where the platform runs: the same variables the services read, with `npm start`'s defaults. */
export interface OperatorSettings {
  readonly natsUrl: string;
  readonly namespace: string;
  /** job-registry's database; only `projections` uses it. */
  readonly databaseUrl: string;
}

export function operatorSettings(env: NodeJS.ProcessEnv): OperatorSettings {
  const namespace = env['JETJOBS_NAMESPACE'] || 'jetjobs';
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new Error(`JETJOBS_NAMESPACE "${namespace}" is invalid: a letter, then letters, digits, "_" or "-"`);
  }
  return {
    natsUrl: env['NATS_URL'] || 'nats://127.0.0.1:4222',
    namespace,
    // `npm start` gives each namespace a database of its own name on the local server.
    databaseUrl: env['DATABASE_URL'] || `postgres://postgres@127.0.0.1:5432/${namespace.toLowerCase()}`,
  };
}
