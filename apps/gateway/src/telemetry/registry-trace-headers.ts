import { headers } from '@nats-io/transport-node';
import { NatsRecordBuilder, type NatsRecord } from '@nestjs/microservices';
import { currentTelemetry, TRACEPARENT_HEADER } from '@jetjobs/telemetry';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * A registry request carrying the current request's trace (`traceparent`) and request id in NATS
 * headers, so the registry's span joins the caller's trace and its log lines name the request.
 * Outside a request the payload goes as it is.
 */
export function withTraceHeaders(payload: unknown): unknown {
  const telemetry = currentTelemetry();
  if (telemetry === undefined) return payload;
  const carried = headers();
  if (telemetry.traceparent !== null) carried.set(TRACEPARENT_HEADER, telemetry.traceparent);
  if (telemetry.fields.request_id !== undefined) carried.set(REQUEST_ID_HEADER, telemetry.fields.request_id);
  const record: NatsRecord = new NatsRecordBuilder(payload).setHeaders(carried).build();
  return record;
}
