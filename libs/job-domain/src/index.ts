export * from './job-state';
export * from './job-commands';
export * from './job-errors';
export * from './decide';
export * from './evolve';
