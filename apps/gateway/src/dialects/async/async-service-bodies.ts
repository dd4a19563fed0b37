import { CodedError } from '@jetjobs/contracts';
import { clipperInputOf, clipperJsonUrl } from '../clipper/clipper-source';
import { readModerationBody, type UrlAllowlists } from '../moderation/moderation-body';

/** A request body as the job it becomes. */
export interface ServiceBodyJob {
  readonly input: unknown;
  readonly webhookUrl: string | null;
}

/**
 * Reads a service's own JSON submit body, with the same schema and URL checks as the service's
 * route. Messages start with the field's name within the body.
 */
export type ServiceBodyReader = (body: unknown, allowlists: UrlAllowlists) => Promise<ServiceBodyJob>;

/** `POST /api/v1/moderate/video`'s JSON body: `video_url`, optional `webhook_url`. */
export const moderationServiceBody: ServiceBodyReader = (body, allowlists) => readModerationBody(body, null, allowlists);

const CLIPPER_BODY = 'The clipper takes {"url": "<public http(s) URL of the video>"}';

/** `POST /api/process`'s JSON body: `url`. */
export const clipperServiceBody: ServiceBodyReader = async (body, allowlists) => {
  const url = clipperJsonUrl(body, CLIPPER_BODY);
  try {
    return { input: await clipperInputOf({ url }, allowlists.JETJOBS_SOURCE_URL_ALLOWLIST), webhookUrl: null };
  } catch (error) {
    // The clipper's own route names no field for a refused URL; here the body has several.
    if (error instanceof CodedError) throw new CodedError(error.code, `url: ${error.message}`);
    throw error;
  }
};
