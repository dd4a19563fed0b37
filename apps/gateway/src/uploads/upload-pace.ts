import type { Request } from 'express';
import { CodedError } from '@jetjobs/contracts';
import { formatSize } from './upload-limits';

export interface UploadPaceOptions {
  /** Fewer bytes per second than this over a whole window fails the upload; 0 never does. */
  readonly minBytesPerSecond: number;
  readonly windowMs: number;
}

/**
 * Watches how fast a request body arrives and calls `onTooSlow` once when a whole window brought
 * less than the minimum. Time the gateway itself holds the client back (the request is paused
 * while the object store catches up) is not the client's fault: a window only counts when the
 * request flowed through all of it.
 * @returns a function that stops watching.
 */
export function watchUploadPace(request: Request, options: UploadPaceOptions, onTooSlow: (error: CodedError) => void): () => void {
  if (options.minBytesPerSecond === 0) return () => undefined;
  const minBytes = (options.minBytesPerSecond * options.windowMs) / 1000;
  let bytes = 0;
  let heldBack = false;
  const onData = (chunk: Buffer) => void (bytes += chunk.length);
  const onPause = () => void (heldBack = true);
  const timer = setInterval(() => {
    if (!heldBack && request.readableFlowing !== false && bytes < minBytes) {
      stop();
      onTooSlow(
        new CodedError(
          'request_timeout',
          `The upload is too slow: ${formatSize(bytes)} in the last ${options.windowMs / 1000} s, under the minimum of ${formatSize(options.minBytesPerSecond)} per second`,
        ),
      );
      return;
    }
    bytes = 0;
    heldBack = request.readableFlowing === false;
  }, options.windowMs);
  const stop = () => {
    clearInterval(timer);
    request.off('data', onData);
    request.off('pause', onPause);
  };
  request.on('data', onData);
  request.on('pause', onPause);
  request.once('end', stop);
  request.once('close', stop);
  return stop;
}
