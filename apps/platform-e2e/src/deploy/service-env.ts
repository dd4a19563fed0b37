import { ConfigError } from '@jetjobs/config';
import { inboxPrefixOf, natsSecurity, NatsSecurityError } from '@jetjobs/event-store';
import type { DeployedService } from './deployed-services';

/**
 * What is wrong with the environment a deployment gives a service, empty when nothing is: what the
 * service itself refuses at start-up (its configuration and its NATS credential), then what this
 * deployment shape needs of it (its own NATS user on a 3-node cluster; streams managed by the
 * registry alone; one JWT secret shared by every gateway replica; the deployment's database).
 */
export async function serviceEnvProblems(service: DeployedService, env: NodeJS.ProcessEnv): Promise<string[]> {
  return [...(await startUpProblems(service, env)), ...deploymentProblems(service, env)];
}

async function startUpProblems(service: DeployedService, env: NodeJS.ProcessEnv): Promise<string[]> {
  const problems: string[] = [];
  try {
    await service.loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  try {
    if (!natsSecurity(env).authenticator) problems.push('NATS: no credential, the connection would be anonymous');
  } catch (error) {
    if (!(error instanceof NatsSecurityError)) throw error;
    problems.push(`NATS: ${error.message}`);
  }
  return problems;
}

function deploymentProblems(service: DeployedService, env: NodeJS.ProcessEnv): string[] {
  const expected: Record<string, string> = {
    NATS_USER: service.role,
    NATS_INBOX_PREFIX: inboxPrefixOf(service.role),
    JETJOBS_STREAM_REPLICAS: '3',
    JETJOBS_MANAGE_STREAMS: service.role === 'registry' ? 'true' : 'false',
  };
  const problems = Object.entries(expected)
    .filter(([name, value]) => env[name] !== value)
    .map(([name, value]) => `${name}: ${JSON.stringify(env[name])}, expected ${JSON.stringify(value)}`);
  // The schema falls back to a per-machine development secret, which replicas would not share.
  if (service.role === 'gateway' && !env['JWT_SECRET']) problems.push('JWT_SECRET: unset, so each replica would sign with its own');
  // The schema's default is a PostgreSQL on the same machine, which a container never has.
  if (service.role === 'registry' && !/^postgres(ql)?:\/\/[^@]*@(?!127\.0\.0\.1|localhost)/.test(env['DATABASE_URL'] ?? '')) {
    problems.push(`DATABASE_URL: ${JSON.stringify(env['DATABASE_URL'])}, expected a PostgreSQL server of the deployment, with a user`);
  }
  return problems;
}
