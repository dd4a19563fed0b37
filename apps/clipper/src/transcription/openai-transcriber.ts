import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { RetryableError } from '@jetjobs/worker-runtime';
import type { Word } from '../analysis/signals';
import { postJson, type RemoteEndpoint } from '../remote/remote-endpoint';
import { planChunks } from './chunk-plan';
import { normaliseWord } from './normalise-word';
import { runPool } from './run-pool';
import type { TranscribeRequest, Transcriber } from './transcriber';
import { readWavLayout, writeWavSlice } from './wav-file';

// 16 kHz mono wav is 1.9 MB a minute: 10 minutes stay under the usual 25 MB upload limit.
const CHUNK_TARGET_S = 480;
const CHUNK_MAX_S = 600;

const verboseJsonSchema = z.object({
  duration: z.coerce.number().optional(),
  words: z.array(z.object({ word: z.string(), start: z.coerce.number(), end: z.coerce.number() })).default([]),
});

/**
 * An OpenAI-compatible `POST /audio/transcriptions` (hosted Whisper, or a self-hosted server
 * speaking the same protocol) with `verbose_json` and word timestamps. Billed by audio duration.
 */
export class OpenAiTranscriber implements Transcriber {
  constructor(
    private readonly endpoint: RemoteEndpoint,
    private readonly usdPerMinute: number,
    private readonly concurrency: number,
  ) {}

  get description(): string {
    return `${this.endpoint.model} at ${new URL(this.endpoint.baseUrl).host}`;
  }

  get label(): string {
    return this.endpoint.model;
  }

  async transcribe(request: TranscribeRequest): Promise<Word[]> {
    const layout = await readWavLayout(request.wavFile);
    const spans = planChunks(request.durationS, request.pauses, CHUNK_TARGET_S, CHUNK_MAX_S);
    let doneS = 0;
    const pieces = await runPool(spans, this.concurrency, request.signal, async (span, index, signal) => {
      const file = join(request.dir, `stt-remote-${index}.wav`);
      await writeWavSlice(request.wavFile, layout, span.start, span.end, file);
      const audio = await readFile(file).finally(() => rm(file, { force: true }));
      const form = new FormData();
      form.append('file', new Blob([audio], { type: 'audio/wav' }), `chunk-${index}.wav`);
      form.append('model', this.endpoint.model);
      form.append('response_format', 'verbose_json');
      form.append('timestamp_granularities[]', 'word');
      const parsed = verboseJsonSchema.safeParse(await postJson(this.endpoint, '/audio/transcriptions', form, signal, 'transcription service'));
      if (!parsed.success) throw new RetryableError(`The transcription service answered without word timestamps: ${parsed.error.issues[0]?.message}`, 'model_bad_response');
      const seconds = parsed.data.duration ?? span.end - span.start;
      request.usage.addTranscribedSeconds(seconds, this.usdPerMinute);
      doneS += span.end - span.start;
      request.onProgress?.(doneS, request.durationS);
      return parsed.data.words
        .map((w) => ({ text: normaliseWord(w.word), start: w.start + span.start, end: w.end + span.start }))
        .filter((w) => w.text !== '');
    });
    return pieces.flat();
  }
}
