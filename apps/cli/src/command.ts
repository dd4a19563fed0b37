/** One CLI command: its own options, help text and behaviour, in one file under commands/. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly help: string;
  /** Resolves to the process exit code; throws `UsageError` for bad arguments. */
  run(args: string[], io: CommandIo): Promise<number> | number;
}

export interface CommandIo {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
}
