import { CodedError, moderationInputSchema, type MediaRef, type ModerationInput } from '@jetjobs/contracts';
import { assertPublicHttpUrl } from '@jetjobs/url-safety';
import type { GatewayConfig } from '../../config/gateway-config';
import { assertWebhookUrl } from '../../webhooks/webhook-url';
import { moderateVideoFieldsSchema } from './moderation-requests';

/** A moderation request as the job it becomes: its input and where its webhook goes. */
export interface ModerationSubmission {
  readonly input: ModerationInput;
  readonly webhookUrl: string | null;
}

/** The internal hosts a video URL, and apart a webhook, may name. */
export type UrlAllowlists = Pick<GatewayConfig, 'JETJOBS_SOURCE_URL_ALLOWLIST' | 'JETJOBS_WEBHOOK_URL_ALLOWLIST'>;

/**
 * The body of `POST /api/v1/moderate/video` (`video_url`, optional `webhook_url`, or an uploaded
 * `file` instead of `video_url`), checked the one way every route that takes it checks it: both
 * URLs public http(s), against their resolved addresses. Messages start with the field's name.
 * @throws CodedError `validation_failed` (or the URL check's code); ZodError for a field of the wrong type.
 */
export async function readModerationBody(fields: unknown, file: MediaRef | null, allowlists: UrlAllowlists): Promise<ModerationSubmission> {
  const { video_url: videoUrl, webhook_url: webhookUrl } = moderateVideoFieldsSchema.parse(fields ?? {});
  const input = await inputOf(videoUrl, file, allowlists.JETJOBS_SOURCE_URL_ALLOWLIST);
  if (webhookUrl !== undefined) await assertWebhookUrl(webhookUrl, allowlists.JETJOBS_WEBHOOK_URL_ALLOWLIST);
  return { input, webhookUrl: webhookUrl === undefined ? null : new URL(webhookUrl).href };
}

async function inputOf(videoUrl: string | undefined, file: MediaRef | null, allowlist: readonly string[]): Promise<ModerationInput> {
  if (videoUrl !== undefined && file) throw new CodedError('validation_failed', 'Send either video_url or a file, not both');
  if (file) return moderationInputSchema.parse({ source: { upload: file } });
  if (videoUrl === undefined) throw new CodedError('validation_failed', 'video_url: is required (a public http or https URL of the video)');
  try {
    const url = await assertPublicHttpUrl(videoUrl, { allowlist });
    return moderationInputSchema.parse({ source: { url: url.href } });
  } catch (error) {
    if (error instanceof CodedError) throw new CodedError(error.code, `video_url: ${error.message}`);
    throw error;
  }
}
