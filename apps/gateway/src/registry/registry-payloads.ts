import { z } from 'zod';
import {
  apiKeyCreatePayloadSchema,
  apiKeyRevokePayloadSchema,
  apiKeysPayloadSchema,
  apiKeyVerifyPayloadSchema,
  COMMAND_NAMES,
  consoleJobsPayloadSchema,
  failureGroupsPayloadSchema,
  eventsAfterPayloadSchema,
  failuresPayloadSchema,
  getJobPayloadSchema,
  jobCommandPayloadSchema,
  listJobsPayloadSchema,
  listWebhookDeliveriesPayloadSchema,
  redrivePayloadSchema,
  submitJobPayloadSchema,
  webhookSecretPayloadSchema,
  type CommandName,
  type Names,
  type QueryName,
  type RegistryReplies,
} from '@jetjobs/contracts';

export type RegistryMessage = keyof RegistryReplies;

/** What each registry subject accepts; every payload is checked against it before it is sent. */
export const REGISTRY_PAYLOAD_SCHEMAS = {
  submit: submitJobPayloadSchema,
  cancel: jobCommandPayloadSchema,
  retry: jobCommandPayloadSchema,
  job: getJobPayloadSchema,
  jobs: listJobsPayloadSchema,
  events: eventsAfterPayloadSchema,
  health: z.object({}),
  'webhook-deliveries': listWebhookDeliveriesPayloadSchema,
  'webhook-secret': webhookSecretPayloadSchema,
  'api-key-create': apiKeyCreatePayloadSchema,
  'api-key-revoke': apiKeyRevokePayloadSchema,
  'api-keys': apiKeysPayloadSchema,
  'api-key-verify': apiKeyVerifyPayloadSchema,
  failures: failuresPayloadSchema,
  redrive: redrivePayloadSchema,
  'console-jobs': consoleJobsPayloadSchema,
  'failure-groups': failureGroupsPayloadSchema,
  'projection-status': z.object({}),
} as const satisfies Record<RegistryMessage, z.ZodType>;

export type RegistryPayloads = { [K in RegistryMessage]: z.input<(typeof REGISTRY_PAYLOAD_SCHEMAS)[K]> };

/** Commands and queries live under different subject prefixes. */
export function registrySubject(names: Names, message: RegistryMessage): string {
  return (COMMAND_NAMES as readonly string[]).includes(message)
    ? names.command(message as CommandName)
    : names.query(message as QueryName);
}
