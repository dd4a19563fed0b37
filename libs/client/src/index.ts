export { JetJobs, type JetJobsOptions } from './jetjobs-client';
export { AdminApi, type AdminEvent, type AdminEventPage, type AdminEventsQuery, type AdminFailurePage, type AdminFailuresQuery } from './admin-api';
export { JobsApi, type SubmitOptions, type WaitOptions } from './jobs-api';
export type { FollowOptions } from './job-follower';
export { UploadsApi, type SubmitVideoOptions, type UploadKind } from './uploads-api';
export type { UploadProgress, UploadSource } from './multipart-body';
export { WebhooksApi, WebhookVerificationError, type VerifyOptions, type WebhookHeaders } from './webhook-verifier';
export { JetJobsError, retryAfterSeconds, type JetJobsErrorCode } from './jetjobs-error';
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './backoff';
export type { TransportOptions } from './http-transport';
export {
  FINAL_STATUSES,
  TERMINAL_EVENT_TYPES,
  isFinalStatus,
  isTerminalEvent,
  type AdminJob,
  type ErrorCode,
  type Job,
  type JobEventType,
  type JobPage,
  type JobStatus,
  type JobStreamEvent,
  type ListJobsQuery,
  type SubmitJobRequest,
  type SubmittedJob,
} from './job-types';
