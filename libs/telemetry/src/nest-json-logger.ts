import type { Logger } from './logger';

/**
 * Nest's LoggerService, written to the JSON logger: Nest's own messages (and every
 * `new Logger(Context)` in the services) become JSON lines with a `context` field. Structural, so
 * this lib needs no Nest import.
 */
export class NestJsonLogger {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  /** Nest passes `(message, stack?, context?)`; an Error as message brings its own stack. */
  error(message: unknown, ...rest: unknown[]): void {
    const [context, stackOrMore] = splitContext(rest);
    const stack = typeof stackOrMore[0] === 'string' ? stackOrMore[0] : message instanceof Error ? message.stack : undefined;
    this.logger.error({ context, ...(stack ? { stack } : {}) }, text(message));
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const [context] = splitContext(rest);
    if (typeof message === 'object' && message !== null && !(message instanceof Error)) this.logger[level]({ context, ...message });
    else this.logger[level]({ context }, text(message));
  }
}

/** Nest appends the context (a class name) as the last string argument; a stack is not one. */
function splitContext(rest: unknown[]): [string | undefined, unknown[]] {
  const last = rest.at(-1);
  return typeof last === 'string' && !last.includes('\n') ? [last, rest.slice(0, -1)] : [undefined, rest];
}

function text(message: unknown): string {
  return message instanceof Error ? message.message : String(message);
}
