export * from './load-config';
export * from './common-env';
export * from './duration';
export * from './env-values';
export * from './url-allowlist-env';
export * from './worker-limits-env';
