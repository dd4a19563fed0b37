import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { runWithTelemetry } from '@jetjobs/telemetry';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { requestTelemetryOf } from './request-telemetry.middleware';

/**
 * Runs each handler inside its request's telemetry context. The middleware set it, but Express
 * resumes after the body parser from the socket's own callbacks, which lose it; so the handler
 * (and the registry requests it sends, which carry the trace) gets it back here, with the project
 * the AuthGuard found.
 */
@Injectable()
export class RequestTelemetryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const telemetry = requestTelemetryOf(request);
    if (telemetry === undefined) return next.handle();
    const projectId = (request as AuthenticatedRequest).principal?.projectId;
    if (projectId !== undefined) telemetry.fields.project_id = projectId;
    return new Observable((subscriber) => runWithTelemetry(telemetry, () => next.handle().subscribe(subscriber)));
  }
}
