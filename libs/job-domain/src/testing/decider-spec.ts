import { CodedError, SCHEMA_VERSION, type ErrorCode, type JobEvent, type JobEventBody } from '@jetjobs/contracts';
import { decide } from '../decide';
import { fold } from '../evolve';
import type { JobCommand } from '../job-commands';
import type { JobState } from '../job-state';

export const JOB_ID = '0b6f3c1e-5a2d-4c8e-9f10-2a3b4c5d6e7f';
export const JOB_KIND = 'video.transcode';
export const PROJECT_ID = 'project-acme';

/** Fixed instants, one minute apart: the n-th stored event happened at minute n. */
export function occurredAt(version: number): string {
  if (!Number.isInteger(version) || version < 0 || version > 59) throw new RangeError(`No fixed instant for ${version}`);
  return `2025-03-01T10:${String(version).padStart(2, '0')}:00.000Z`;
}

/** Stores bodies as the event store would: versions 1..n on one job, with deterministic metadata. */
export function toStoredEvents(bodies: readonly JobEventBody[]): JobEvent[] {
  return bodies.map((body, index) => {
    const version = index + 1;
    return {
      ...body,
      metadata: {
        eventId: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
        jobId: JOB_ID,
        kind: JOB_KIND,
        projectId: PROJECT_ID,
        version,
        occurredAt: occurredAt(version),
        correlationId: 'correlation-1',
        causationId: null,
        schemaVersion: SCHEMA_VERSION,
      },
    } as JobEvent;
  });
}

/** The state a history folds into. */
export function stateAfter(bodies: readonly JobEventBody[]): JobState {
  return fold(toStoredEvents(bodies));
}

type ErrorClass<E extends CodedError> = new (...args: never[]) => E;

export interface DeciderThen {
  /** The command produces exactly these events, in this order. */
  then(expected: readonly JobEventBody[]): void;
  /** The command is already satisfied: it is accepted and produces no events. */
  thenNothingHappened(): void;
  /** The command is rejected with a coded error of this class (and code, when given). */
  thenThrows<E extends CodedError>(errorClass: ErrorClass<E>, code?: ErrorCode): E;
}

/**
 * Emmett-style specification for the job decider:
 * `given(history).when(command).then(events)` or `.thenThrows(ErrorClass, code)`.
 */
export function given(history: readonly JobEventBody[]): { when(command: JobCommand): DeciderThen } {
  return {
    when(command) {
      const run = () => decide(command, stateAfter(history));
      return {
        then(expected) {
          expect(run()).toEqual(expected);
        },
        thenNothingHappened() {
          expect(run()).toEqual([]);
        },
        thenThrows<E extends CodedError>(errorClass: ErrorClass<E>, code?: ErrorCode): E {
          let outcome: unknown;
          try {
            outcome = run();
          } catch (error) {
            expect(error).toBeInstanceOf(CodedError);
            expect(error).toBeInstanceOf(errorClass);
            if (code !== undefined) expect((error as CodedError).code).toBe(code);
            return error as E;
          }
          throw new Error(`Expected ${command.type} to throw ${errorClass.name} but it produced ${JSON.stringify(outcome)}`);
        },
      };
    },
  };
}
