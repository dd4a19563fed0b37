import { decodeAudio } from '@jetjobs/media';
import { PermanentError } from '@jetjobs/worker-runtime';
import { planSequences, type SequenceSpan } from '../analysis/sequences';
import { SEQUENCE_STATUS, type SequenceReport } from '../analysis/sequence-report';
import { round } from '../analysis/sync-evidence';
import type { AnalysisReport, AnalysisRequest, AvfBackend } from '../backend';
import { frameBatches } from '../local/frame-batches';
import type { ModelContract, ModelExpectation } from './model-contract';
import { encodeInferRequest } from './oip-codec';
import type { OipClient } from './oip-client';

export interface KserveBackendSettings extends ModelExpectation {
  readonly sampleRate: number;
  /** Send tensors as binary data (the protocol's extension) rather than JSON arrays. */
  readonly binary: boolean;
  /** Inference requests in flight per job. */
  readonly concurrency: number;
}

/**
 * Sends each sequence to a model served over the Open Inference Protocol: its frames letterboxed
 * to S×S as UINT8 [1, N, S, S, 3] and the audio heard meanwhile as FP32 [1, M] (mono, in [-1, 1]);
 * the model answers the sequence's forgery probability.
 */
export function createKserveBackend(client: OipClient, contract: ModelContract, settings: KserveBackendSettings): AvfBackend {
  return { name: 'kserve', analyse: (request) => analyseRemotely(client, contract, settings, request), close: async () => undefined };
}

async function analyseRemotely(client: OipClient, contract: ModelContract, settings: KserveBackendSettings, request: AnalysisRequest): Promise<AnalysisReport> {
  const { info, file, sequenceLength } = request;
  if (contract.fixedFrames !== null && sequenceLength !== contract.fixedFrames) {
    throw new PermanentError(`The model takes sequences of exactly ${contract.fixedFrames} frames; this job asks for ${sequenceLength}`, 'unsupported_sequence_length');
  }
  const fps = info.video.fps > 0 ? info.video.fps : 25;
  const plan = planSequences(info.video.frameCount, sequenceLength, contract.fixedFrames !== null);
  const samples = info.audio ? await decodeAudio(file, settings.sampleRate, { signal: request.signal }) : new Float32Array(0);
  const size = settings.frameSize;
  const letterbox = [`scale=${size}:${size}:force_original_aspect_ratio=decrease`, `pad=${size}:${size}:(ow-iw)/2:(oh-ih)/2`];
  request.log(`sending ${plan.length} sequences to model "${client.modelName}" as ${size}x${size} frames`);

  const stop = new AbortController();
  const signal = AbortSignal.any([request.signal, stop.signal]);
  const reports: SequenceReport[] = [];
  const pending = new Set<Promise<void>>();
  let decoded = 0;
  try {
    for await (const batch of frameBatches(file, plan, { width: size, height: size, filters: letterbox, signal })) {
      decoded = batch.span.end;
      const frames = batch.span.end - batch.span.start;
      if (contract.fixedFrames !== null && frames !== contract.fixedFrames) {
        reports.push(unsent(batch.span));
        continue;
      }
      const audio = audioOf(samples, batch.span, fps, settings.sampleRate);
      const encoded = encodeInferRequest(
        `${request.jobId}-${batch.span.index}`,
        [
          { name: settings.framesInput, datatype: 'UINT8', shape: [1, frames, size, size, 3], data: new Uint8Array(batch.pixels) },
          { name: settings.audioInput, datatype: 'FP32', shape: [1, audio.length], data: audio },
        ],
        [settings.output],
        settings.binary,
      );
      const task: Promise<void> = client.infer(encoded, settings.output, signal).then((values) => {
        const report = judged(batch.span, values, settings.output);
        reports.push(report);
        request.onSequence(report, reports.length, Math.max(plan.length, reports.length));
      });
      pending.add(task);
      // A failed sequence stops the decoder at once, which ends the loop with that failure.
      task.then(() => pending.delete(task), (error: unknown) => stop.abort(error));
      while (pending.size >= settings.concurrency) await Promise.race(pending);
    }
    await Promise.all(pending);
  } catch (error) {
    // One sequence failed: stop decoding and the other requests, then report that failure.
    stop.abort(error);
    await Promise.allSettled(pending);
    throw error;
  }
  return { videoFrames: decoded, sequences: reports.sort((a, b) => a.index - b.index), model: { name: client.modelName, version: client.modelVersion } };
}

/** The samples heard during the span, zero-padded where the audio is shorter than the video. */
function audioOf(samples: Float32Array, span: SequenceSpan, fps: number, sampleRate: number): Float32Array {
  const start = Math.round((span.start / fps) * sampleRate);
  const length = Math.round(((span.end - span.start) / fps) * sampleRate);
  const audio = new Float32Array(length);
  audio.set(samples.subarray(start, Math.min(samples.length, start + length)));
  return audio;
}

function judged(span: SequenceSpan, values: number[], output: string): SequenceReport {
  const probability = values[0];
  if (values.length !== 1 || probability === undefined || !(probability >= 0 && probability <= 1)) {
    throw new PermanentError(`The model's "${output}" should be one probability in [0, 1]; it sent [${values.slice(0, 4).join(', ')}]`, 'inference_bad_response');
  }
  return {
    ...unsent(span),
    status: SEQUENCE_STATUS.analysed,
    in_sync: probability < 0.5,
    forgery_probability: round(probability),
  };
}

function unsent(span: SequenceSpan): SequenceReport {
  return {
    index: span.index,
    start_frame: span.start,
    frames: span.end - span.start,
    status: SEQUENCE_STATUS.tooShort,
    face: null,
    speech: null,
    correlation: null,
    lag: null,
    correlation_at_sync: null,
    in_sync: null,
    forgery_probability: null,
  };
}
