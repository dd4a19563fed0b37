import { Logger } from '@nestjs/common';
import { ZodError, type ZodType } from 'zod';
import { CodedError, type Reply } from '@jetjobs/contracts';

const logger = new Logger('RegistryRpc');

/**
 * Validates a request payload, runs the handler and wraps the outcome in a Reply: coded errors
 * travel back as values, so the gateway can map them to HTTP; anything else is logged and
 * reported as `internal` without its details.
 */
export async function toReply<P, T>(schema: ZodType<P>, payload: unknown, handler: (payload: P) => Promise<T>): Promise<Reply<T>> {
  try {
    return { ok: true, value: await handler(schema.parse(payload)) };
  } catch (error) {
    if (error instanceof CodedError) return { ok: false, error: error.toBody() };
    if (error instanceof ZodError) {
      const issue = error.issues[0];
      return { ok: false, error: { code: 'validation_failed', message: `${issue?.path.join('.') || 'payload'}: ${issue?.message}` } };
    }
    logger.error(error instanceof Error ? error.stack : String(error));
    return { ok: false, error: { code: 'internal', message: 'The job registry failed to handle the request' } };
  }
}
