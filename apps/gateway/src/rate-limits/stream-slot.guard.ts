import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { CodedError } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { DOWNLOAD_SLOTS, SSE_SLOTS } from './stream-slots.provider';
import type { StreamSlots } from './stream-slots';

/**
 * Seconds a refused client is asked to wait: a slot frees when another stream or download of the
 * project ends, which cannot be foreseen; a few seconds keeps retries from hammering.
 */
export const SLOT_RETRY_AFTER_S = 5;
/** The reconnection delay an expired event stream asks for (the SSE `retry:` field). */
export const SSE_RECONNECT_MS = 1_000;

/**
 * Takes one of the project's slots for as long as the response is open, and gives it back when it
 * closes, however it ends. Put it after the route's auth guard (the project comes from the
 * credential). Refusal is 429 with `Retry-After`, in the route's API's words.
 */
abstract class SlotGuard implements CanActivate {
  constructor(
    private readonly slots: StreamSlots,
    private readonly what: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const projectId = request.principal?.projectId;
    if (projectId === undefined) throw new Error(`${this.constructor.name} runs after an auth guard, which sets the principal`);
    const slot = this.slots.acquire(projectId);
    if ('refused' in slot) {
      response.setHeader('Retry-After', String(SLOT_RETRY_AFTER_S));
      const limit = slot.refused === 'project' ? `this project may have ${this.slots.limit.perProject}` : `the server has ${this.slots.limit.total}`;
      throw new CodedError('rate_limited', `Too many open ${this.what}: ${limit} at once. Close one, or retry after ${SLOT_RETRY_AFTER_S} seconds.`);
    }
    response.once('close', slot.release);
    this.opened(response);
    return true;
  }

  /** What else starts with the slot; nothing for a download. */
  protected opened(_response: Response): void {
    return undefined;
  }
}

/**
 * For event streams: a slot, and a lifetime. When JETJOBS_SSE_MAX_LIFETIME_MS has passed the
 * stream ends with a `retry:` hint, so that no connection lives forever; EventSource clients
 * reconnect by themselves (native streams resume from `Last-Event-ID`, the others restart from
 * the current state, as after any dropped connection).
 */
@Injectable()
export class SseSlotGuard extends SlotGuard {
  constructor(
    @Inject(SSE_SLOTS) slots: StreamSlots,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    super(slots, 'event streams');
  }

  protected override opened(response: Response): void {
    const timer = setTimeout(() => endExpiredStream(response), this.config.JETJOBS_SSE_MAX_LIFETIME_MS);
    timer.unref();
    response.once('close', () => clearTimeout(timer));
  }
}

/** For `/videos` downloads: a slot while the file is sent. */
@Injectable()
export class DownloadSlotGuard extends SlotGuard {
  constructor(@Inject(DOWNLOAD_SLOTS) slots: StreamSlots) {
    super(slots, 'downloads');
  }
}

/** Only a stream that has started is ended here; a plain JSON answer (an AVF result) ends by itself. */
function endExpiredStream(response: Response): void {
  if (response.writableEnded || !String(response.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) return;
  response.end(`: this stream reached its maximum lifetime; reconnect\nretry: ${SSE_RECONNECT_MS}\n\n`);
}
