import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export type ParsedOptions<S extends OptionSpec> = {
  [K in keyof S]?: S[K]['type'] extends 'string' ? string : boolean;
};

/** Options only; any positional argument is a usage error. */
export function parseOptions<S extends OptionSpec>(command: string, args: string[], spec: S): ParsedOptions<S> {
  return parseCommandLine(command, args, spec, 0).values;
}

/**
 * `parseArgs` in lenient mode, then checked here: its strict mode errors are multi-line and
 * suggest `--` tricks, while a CLI user deserves one line naming the bad option. Accepts at most
 * `maxPositionals` positional arguments.
 */
export function parseCommandLine<S extends OptionSpec>(
  command: string,
  args: string[],
  spec: S,
  maxPositionals: number,
): { values: ParsedOptions<S>; positionals: string[] } {
  const { values, tokens, positionals } = parseArgs({ args, options: spec, strict: false, tokens: true, allowPositionals: true });
  const hint = `(see: ${command} --help)`;
  let seen = 0;
  for (const token of tokens) {
    if (token.kind === 'positional' && ++seen > maxPositionals) {
      throw new UsageError(`${command}: unexpected argument "${token.value}" ${hint}`);
    }
    if (token.kind !== 'option') continue;
    const option = spec[token.name];
    if (!option) throw new UsageError(`${command}: unknown option ${token.rawName} ${hint}`);
    if (option.type === 'string' && token.value === undefined) {
      throw new UsageError(`${command}: option ${token.rawName} needs a value ${hint}`);
    }
    if (option.type === 'boolean' && token.value !== undefined) {
      throw new UsageError(`${command}: option ${token.rawName} takes no value ${hint}`);
    }
  }
  return { values: values as ParsedOptions<S>, positionals };
}
