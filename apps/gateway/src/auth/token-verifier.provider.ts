import type { Provider } from '@nestjs/common';
import { JwksKeyStore, TokenVerifier } from '@jetjobs/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { JWT_SECRET } from './jwt-secret.provider';

/**
 * HS256 with the platform secret, plus RS256/ES256 from `JWT_JWKS_URL` when it is set. Issuer
 * and audience describe that external issuer, so they make no sense without it.
 */
export const tokenVerifierProvider: Provider = {
  provide: TokenVerifier,
  inject: [JWT_SECRET, GATEWAY_CONFIG],
  useFactory: (secret: string, config: GatewayConfig): TokenVerifier => {
    const { JWT_JWKS_URL: url, JWT_ISSUER: issuer, JWT_AUDIENCE: audience } = config;
    if (url === undefined && (issuer !== undefined || audience !== undefined)) {
      throw new Error('JWT_ISSUER and JWT_AUDIENCE apply to tokens verified with JWT_JWKS_URL: set it too, or unset them');
    }
    return new TokenVerifier({ secret, jwks: url === undefined ? undefined : new JwksKeyStore({ url }), issuer, audience });
  },
};
