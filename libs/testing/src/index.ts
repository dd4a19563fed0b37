export * from './test-env';
export * from './test-event-store';
export * from './wait-for';
export * from './fixtures/scripted-handler';
export * from './sse-client';
export * from './media-fixtures';
export * from './test-database';
export * from './cli-process';
