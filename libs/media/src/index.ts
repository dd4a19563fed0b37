export * from './media-error';
export * from './run-process';
export * from './probe';
export * from './decode';
export * from './temp-workspace';
export * from './tool-limits';
export * from './tool-failure';
export * from './media-limits';
