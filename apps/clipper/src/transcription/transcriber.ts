import type { Pause, Word } from '../analysis/signals';
import type { UsageMeter } from '../remote/usage-meter';

export interface TranscribeRequest {
  /** 16 kHz mono 16-bit wav of the whole soundtrack. */
  readonly wavFile: string;
  readonly durationS: number;
  /** Where the audio may be split without cutting a word. */
  readonly pauses: readonly Pause[];
  /** Scratch directory for chunk files (inside the job's temp directory). */
  readonly dir: string;
  readonly signal: AbortSignal;
  readonly usage: UsageMeter;
  /** Called as pieces finish, with the seconds of audio done so far. */
  readonly onProgress?: (doneS: number, totalS: number) => void;
}

/** Speech to text with word timestamps, in seconds of the source. */
export interface Transcriber {
  /** For the operator's log: what does the work and where, e.g. "pocketsphinx (2 processes)". */
  readonly description: string;
  /** For the job's own log, seen by the client: the engine and model, never a host. */
  readonly label: string;
  transcribe(request: TranscribeRequest): Promise<Word[]>;
}
