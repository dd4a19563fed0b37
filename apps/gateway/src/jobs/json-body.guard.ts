import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { CodedError } from '@jetjobs/contracts';

/** The media types the JSON body parser reads; other bodies are never parsed. */
export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/** A route that needs a JSON body refuses every other content type with 415. */
@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.is(JSON_MEDIA_TYPES)) {
      const given = request.headers['content-type'] ?? 'none';
      throw new CodedError('unsupported_media_type', `Content-Type must be application/json (got ${given})`);
    }
    return true;
  }
}
