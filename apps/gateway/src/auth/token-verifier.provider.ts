import { Logger, type Provider } from '@nestjs/common';
import { JwksKeyStore, TokenVerifier } from '@jetjobs/auth';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { JWT_SECRET } from './jwt-secret.provider';

/**
 * HS256 with the platform secret, plus RS256/ES256 from `JWT_JWKS_URL` when it is set. Issuer
 * and audience describe that external issuer; the configuration requires them with it
 * (`authConfigProblems`).
 */
export const tokenVerifierProvider: Provider = {
  provide: TokenVerifier,
  inject: [JWT_SECRET, GATEWAY_CONFIG],
  useFactory: (secret: string, config: GatewayConfig): TokenVerifier => {
    const { JWT_JWKS_URL: url, JWT_ISSUER: issuer, JWT_AUDIENCE: audience, JWT_JWKS_ALLOW_ADMIN: jwksAdmin } = config;
    const logger = new Logger('TokenVerifier');
    const jwks = url === undefined ? undefined : new JwksKeyStore({ url, onFetchError: (message) => logger.warn(message) });
    return new TokenVerifier({ secret, jwks, issuer, audience, jwksAdmin });
  },
};
