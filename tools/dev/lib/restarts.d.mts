// Types of restarts.mjs, for its test (TypeScript).
export function restartDelayMs(restart: number): number;
export function superviseRestarts<E extends { service: { name: string }; child: unknown }>(
  entry: E,
  options: { spawn: () => E['child']; stopping: () => boolean; say: (text: string) => void },
): void;
