import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { resolveJwtSecret } from '@jetjobs/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';

export const JWT_SECRET = Symbol('JWT_SECRET');

/**
 * Resolved once at start-up: the configured secret, or the development secret shared with the CLI
 * and the other local services through the data directory.
 */
export const jwtSecretProvider: Provider = {
  provide: JWT_SECRET,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig): string =>
    resolveJwtSecret({
      env: { JWT_SECRET: config.JWT_SECRET },
      dataDir: config.JETJOBS_DATA_DIR ?? join(process.cwd(), '.data'),
    }),
};
