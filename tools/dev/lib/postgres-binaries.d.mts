// Types of postgres-binaries.mjs, for the fault suite (TypeScript) that shares it.
export interface RunAs {
  readonly uid?: number;
  readonly gid?: number;
}
export function postgresUser(options?: { create?: boolean }): RunAs;
export function reachablePostgresBinDir(nativeDir: string, runAs: RunAs, options?: { cacheRoot?: string }): string;
export function reachableByOthers(path: string): boolean;
