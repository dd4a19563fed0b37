/**
 * How the compatible APIs word a job: pure mappers from the shared JobView to each API's status
 * objects, used by the gateway's routes and by job-registry's webhooks alike.
 */
export * from './moderation-job-json';
export * from './native-job-json';
