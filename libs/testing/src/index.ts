export * from './test-env';
export * from './test-event-store';
