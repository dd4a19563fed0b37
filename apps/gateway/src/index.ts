/** What other projects (end-to-end tests, the platform launcher) use of the gateway. */
export { createGatewayApp, type GatewayAppOptions } from './gateway-app';
export { loadGatewayConfig, type GatewayConfig } from './config/gateway-config';
