import type { Command } from '../command';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs completion';

/** What completion offers: the commands, and per command its subcommands and options. */
interface CompletionTable {
  readonly commands: readonly string[];
  readonly words: Readonly<Record<string, readonly string[]>>;
}

/**
 * Read from each command's own help, so a new option completes without touching this file:
 * options are the `--name` tokens, subcommands the first word of the indented lines that follow
 * "Subcommands:".
 */
export function completionTable(commands: readonly Command[]): CompletionTable {
  const words: Record<string, string[]> = {};
  for (const command of commands) {
    const options = [...new Set(command.help.match(/--[a-z][a-z-]*/g) ?? [])];
    const subcommands = /Subcommands:\n((?: {2}\S.*\n?| {3,}.*\n?)+)/.exec(command.help)?.[1]
      ?.split('\n')
      .filter((line) => /^ {2}[a-z]/.test(line))
      .map((line) => line.trim().split(/\s+/)[0] ?? '') ?? [];
    words[command.name] = [...new Set([...subcommands, ...options, '--help'])];
  }
  return { commands: commands.map((c) => c.name), words };
}

function bashScript({ commands, words }: CompletionTable): string {
  const cases = Object.entries(words).map(([name, list]) => `    ${name}) words="${list.join(' ')}" ;;`).join('\n');
  return `# jetjobs bash completion: eval "$(jetjobs completion bash)"
_jetjobs() {
  local current=\${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${commands.join(' ')} --help" -- "$current"))
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$current"))
}
complete -o default -F _jetjobs jetjobs
`;
}

function zshScript(table: CompletionTable): string {
  // zsh runs bash completion functions through bashcompinit: one table, one behaviour.
  return `# jetjobs zsh completion: eval "$(jetjobs completion zsh)"
autoload -U +X compinit && compinit
autoload -U +X bashcompinit && bashcompinit
${bashScript(table)}`;
}

/** `jetjobs completion bash|zsh`; built from the command list it is given (avoids an import cycle). */
export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'print a bash or zsh completion script',
    help: `Usage: ${NAME} <bash|zsh>

Prints a script that completes commands, subcommands and options. Load it in your shell:
  bash:  eval "$(jetjobs completion bash)"     (or save it under /etc/bash_completion.d/)
  zsh:   eval "$(jetjobs completion zsh)"      (in ~/.zshrc)`,

    run(args, io) {
      const [shell, ...rest] = args;
      if (shell === '--help' || shell === '-h') {
        io.stdout(`${this.help}\n`);
        return EXIT_OK;
      }
      if (rest.length > 0) throw new UsageError(`${NAME}: unexpected argument "${rest[0]}"`);
      const table = completionTable(commands());
      if (shell === 'bash') io.stdout(bashScript(table));
      else if (shell === 'zsh') io.stdout(zshScript(table));
      else throw new UsageError(`${NAME}: name a shell: bash or zsh (see: ${NAME} --help)`);
      return EXIT_OK;
    },
  };
}
