import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { CodedError } from '@jetjobs/contracts';

/** The media types the JSON body parser reads; other bodies are never parsed. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * A route that needs a JSON body refuses every other content type with 415. The header is checked
 * rather than `req.is()`, which says nothing about a request without a body: an empty JSON request
 * is a validation error (fields are missing), not a media type error.
 */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers['content-type'];
    if (header === undefined || !isJsonMediaType(header)) {
      throw new CodedError('unsupported_media_type', `Content-Type must be application/json (got ${header ?? 'none'})`);
    }
    return true;
  }
}

export function isJsonMediaType(contentType: string): boolean {
  const essence = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(essence);
}
