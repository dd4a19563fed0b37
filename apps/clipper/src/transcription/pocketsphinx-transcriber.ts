import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runProcess } from '@jetjobs/media';
import type { Word } from '../analysis/signals';
import { planChunks } from './chunk-plan';
import { parsePocketsphinxWords } from './pocketsphinx-output';
import { runPool } from './run-pool';
import type { TranscribeRequest, Transcriber } from './transcriber';
import { readWavLayout, writeWavSlice } from './wav-file';

/** ~30 s pieces: long utterances decode slower (0.46× real time for 60 s, 0.34× for 30 s here). */
const CHUNK_TARGET_S = 30;
const CHUNK_MAX_S = 45;
/**
 * Tighter beams than the defaults: on flite and read speech the words came out the same, for
 * about a quarter less CPU.
 */
const DECODER_ARGS = ['-time', 'yes', '-remove_silence', 'no', '-pl_window', '10', '-maxhmmpf', '3000', '-maxwpf', '5'];

/**
 * Debian's pocketsphinx with its en-us model: no network, no download. One process uses one core,
 * so the audio is cut at pauses and `processes` pieces are decoded at a time.
 * `-remove_silence no` keeps timestamps true (the default shifts them by seconds).
 */
export class PocketsphinxTranscriber implements Transcriber {
  constructor(
    private readonly processes: number,
    private readonly command = 'pocketsphinx_continuous',
  ) {}

  get description(): string {
    return `pocketsphinx (${this.processes} parallel process${this.processes === 1 ? '' : 'es'})`;
  }

  readonly label = 'pocketsphinx';

  async transcribe(request: TranscribeRequest): Promise<Word[]> {
    const layout = await readWavLayout(request.wavFile);
    const spans = planChunks(request.durationS, request.pauses, CHUNK_TARGET_S, CHUNK_MAX_S);
    let doneS = 0;
    const pieces = await runPool(spans, this.processes, request.signal, async (span, index, signal) => {
      const file = join(request.dir, `stt-${index}.wav`);
      await writeWavSlice(request.wavFile, layout, span.start, span.end, file);
      const { stdout } = await runProcess(this.command, ['-infile', file, ...DECODER_ARGS], { signal }).finally(() => rm(file, { force: true }));
      doneS += span.end - span.start;
      request.onProgress?.(doneS, request.durationS);
      return parsePocketsphinxWords(stdout, span.start);
    });
    request.usage.addTranscribedSeconds(request.durationS);
    return pieces.flat();
  }
}
