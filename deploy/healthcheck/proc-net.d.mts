// Types of proc-net.mjs, for the tests that import it.
export function establishedRemotePorts(table: string): number[];
export function missingPorts(tables: readonly string[], wanted: readonly number[]): number[];
export function processState(stat: string): string;
export function isAlive(state: string): boolean;
