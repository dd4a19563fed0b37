import { cpus, totalmem, release } from 'node:os';
import { execFileSync } from 'node:child_process';

/** What the figures were measured on: benchmarks on shared machines drift, ratios less so. */
export function describeMachine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
    natsServer: versionOf('nats-server', ['--version']),
    postgres: versionOf('psql', ['--version']),
    redis: versionOf('redis-server', ['--version']),
  };
}

function versionOf(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).trim().split('\n')[0] ?? 'unknown';
  } catch {
    return 'not found';
  }
}
