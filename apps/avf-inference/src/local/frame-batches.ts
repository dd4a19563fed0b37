import { decodeFrames } from '@jetjobs/media';
import type { SequenceSpan } from '../analysis/sequences';

/** One sequence's decoded frames, packed in a transferable buffer. */
export interface FrameBatch {
  readonly span: SequenceSpan;
  readonly pixels: ArrayBuffer;
}

export interface BatchOptions {
  readonly width: number;
  readonly height: number;
  /** ffmpeg filters before the final scale (e.g. letterboxing). */
  readonly filters?: readonly string[];
  readonly signal: AbortSignal;
}

/**
 * Decodes the video and yields one batch per planned sequence as soon as its frames are in. The
 * plan comes from the probed frame count; if the decoder gives fewer frames the last batch is
 * shorter, if it gives more they form further sequences of the same length.
 */
export async function* frameBatches(file: string, plan: readonly SequenceSpan[], options: BatchOptions): AsyncGenerator<FrameBatch> {
  const frameBytes = options.width * options.height * 3;
  const length = plan[0] ? plan[0].end - plan[0].start : 1;
  const spanAt = (index: number, start: number): SequenceSpan => plan[index] ?? { index, start, end: start + length };
  let span = spanAt(0, 0);
  let pixels = new Uint8Array(new ArrayBuffer((span.end - span.start) * frameBytes));
  let filled = 0;
  for await (const frame of decodeFrames(file, { width: options.width, height: options.height, filters: options.filters, signal: options.signal })) {
    pixels.set(frame, filled * frameBytes);
    filled++;
    if (span.start + filled < span.end) continue;
    yield { span, pixels: pixels.buffer as ArrayBuffer };
    span = spanAt(span.index + 1, span.end);
    pixels = new Uint8Array(new ArrayBuffer((span.end - span.start) * frameBytes));
    filled = 0;
  }
  if (filled > 0) yield { span: { ...span, end: span.start + filled }, pixels: pixels.buffer.slice(0, filled * frameBytes) as ArrayBuffer };
}
