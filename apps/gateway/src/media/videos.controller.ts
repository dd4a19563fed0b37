import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Logger, Param, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ObjectInfo } from '@nats-io/obj';
import { CodedError, MEDIA_PURPOSES } from '@jetjobs/contracts';
import { EventStore } from '@jetjobs/event-store';
import { Actor } from '../auth/actor.decorator';
import { AllowQueryToken, RequireScopes } from '../auth/require-scopes.decorator';
import { ClipperAuthGuard } from '../dialects/clipper/clipper-auth.guard';
import { JobIdPipe } from '../jobs/job-id.pipe';
import { DownloadSlotGuard } from '../rate-limits/stream-slot.guard';
import { MediaBucket } from '../uploads/media-bucket';
import { chooseRange, type ByteRange } from './byte-range';
import { clipObjectName, isMediaFileName } from './clip-object';
import { mediaTypeOf } from './media-type';
import { objectChunks } from './object-chunks';
import { JobViews } from '../live-events/job-views';

/**
 * `GET /videos/:job_id/:file` — a file a job produced (the clipper's rendered clips), streamed
 * from the object store with what video players need to seek: `Accept-Ranges`, single `Range`
 * requests (206 / 416) and an exact `Content-Length`. Part of the clipper API, so it takes the
 * same credentials (or none, for an anonymous clipper project); the job's stream token may come
 * as `?access_token=` because a `<video>` element cannot send headers.
 */
@Controller('videos')
@UseGuards(ClipperAuthGuard)
export class VideosController {
  private readonly logger = new Logger(VideosController.name);

  constructor(
    private readonly views: JobViews,
    private readonly bucket: MediaBucket,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  @Get(':job_id/:file')
  @RequireScopes('job:read')
  @AllowQueryToken()
  @UseGuards(DownloadSlotGuard)
  async download(
    @Actor() actor: Actor,
    @Param('job_id', JobIdPipe) jobId: string,
    @Param('file') file: string,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const info = await this.findFile(actor, jobId, file);
    const etag = `"${info.digest}"`;
    // A Range conditioned on another version of the file (If-Range) gets the whole current one.
    const ifRange = request.headers['if-range'];
    const choice = ifRange === undefined || ifRange === etag ? chooseRange(request.headers.range, info.size) : { kind: 'full' as const };
    response.set({
      'Accept-Ranges': 'bytes',
      ETag: etag,
      'Last-Modified': new Date(info.mtime).toUTCString(),
      'X-Content-Type-Options': 'nosniff',
    });
    if (choice.kind === 'unsatisfiable') {
      response.status(416).set('Content-Range', `bytes */${info.size}`);
      response.json({ error: { code: 'range_not_satisfiable', message: `Range ${request.headers.range} is outside the file (${info.size} bytes)` } });
      return;
    }
    const range: ByteRange = choice.kind === 'partial' ? choice.range : { start: 0, end: info.size - 1 };
    if (choice.kind === 'partial') response.status(206).set('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`);
    response.set({
      'Content-Type': mediaTypeOf(file, info.headers?.get('Content-Type') || undefined),
      'Content-Length': String(range.end - range.start + 1),
      'Content-Disposition': `inline; filename="${file}"`,
    });
    if (request.method === 'HEAD') return void response.end();
    await this.send(info, range, response);
  }

  private async findFile(actor: Actor, jobId: string, file: string): Promise<ObjectInfo> {
    const missing = new CodedError('not_found', `No file "${file}" for job ${jobId}`);
    if (!isMediaFileName(file)) throw missing;
    // The registry answers 404 for another project's job: its files are as invisible as the job.
    await this.views.get(actor, jobId);
    // The object's own record of its owner is checked too: a name is no proof of ownership.
    const info = await this.bucket.ownedInfo(clipObjectName(jobId, file), actor.projectId, MEDIA_PURPOSES.output);
    if (!info) throw missing;
    return info;
  }

  /** Errors once bytes are out can only cut the response short; a client that left is no error. */
  private async send(info: ObjectInfo, range: ByteRange, response: Response): Promise<void> {
    try {
      await pipeline(Readable.from(objectChunks(this.store.js, this.bucket, info, range)), response);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
      this.logger.error(`Download of ${info.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy();
    }
  }
}
