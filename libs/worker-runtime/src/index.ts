export * from './worker';
export * from './job-context';
export * from './worker-errors';
export * from './worker-limits';
export { AttemptFailure } from './run-attempt';
export * from './media-store';
export type { WorkItemOutcome } from './process-work-item';
export * from './fetch-video-source';
export { sniffSource, type SniffedSource } from './sniff-source';
