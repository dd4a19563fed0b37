import type { JsonClient } from './http-client';

/** A system under test for the job lifecycle: how to submit a job and see it completed. */
export interface LifecycleTarget {
  readonly name: string;
  /** Process ids of the system's services, for memory figures. */
  readonly pids: readonly number[];
  client(maxSockets: number): JsonClient;
  submit(client: JsonClient): Promise<string>;
  isCompleted(client: JsonClient, id: string): Promise<boolean>;
  stop(): Promise<void>;
}
