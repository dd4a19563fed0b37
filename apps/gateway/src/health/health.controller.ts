import { Controller, Get, Inject } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { CodedError } from '@jetjobs/contracts';
import { NATS_CONNECTION } from '@jetjobs/event-store-nest';
import { RegistryClient } from '../registry/registry-client';

const READY_TIMEOUT_MS = 2_000;

/** Liveness and readiness, unauthenticated so that orchestrators can probe them. */
@Controller()
export class HealthController {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly registry: RegistryClient,
  ) {}

  /** The process answers: nothing else is checked, so a NATS outage does not restart it. */
  @Get('healthz')
  health() {
    return { status: 'ok' };
  }

  /** Ready to serve: NATS answers a round trip and job-registry answers a health query. */
  @Get('readyz')
  async ready() {
    await withTimeout(this.natsRoundTrip(), READY_TIMEOUT_MS, 'NATS is not connected');
    await this.registry.send('health', {}, { timeoutMs: READY_TIMEOUT_MS });
    return { status: 'ok' };
  }

  private async natsRoundTrip(): Promise<void> {
    if (this.nc.isClosed()) throw new CodedError('unavailable', 'NATS connection is closed');
    await this.nc.flush();
  }
}

async function withTimeout(work: Promise<void>, ms: number, message: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CodedError('unavailable', message)), ms);
  });
  try {
    await Promise.race([work.catch(() => Promise.reject(new CodedError('unavailable', message))), expired]);
  } finally {
    clearTimeout(timer);
  }
}
