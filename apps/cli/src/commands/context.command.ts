import type { Command, CommandIo } from '../command';
import { contextFilePath, readContexts, writeContexts, type ClientContext } from '../client/context-store';
import { parseCommandLine } from '../parse-options';
import { EXIT_OK, UsageError } from '../usage-error';

const NAME = 'jetjobs context';
const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const addOptions = {
  gateway: { type: 'string' },
  token: { type: 'string' },
  'api-key': { type: 'string' },
  use: { type: 'boolean' },
} as const;

export const contextCommand: Command = {
  name: 'context',
  summary: 'name gateways and their credentials, and pick the one in use',
  help: `Usage: ${NAME} <subcommand>

Subcommands:
  add <name> --gateway <url> [--token <jwt> | --api-key <key>] [--use]   add or replace a context
  use <name>                                                               make it the current one
  list [--json]                                                            every context; * marks the current
  show [<name>]                                                            one context, credential hidden
  remove <name>                                                            forget a context

Client commands (jobs, watch) use the current context unless --context <name>, --gateway,
--token/--api-key or JETJOBS_GATEWAY / JETJOBS_TOKEN / JETJOBS_API_KEY say otherwise.
Contexts live in $JETJOBS_CONFIG_DIR/contexts.json (default ~/.config/jetjobs), readable by
the owner only.`,

  run(args, io) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
      io.stdout(`${this.help}\n`);
      return EXIT_OK;
    }
    switch (sub) {
      case 'add': return add(rest, io);
      case 'use': return use(rest, io);
      case 'list': return list(rest, io);
      case 'show': return show(rest, io);
      case 'remove': return remove(rest, io);
      default: throw new UsageError(`${NAME}: unknown subcommand "${sub}" (see: ${NAME} --help)`);
    }
  },
};

function add(args: string[], io: CommandIo): number {
  const { values, positionals } = parseCommandLine(`${NAME} add`, args, addOptions, 1);
  const name = contextName('add', positionals[0]);
  if (!values.gateway) throw new UsageError(`${NAME} add: --gateway <url> is required`);
  if (!/^https?:\/\/[^/]/.test(values.gateway)) throw new UsageError(`${NAME} add: --gateway must be an http(s) URL`);
  if (values.token && values['api-key']) throw new UsageError(`${NAME} add: give --token or --api-key, not both`);
  const context: ClientContext = {
    gateway: values.gateway.replace(/\/+$/, ''),
    ...(values.token ? { token: values.token } : {}),
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
  };
  const file = readContexts(io.env);
  const current = values.use || file.current === null ? name : file.current;
  writeContexts(io.env, { current, contexts: { ...file.contexts, [name]: context } });
  io.stdout(`context "${name}" saved${current === name ? ' and in use' : ''} (${contextFilePath(io.env)})\n`);
  return EXIT_OK;
}

function use(args: string[], io: CommandIo): number {
  const { positionals } = parseCommandLine(`${NAME} use`, args, {}, 1);
  const name = existing('use', positionals[0], io);
  writeContexts(io.env, { ...readContexts(io.env), current: name });
  io.stdout(`using context "${name}"\n`);
  return EXIT_OK;
}

function list(args: string[], io: CommandIo): number {
  const { values } = parseCommandLine(`${NAME} list`, args, { json: { type: 'boolean' } }, 0);
  const file = readContexts(io.env);
  const rows = Object.entries(file.contexts).map(([name, context]) => ({ name, current: name === file.current, gateway: context.gateway, credential: kind(context) }));
  if (values.json) {
    io.stdout(`${JSON.stringify(rows)}\n`);
    return EXIT_OK;
  }
  if (rows.length === 0) io.stdout(`no contexts yet (add one: ${NAME} add <name> --gateway <url> --api-key <key>)\n`);
  for (const row of rows) io.stdout(`${row.current ? '*' : ' '} ${row.name.padEnd(16)} ${row.gateway.padEnd(32)} ${row.credential}\n`);
  return EXIT_OK;
}

function show(args: string[], io: CommandIo): number {
  const { positionals } = parseCommandLine(`${NAME} show`, args, {}, 1);
  const name = positionals[0] ?? readContexts(io.env).current;
  if (name === null) throw new UsageError(`${NAME} show: no context is in use (see: ${NAME} use <name>)`);
  const context = readContexts(io.env).contexts[existing('show', name, io)];
  io.stdout(`${JSON.stringify({ name, gateway: context?.gateway, credential: context ? kind(context) : null })}\n`);
  return EXIT_OK;
}

function remove(args: string[], io: CommandIo): number {
  const { positionals } = parseCommandLine(`${NAME} remove`, args, {}, 1);
  const name = existing('remove', positionals[0], io);
  const file = readContexts(io.env);
  const contexts = Object.fromEntries(Object.entries(file.contexts).filter(([key]) => key !== name));
  writeContexts(io.env, { current: file.current === name ? null : file.current, contexts });
  io.stdout(`context "${name}" removed\n`);
  return EXIT_OK;
}

/** Which credential a context holds, never the credential itself. */
function kind(context: ClientContext): string {
  return context.token ? 'token' : context.apiKey ? `api key ${context.apiKey.split('_').slice(0, 2).join('_')}_…` : 'none (local development token)';
}

function contextName(sub: string, name: string | undefined): string {
  if (name === undefined) throw new UsageError(`${NAME} ${sub}: missing <name> (see: ${NAME} --help)`);
  if (!CONTEXT_NAME.test(name)) throw new UsageError(`${NAME} ${sub}: "${name}" is not a context name (letters, digits, ".", "_", "-")`);
  return name;
}

function existing(sub: string, name: string | undefined, io: CommandIo): string {
  const checked = contextName(sub, name);
  if (!Object.hasOwn(readContexts(io.env).contexts, checked)) throw new UsageError(`${NAME} ${sub}: no context "${checked}" (see: ${NAME} list)`);
  return checked;
}
