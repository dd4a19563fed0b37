import type { JsonClient } from './http-client';

/** A system under test for the job lifecycle: how to submit a job and see it completed. */
export interface LifecycleTarget {
  readonly name: string;
  /** Process ids of the system's services, for memory figures. */
  readonly pids: readonly number[];
  /** The same by service name, for CPU time per job. */
  readonly processes: Readonly<Record<string, number>>;
  /** The servers it shares with the rest of the machine (e.g. nats-server, PostgreSQL, Redis), by command line. */
  readonly servers: Readonly<Record<string, RegExp>>;
  client(maxSockets: number): JsonClient;
  submit(client: JsonClient): Promise<string>;
  isCompleted(client: JsonClient, id: string): Promise<boolean>;
  stop(): Promise<void>;
}
