export * from './worker';
export * from './job-context';
export * from './worker-errors';
export * from './media-store';
export type { WorkItemOutcome } from './process-work-item';
export * from './fetch-video-source';
