import { Module } from '@nestjs/common';
import { MediaBucket } from './media-bucket';
import { UploadService } from './upload.service';

/** Uploads into, and the handle on, the media object store; for any feature that takes a video. */
@Module({
  providers: [MediaBucket, UploadService],
  exports: [MediaBucket, UploadService],
})
export class UploadsModule {}
