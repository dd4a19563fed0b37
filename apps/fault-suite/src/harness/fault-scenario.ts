import type { FaultStack } from './fault-stack';
import type { StreamSnapshot } from './stream-snapshot';

/** One fault: what it does to a running stack, and what only it must additionally hold. */
export interface FaultScenario {
  /** Key in the results file. */
  readonly id: string;
  /** What happens, in the words of the report. */
  readonly name: string;
  /** Seconds of load; defaults to the profile's. Long faults need load for their whole length. */
  readonly loadSeconds?: number;
  /** Injects the fault and brings back what it took away; resolves with how many faults it injected. */
  inject(stack: FaultStack): Promise<number>;
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
  readonly violations: readonly string[];
}
