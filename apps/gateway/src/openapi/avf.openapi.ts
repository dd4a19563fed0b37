import { jobIdParameter, jsonContent, jsonResponse, nativeAuthErrors, nativeError, orNull, rateLimited, ref, sseResponse } from './common.openapi';
import type { OpenApiArea, Schema } from './openapi-area';

const TAG = 'AVF (forgery detection)';
const unix: Schema = { type: 'integer', description: 'Unix seconds' };

const STREAM_EXAMPLE = `data: {"request_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","project_id":"p1","source_filename":"clip.mp4","status":"processing","created_at":1767225600}

: keepalive

data: {"request_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","project_id":"p1","source_filename":"clip.mp4","status":"completed","created_at":1767225600,"completed_at":1767225642,"result":{"success":true,"message":"Inference completed successfully","prediction":"real","confidence":0.97,"score":0.03,"metadata":{"sequence_length":30,"video_frames":900,"request_id":"7b0ae4b8-8f5e-4a59-9c1c-0b1f0e9d2c11","source_filename":"clip.mp4"}}}

`;

/** The AVF API, wire-compatible with the original (`seeds/avf-status.txt`). */
export const avfOpenApi: OpenApiArea = {
  tags: [{ name: TAG, description: 'Audio-visual forgery detection of an uploaded video. Errors use the native `{error: {code, message}}` body.' }],
  schemas: {
    AvfAccepted: {
      type: 'object',
      required: ['message', 'data'],
      properties: {
        message: { type: 'string', const: 'Inference request accepted' },
        data: {
          type: 'object',
          required: ['success', 'message', 'prediction', 'confidence', 'score', 'metadata'],
          properties: {
            success: { type: 'boolean', const: true },
            message: { type: 'string', const: 'Accepted for processing' },
            prediction: { type: 'null' },
            confidence: { type: 'null' },
            score: { type: 'null' },
            metadata: {
              type: 'object',
              required: ['request_id', 'source_filename', 'received_at'],
              properties: { request_id: { type: 'string', format: 'uuid' }, source_filename: { type: 'string' }, received_at: unix },
            },
          },
        },
      },
    },
    AvfStatus: {
      type: 'object',
      required: ['request_id', 'project_id', 'source_filename', 'status', 'created_at'],
      properties: {
        request_id: { type: 'string', format: 'uuid' },
        project_id: { type: 'string' },
        source_filename: { type: 'string' },
        status: { type: 'string', enum: ['pending', 'processing', 'completed', 'failed'], description: 'A cancelled request reads `failed`.' },
        created_at: unix,
        completed_at: { ...unix, description: 'Only once completed.' },
        result: { ...ref('AvfResult'), description: 'Only once completed.' },
        error: { type: 'string', description: 'Only once failed: why.' },
      },
    },
    AvfResult: {
      type: 'object',
      required: ['success', 'message', 'prediction', 'confidence', 'score', 'metadata'],
      properties: {
        success: { type: 'boolean' },
        message: { type: 'string' },
        prediction: orNull({ type: 'string', enum: ['real', 'fake'] }),
        confidence: orNull({ type: 'number' }),
        score: orNull({ type: 'number' }),
        metadata: {
          type: 'object',
          required: ['request_id', 'source_filename'],
          description: 'The model\'s metadata (`sequence_length`, `video_frames`, …) with the request\'s id and file name.',
          properties: { request_id: { type: 'string', format: 'uuid' }, source_filename: { type: 'string' } },
          additionalProperties: true,
        },
      },
    },
  },
  paths: {
    '/api-gateway/avf/infer': {
      post: {
        tags: [TAG],
        operationId: 'avfInfer',
        summary: 'Submit a video for forgery detection',
        description: 'Needs scope `avf:infer`. The upload streams into storage as it arrives; its content must be a video, whatever its name.',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'The video, at most 100 MB.' } } },
            },
          },
        },
        responses: {
          202: jsonResponse('Accepted, in the original\'s envelope', ref('AvfAccepted')),
          400: nativeError('No `file`, an empty file, or not a video', ['validation_failed']),
          413: nativeError("Over 100 MB, or past the project's storage quota", ['payload_too_large', 'quota_exceeded']),
          429: rateLimited(),
          ...nativeAuthErrors,
        },
      },
    },
    '/api-gateway/avf/status/{request_id}': {
      get: {
        tags: [TAG],
        operationId: 'avfStatus',
        summary: 'A request\'s status: JSON once finished, otherwise a stream',
        description:
          'Needs scope `job:read`. A completed or failed request answers the status object as JSON. A pending or processing one answers ' +
          '`text/event-stream`: unnamed `data:` events, each the full status object, sent whenever it changes, `: keepalive` comments, ' +
          'closed after the completed/failed object or after 5 minutes.',
        security: [{ bearerAuth: [] }, { accessToken: [] }],
        parameters: [{ ...jobIdParameter, name: 'request_id' }],
        responses: {
          200: {
            description: 'The status object (finished request) or a stream of them (unfinished request)',
            content: { ...jsonContent(ref('AvfStatus')), ...sseResponse('', STREAM_EXAMPLE).content },
          },
          404: nativeError('No AVF request with this id in your project', ['job_not_found']),
          ...nativeAuthErrors,
        },
      },
    },
  },
};
