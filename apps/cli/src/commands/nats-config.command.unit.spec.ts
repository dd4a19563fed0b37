import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandIo } from '../command';
import { runCli } from '../main';
import { UsageError } from '../usage-error';

describe('jetjobs nats-config', () => {
  let output: string;
  let io: CommandIo;
  beforeEach(() => {
    output = '';
    io = { env: {}, cwd: process.cwd(), stdout: (text) => (output += text) };
  });

  it('prints one user per service and kind, with passwords read by nats-server from its environment', async () => {
    expect(await runCli(['nats-config', '--namespace', 'prod', '--kinds', 'echo,moderation'], io)).toBe(0);
    const users = [...output.matchAll(/user: "([^"]+)", password: \$(\w+)/g)].map(([, user, variable]) => `${user}=${variable}`);
    expect(users).toEqual([
      'registry=NATS_REGISTRY_PASSWORD',
      'gateway=NATS_GATEWAY_PASSWORD',
      'operator=NATS_OPERATOR_PASSWORD',
      'worker-echo=NATS_WORKER_ECHO_PASSWORD',
      'worker-moderation=NATS_WORKER_MODERATION_PASSWORD',
    ]);
    const moderationWorker = output.slice(output.indexOf('user: "worker-moderation"'));
    expect(moderationWorker).toContain('"prod.jobs.moderation.*"');
    expect(moderationWorker).toContain('"$JS.API.CONSUMER.MSG.NEXT.PROD_WORK.work-moderation"');
    expect(moderationWorker).not.toMatch(/prod\.(cmd|q)\.|\$JS\.API\.>|STREAM\.(CREATE|UPDATE|DELETE)|work-echo/);
  });

  it('is what deploy/nats/users.conf ships for the default namespace and kinds', async () => {
    expect(await runCli(['nats-config'], io)).toBe(0);
    expect(readFileSync(resolve(__dirname, '../../../../deploy/nats/users.conf'), 'utf8')).toBe(output);
  });

  it('refuses a kind that cannot be a subject token', async () => {
    await expect(runCli(['nats-config', '--kinds', 'echo,Bad Kind'], io)).rejects.toThrow(UsageError);
  });
});
