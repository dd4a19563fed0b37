import type { LoudnessSeries, Pause } from './signals';

const SILENCE_START = /silence_start:\s*(-?[\d.]+)/;
const SILENCE_END = /silence_end:\s*(-?[\d.]+)/;
// ebur128 frame log: "t: 0.399938   TARGET:-23 LUFS    M: -18.0 S:-120.7 ..."
const LOUDNESS = /\bt:\s*([\d.]+)\s+TARGET:.*?\bM:\s*(-?[\d.]+)/;
const LOUDNESS_STEP_S = 0.1;

/**
 * Collects what one ffmpeg pass logs on stderr: silencedetect's intervals and ebur128's
 * momentary loudness every 100 ms. Parsing the log lets one decode serve the transcription wav,
 * the pauses and the loudness at once.
 */
export class AudioLogParser {
  private readonly pauses: Pause[] = [];
  private readonly loudness: number[] = [];
  private openSilence: number | null = null;

  onLine(line: string): void {
    const loud = LOUDNESS.exec(line);
    if (loud) {
      const index = Math.round(Number(loud[1]) / LOUDNESS_STEP_S) - 1;
      if (index >= 0) this.loudness[index] = Number(loud[2]);
      return;
    }
    const start = SILENCE_START.exec(line);
    if (start) {
      this.openSilence = Math.max(0, Number(start[1]));
      return;
    }
    const end = SILENCE_END.exec(line);
    if (end && this.openSilence !== null) {
      this.pauses.push({ start: this.openSilence, end: Number(end[1]) });
      this.openSilence = null;
    }
  }

  /** The pauses (a silence still open at the end closes at `durationS`) and the loudness series. */
  result(durationS: number): { pauses: Pause[]; loudness: LoudnessSeries } {
    const pauses = [...this.pauses];
    if (this.openSilence !== null && durationS > this.openSilence) pauses.push({ start: this.openSilence, end: durationS });
    const values = Array.from(this.loudness, (value) => value ?? -120.7);
    return { pauses, loudness: { stepS: LOUDNESS_STEP_S, values } };
  }
}
