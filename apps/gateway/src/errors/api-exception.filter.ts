import { Catch, HttpException, Logger, NotFoundException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ZodError } from 'zod';
import { CodedError, type ErrorBody, type ErrorCode } from '@jetjobs/contracts';
import { renderError } from '../auth/error-dialect';
import { setErrorHeaders } from './error-headers';
import { STATUS_BY_CODE, codeForStatus } from './error-status';
import { zodErrorMessage } from './zod-error-message';

/**
 * Every error leaves the gateway as `{error: {code, message}}` (or in its API's wording, see
 * `ErrorDialect`) with the status of its code. Only unexpected failures become 500, with a
 * generic message; their details go to the log.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Gateway');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      // A stream that already started cannot change its status: end it, the client reconnects.
      this.logger.warn(`Error after the response started: ${describe(exception)}`);
      response.end();
      return;
    }
    const body = this.toBody(exception);
    setErrorHeaders(response, body.code);
    // The route's API decides the wording (`@ErrorDialect`); the status is the code's everywhere.
    response.status(STATUS_BY_CODE[body.code]).json(renderError(host.switchToHttp().getRequest<Request>(), body));
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof CodedError) return exception.toBody();
    if (exception instanceof ZodError) return { code: 'validation_failed', message: zodErrorMessage(exception) };
    if (exception instanceof NotFoundException) return { code: 'not_found', message: exception.message };
    if (exception instanceof HttpException) return this.fromHttpException(exception);
    this.logger.error(`Unhandled error: ${describe(exception)}`);
    return { code: 'internal', message: 'Internal server error' };
  }

  /** Express and body-parser errors reach us wrapped in an HttpException, their origin as cause. */
  private fromHttpException(exception: HttpException): ErrorBody {
    const type = bodyParserType(exception.cause);
    if (type === 'entity.too.large') return { code: 'payload_too_large', message: 'Request body is too large' };
    if (type === 'entity.parse.failed') return { code: 'malformed_json', message: 'Request body is not valid JSON' };
    if (type === 'entity.too.deep') return { code: 'validation_failed', message: (exception.cause as Error).message };
    const status = exception.getStatus();
    const code: ErrorCode = codeForStatus(status);
    if (code === 'internal') {
      this.logger.error(`HTTP ${status}: ${describe(exception)}`);
      return { code, message: 'Internal server error' };
    }
    return { code, message: exception.message };
  }
}

function bodyParserType(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const type = (cause as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

function describe(exception: unknown): string {
  return exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
}
