import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { Observable, tap } from 'rxjs';
import { runWithTelemetry, startSpan, TRACEPARENT_HEADER, type LogFields } from '@jetjobs/telemetry';

/** The gateway's request id travels beside the trace, so registry lines name the HTTP request. */
const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Runs every request/reply handler inside a span that continues the caller's trace (the
 * `traceparent` NATS header the gateway sends), with the caller's request id, project and job in
 * its log lines. Events the handler appends record this span, so the job's trace reaches the
 * dispatcher and the worker. A request without a trace (an operator's CLI) starts none.
 */
@Injectable()
export class RpcTelemetryInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const rpc = context.switchToRpc();
    const nats = rpc.getContext<NatsContext>();
    const carried = nats.getHeaders();
    const parent = carried?.get(TRACEPARENT_HEADER) || null;
    const fields = fieldsOf(rpc.getData(), carried?.get(REQUEST_ID_HEADER) || undefined);
    const subject = nats.getSubject();
    const span = parent === null ? null : startSpan(`registry ${subject.split('.').slice(-2).join('.')}`, {
      parent,
      kind: 'server',
      attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'jetjobs.job_id': fields.job_id, 'jetjobs.project_id': fields.project_id },
    });
    return new Observable((subscriber) =>
      runWithTelemetry({ traceparent: span?.traceparent ?? null, fields }, () =>
        next
          .handle()
          .pipe(
            tap({
              next: (reply) => {
                // Replies are values: a refused command is `{ok: false}`, not an exception.
                const ok = (reply as { ok?: unknown } | null)?.ok;
                if (ok === false) span?.setAttributes({ 'jetjobs.reply_error': (reply as { error?: { code?: string } }).error?.code });
              },
              error: (error: unknown) => span?.fail(error),
              finalize: () => span?.end(),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

/** The project and job a request names, read defensively: the payload is validated later. */
function fieldsOf(payload: unknown, requestId: string | undefined): LogFields {
  const data = (typeof payload === 'object' && payload !== null ? payload : {}) as { actor?: { projectId?: unknown }; jobId?: unknown };
  const fields: LogFields = {};
  if (requestId !== undefined) fields.request_id = requestId;
  if (typeof data.actor?.projectId === 'string') fields.project_id = data.actor.projectId;
  if (typeof data.jobId === 'string') fields.job_id = data.jobId;
  return fields;
}
