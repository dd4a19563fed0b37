export * from './names';
export * from './job-status';
export * from './errors';
export * from './events';
export * from './messages';
export * from './job-view';
export * from './stored-event';
export * from './work-item';
