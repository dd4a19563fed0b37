import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { CodedError, type Names, type RegistryReplies, type Reply } from '@jetjobs/contracts';
import { NAMES } from '@jetjobs/event-store-nest';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { isErrorCode } from '../errors/error-status';
import { withTraceHeaders } from '../telemetry/registry-trace-headers';
import { REGISTRY_PAYLOAD_SCHEMAS, registrySubject, type RegistryMessage, type RegistryPayloads } from './registry-payloads';

export const REGISTRY_PROXY = Symbol('REGISTRY_PROXY');

export interface SendOptions {
  /** Overrides the configured timeout, e.g. for readiness checks. */
  readonly timeoutMs?: number;
}

/**
 * job-registry over NATS request/reply. Payloads are validated before they leave, a missing answer
 * becomes `unavailable` after a timeout, and a `{ok:false}` reply is rethrown as a CodedError with
 * the registry's code, so the HTTP status is decided in one place: the exception filter.
 */
@Injectable()
export class RegistryClient {
  private readonly logger = new Logger(RegistryClient.name);

  constructor(
    @Inject(REGISTRY_PROXY) private readonly proxy: ClientProxy,
    @Inject(NAMES) private readonly names: Names,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async send<K extends RegistryMessage>(message: K, payload: RegistryPayloads[K], options: SendOptions = {}): Promise<RegistryReplies[K]> {
    const checked: unknown = REGISTRY_PAYLOAD_SCHEMAS[message].parse(payload);
    const timeoutMs = options.timeoutMs ?? this.config.JETJOBS_REGISTRY_TIMEOUT_MS;
    const reply = await this.request(registrySubject(this.names, message), checked, timeoutMs);
    return this.unwrap(message, reply) as RegistryReplies[K];
  }

  private async request(subject: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    try {
      return await firstValueFrom(this.proxy.send<unknown>(subject, withTraceHeaders(payload)).pipe(timeout(timeoutMs)));
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new CodedError('unavailable', `The job registry did not answer within ${timeoutMs} ms`);
      }
      // No responders, a lost connection or an error raised by the transport itself.
      this.logger.warn(`Request on ${subject} failed: ${describe(error)}`);
      throw new CodedError('unavailable', 'The job registry is not reachable');
    }
  }

  private unwrap(message: RegistryMessage, reply: unknown): unknown {
    const candidate = reply as Partial<Reply<unknown>> | null;
    if (candidate?.ok === true && 'value' in candidate) return candidate.value;
    if (candidate?.ok === false && isReplyError(candidate.error)) {
      const { code, message: text } = candidate.error;
      throw new CodedError(isErrorCode(code) ? code : 'internal', text);
    }
    this.logger.error(`Unexpected reply to "${message}": ${JSON.stringify(reply)}`);
    throw new CodedError('internal', 'Unexpected reply from the job registry');
  }
}

function isReplyError(value: unknown): value is { code: string; message: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && typeof message === 'string';
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) return JSON.stringify(error);
  return String(error);
}
