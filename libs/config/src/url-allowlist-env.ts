import { z } from 'zod';
import { parseAllowlist } from '@jetjobs/url-safety';
import { milliseconds } from './common-env';

/** How long a source server may send nothing before the download is given up as stalled. */
export const SOURCE_IDLE_TIMEOUT_DEFAULT_MS = 30_000;

/**
 * A comma-separated list of internal host names (`media.internal`, `*.corp.example`), IP addresses
 * and CIDR networks, parsed into normalised entries; a bad entry is a start-up error naming it.
 */
export const urlAllowlist = () =>
  z
    .string()
    .default('')
    .transform((text, context) => {
      try {
        return parseAllowlist(text);
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    });

/**
 * The one list that used to cover media inputs and webhooks alike. Allowing an internal media
 * host also let every tenant POST its webhooks there, so it is refused rather than guessed at:
 * an operator must say which of the two it meant.
 */
const retiredAllowlist = z
  .string()
  .optional()
  .refine((value) => value === undefined || value.trim() === '', {
    message:
      'no longer read, because it let webhooks reach every host allowed for media. Set JETJOBS_SOURCE_URL_ALLOWLIST ' +
      '(internal hosts video URLs may be fetched from) and/or JETJOBS_WEBHOOK_URL_ALLOWLIST (internal hosts webhooks may be sent to) instead',
  });

/** Where video URL inputs may be fetched from, and how long a silent source is waited for. */
export const sourceUrlEnv = {
  JETJOBS_SOURCE_URL_ALLOWLIST: urlAllowlist(),
  JETJOBS_URL_ALLOWLIST: retiredAllowlist,
} as const;

/** The download side of `sourceUrlEnv`, for the services that fetch sources (the workers). */
export const sourceFetchEnv = {
  ...sourceUrlEnv,
  JETJOBS_SOURCE_IDLE_TIMEOUT_MS: milliseconds(SOURCE_IDLE_TIMEOUT_DEFAULT_MS),
} as const;

/** Where webhooks may be delivered although internal: a list of its own, never the sources'. */
export const webhookUrlEnv = {
  JETJOBS_WEBHOOK_URL_ALLOWLIST: urlAllowlist(),
  JETJOBS_URL_ALLOWLIST: retiredAllowlist,
} as const;
