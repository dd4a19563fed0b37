import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ZodError } from 'zod';
import { CodedError, type ErrorBody, type ErrorCode } from '@jetjobs/contracts';
import { setErrorHeaders } from '../../errors/error-headers';
import { STATUS_BY_CODE, codeForStatus } from '../../errors/error-status';
import { zodErrorMessage } from '../../errors/zod-error-message';

/** The moderation API's own error codes (`{"error": {"code": "FORBIDDEN", …}}`). */
const MODERATION_CODES: Partial<Record<ErrorCode, string>> = {
  validation_failed: 'INVALID_REQUEST',
  malformed_json: 'INVALID_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  job_not_found: 'NOT_FOUND',
  not_found: 'NOT_FOUND',
  payload_too_large: 'PAYLOAD_TOO_LARGE',
  quota_exceeded: 'PAYLOAD_TOO_LARGE',
  unsupported_media_type: 'UNSUPPORTED_MEDIA_TYPE',
  rate_limited: 'RATE_LIMITED',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_ERROR',
};

/**
 * Errors on the moderation routes in the moderation API's words: same statuses as everywhere
 * (`STATUS_BY_CODE`), its uppercase codes. Guards and pipes of these routes end up here too, so a
 * missing scope is 403 FORBIDDEN. Body-parser errors happen before routing and keep the global
 * filter's shape.
 */
@Catch()
export class ModerationErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ModerationApi');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      // A progress stream that already started cannot change its status: end it.
      this.logger.warn(`Error after the response started: ${describe(exception)}`);
      response.end();
      return;
    }
    const body = this.toBody(exception);
    setErrorHeaders(response, body.code);
    response.status(STATUS_BY_CODE[body.code]).json({ error: { code: moderationCode(body.code), message: body.message } });
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof CodedError) return exception.toBody();
    if (exception instanceof ZodError) return { code: 'validation_failed', message: zodErrorMessage(exception) };
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return { code: codeForStatus(exception.getStatus()), message: exception.message };
    }
    this.logger.error(`Unhandled error: ${describe(exception)}`);
    return { code: 'internal', message: 'Internal server error' };
  }
}

export function moderationCode(code: ErrorCode): string {
  return MODERATION_CODES[code] ?? code.toUpperCase();
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
