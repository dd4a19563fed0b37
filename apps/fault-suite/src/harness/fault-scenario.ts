import type { DataSource } from 'typeorm';
import type { EventStore } from '@jetjobs/event-store';
import type { FaultStack } from './fault-stack';
import type { StreamSnapshot } from './stream-snapshot';

/** What a scenario runs on: one platform (the fault suite's) or replicas on a cluster. */
export interface PlatformStack {
  /** Every gateway; clients retry and reconnect through the next one. */
  readonly baseUrls: readonly string[];
  readonly token: string;
  eventStore(): Promise<EventStore>;
  database(): Promise<DataSource>;
  logs(): string;
  dispose(): Promise<void>;
  /** Promises the stack itself saw broken, in words: a service that exited on its own, say. */
  problems?(): string[];
  /** Times a scenario measured on the way (a failover, an election), in ms, by name. */
  readonly timings?: ReadonlyMap<string, number>;
}

/** One fault: what it does to a running stack, and what only it must additionally hold. */
export interface FaultScenario<S extends PlatformStack = FaultStack> {
  /** Key in the results file. */
  readonly id: string;
  /** What happens, in the words of the report. */
  readonly name: string;
  /** Seconds of load; defaults to the profile's. Long faults need load for their whole length. */
  readonly loadSeconds?: number;
  /** Injects the fault and brings back what it took away; resolves with how many faults it injected. */
  inject(stack: S): Promise<number>;
  /** Checks of this fault alone (e.g. a graceful stop leaves no lost worker), as violations. */
  check?(stream: StreamSnapshot, outcome: ScenarioResult): string[];
}

/** One scenario's measurements, as written to the results file and the report. */
export interface ScenarioResult {
  readonly id: string;
  readonly name: string;
  readonly jobs: number;
  readonly inFlightAtFault: number;
  readonly faultsInjected: number;
  /** Fault → every job terminal and the projection caught up. */
  readonly recoveryMs: number;
  /** Fault → every job's webhook accepted by the endpoint. */
  readonly webhooksMs: number;
  readonly jobsLost: number;
  readonly duplicates: number;
  readonly failedJobs: number;
  /** Jobs that needed more than one attempt (a worker lost mid-job). */
  readonly retriedJobs: number;
  readonly sseReconnects: number;
  readonly submitRetries: number;
  readonly webhookRetries: number;
  /** What the scenario measured besides recovery (see {@link PlatformStack.timings}). */
  readonly timings?: Readonly<Record<string, number>>;
  readonly violations: readonly string[];
}
