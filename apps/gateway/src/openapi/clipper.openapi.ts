import { jobIdParameter, jsonContent, jsonResponse, nativeAuthErrors, nativeError, orNull, rateLimited, ref } from './common.openapi';
import type { OpenApiArea, Operation } from './openapi-area';

const TAG = 'Clipper (viral clips)';
// The original is open: an operator may map calls without a credential to one project.
const clipperSecurity: Operation['security'] = [{ bearerAuth: [] }, {}];
// A <video> element cannot send headers: the clip files also take `?access_token=`.
const videoSecurity: Operation['security'] = [{ bearerAuth: [] }, { accessToken: [] }, {}];
const RANGE_ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', const: 'range_not_satisfiable' }, message: { type: 'string' } } } },
};
const ANONYMOUS = ' With `JETJOBS_ANONYMOUS_CLIPPER_PROJECT` set, a call without any credential acts as that project.';

/** The clipper API, wire-compatible with the original (`seeds/clipper-status.txt`), and its clip files. */
export const clipperOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Short vertical clips cut from a long video. Errors use the native `{error: {code, message}}` body.' }],
  schemas: {
    ClipperAccepted: {
      type: 'object',
      required: ['job_id', 'status'],
      properties: { job_id: { type: 'string', format: 'uuid' }, status: { type: 'string', const: 'queued' } },
    },
    ClipperStatus: {
      type: 'object',
      required: ['status', 'logs', 'result'],
      properties: {
        status: { type: 'string', enum: ['queued', 'processing', 'completed', 'failed'], description: 'A cancelled job reads `failed`.' },
        logs: { type: 'array', items: { type: 'string' }, description: 'Grows line by line while the job runs.' },
        result: {
          ...orNull({
            type: 'object',
            required: ['clips', 'cost_analysis'],
            properties: { clips: { type: 'array', items: ref('ClipperClip') }, cost_analysis: ref('ClipperCostAnalysis') },
          }),
          description: 'Null until the first clip is ready; clips fill in one by one before completion (costs read 0 until then).',
        },
      },
    },
    ClipperClip: {
      type: 'object',
      required: ['video_url', 'title', 'video_description_for_tiktok', 'video_description_for_instagram', 'video_title_for_youtube_short', 'start', 'end', 'virality_score'],
      properties: {
        video_url: { ...orNull({ type: 'string' }), description: 'Relative: `/videos/<job_id>/<file>.mp4`, served by this gateway.' },
        title: { type: 'string' },
        video_description_for_tiktok: { type: 'string' },
        video_description_for_instagram: { type: 'string' },
        video_title_for_youtube_short: { type: 'string', maxLength: 100 },
        start: { ...orNull({ type: 'number' }), description: 'Seconds into the source video.' },
        end: orNull({ type: 'number' }),
        virality_score: orNull({ type: 'number', minimum: 0, maximum: 100 }),
      },
    },
    ClipperCostAnalysis: {
      type: 'object',
      required: ['total_cost', 'gemini_api_calls', 'whisper_duration_seconds'],
      properties: {
        total_cost: { type: 'number', description: 'USD' },
        gemini_api_calls: { type: 'integer', description: 'Calls to the language model.' },
        whisper_duration_seconds: { type: 'number', description: 'Seconds of audio transcribed.' },
      },
    },
  },
  paths: {
    '/api/process': {
      post: {
        tags: [TAG],
        operationId: 'clipperProcess',
        summary: 'Submit a video by URL or upload',
        description: `Needs scope \`clips:process\`. Exactly one source: JSON \`{"url": …}\`, or multipart \`file\` (a form may carry \`url\` instead).${ANONYMOUS}`,
        security: clipperSecurity,
        requestBody: {
          required: true,
          content: {
            ...jsonContent({ type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri', description: 'A public http(s) or YouTube URL.' } } }),
            'multipart/form-data': {
              schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, url: { type: 'string', format: 'uri' } } },
            },
          },
        },
        responses: {
          200: jsonResponse('Queued', ref('ClipperAccepted')),
          400: nativeError('No source, both sources, a bad or private URL, an empty file or not a video', ['validation_failed', 'malformed_json']),
          413: nativeError("Upload over the size limit, or past the project's storage quota", ['payload_too_large', 'quota_exceeded']),
          429: rateLimited(),
          ...nativeAuthErrors,
        },
      },
    },
    '/api/status/{job_id}': {
      get: {
        tags: [TAG],
        operationId: 'clipperStatus',
        summary: 'A job\'s status, logs and (partial) result',
        description: `Needs scope \`job:read\`.${ANONYMOUS}`,
        security: clipperSecurity,
        parameters: [{ ...jobIdParameter, name: 'job_id' }],
        responses: {
          200: jsonResponse('The status', ref('ClipperStatus')),
          404: nativeError('Unknown or expired job, or one of another project or API', ['job_not_found']),
          ...nativeAuthErrors,
        },
      },
    },
    '/videos/{job_id}/{file}': {
      get: {
        tags: [TAG],
        operationId: 'clipperVideo',
        summary: 'A rendered clip, with byte ranges for seeking',
        description: `Needs scope \`job:read\`; a stream token of the job works as \`?access_token=\` too, since a <video> element cannot send headers. HEAD is answered as well.${ANONYMOUS}`,
        security: videoSecurity,
        parameters: [
          { ...jobIdParameter, name: 'job_id' },
          { name: 'file', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'Range', in: 'header', description: 'One range, e.g. `bytes=0-1023`.', schema: { type: 'string' } },
        ],
        responses: {
          200: { description: 'The whole file (`Accept-Ranges: bytes`, exact `Content-Length`)', content: { 'video/mp4': { schema: { type: 'string', format: 'binary' } } } },
          206: { description: 'The requested range, with `Content-Range`', content: { 'video/mp4': { schema: { type: 'string', format: 'binary' } } } },
          404: nativeError('No such file for this job in your project', ['not_found', 'job_not_found']),
          416: jsonResponse('The range lies outside the file (`Content-Range: bytes */<size>`)', RANGE_ERROR, {
            error: { code: 'range_not_satisfiable', message: 'Range bytes=999999999- is outside the file (1024 bytes)' },
          }),
          ...nativeAuthErrors,
        },
      },
    },
  },
};
