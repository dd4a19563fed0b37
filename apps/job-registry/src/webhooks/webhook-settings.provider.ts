import type { Provider } from '@nestjs/common';
import { REGISTRY_CONFIG, type RegistryConfig } from '../registry-config';
import { webhookSettings, type WebhookSettings } from './webhook-config';

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

export const webhookSettingsProvider: Provider = {
  provide: WEBHOOK_SETTINGS,
  inject: [REGISTRY_CONFIG],
  useFactory: (config: RegistryConfig): WebhookSettings => webhookSettings(config),
};
