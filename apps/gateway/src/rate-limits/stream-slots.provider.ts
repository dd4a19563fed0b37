import type { Provider } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { StreamSlots } from './stream-slots';

/** The open event streams of this replica (native, moderation progress, AVF status), shared by every API. */
export const SSE_SLOTS = Symbol('SSE_SLOTS');
/** The running `/videos` downloads of this replica. */
export const DOWNLOAD_SLOTS = Symbol('DOWNLOAD_SLOTS');

export const streamSlotProviders: Provider[] = [
  {
    provide: SSE_SLOTS,
    inject: [GATEWAY_CONFIG],
    useFactory: (config: GatewayConfig) => new StreamSlots({ perProject: config.JETJOBS_SSE_MAX_PER_PROJECT, total: config.JETJOBS_SSE_MAX_TOTAL }),
  },
  {
    provide: DOWNLOAD_SLOTS,
    inject: [GATEWAY_CONFIG],
    useFactory: (config: GatewayConfig) => new StreamSlots({ perProject: config.JETJOBS_DOWNLOADS_MAX_PER_PROJECT, total: config.JETJOBS_DOWNLOADS_MAX_TOTAL }),
  },
];
