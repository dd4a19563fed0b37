import { createHash } from 'node:crypto';

/**
 * What a tenant sees of the worker that ran an attempt. A worker id names its host and process
 * (`kind@host:pid:…`), which is the platform's business; its hash still tells a client whether
 * two attempts ran on the same worker, without naming the machine.
 */
export function opaqueWorkerId(workerId: string): string {
  return `w_${createHash('sha256').update(workerId).digest('hex').slice(0, 16)}`;
}
