import { Module } from '@nestjs/common';
import { ClientsModule, Transport, type ClientProvider } from '@nestjs/microservices';
import { natsSecurity } from '@jetjobs/event-store';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { REGISTRY_PROXY, RegistryClient } from './registry-client';

@Module({
  imports: [
    ClientsModule.registerAsync([
      {
        name: REGISTRY_PROXY,
        inject: [GATEWAY_CONFIG],
        useFactory: (config: GatewayConfig): ClientProvider => ({
          transport: Transport.NATS,
          // Reconnect forever: a restarting NATS server must not leave the gateway without a registry.
          options: { servers: config.NATS_URL.split(','), name: 'gateway-rpc', maxReconnectAttempts: -1, noAsyncTraces: true, ...natsSecurity() },
        }),
      },
    ]),
  ],
  providers: [RegistryClient],
  exports: [RegistryClient],
})
export class RegistryModule {}
