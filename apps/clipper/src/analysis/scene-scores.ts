/** Frame-to-frame change at or above this is a hard cut candidate (0.3 misses low-contrast cuts). */
const CUT_THRESHOLD = 0.1;
/** Two cuts closer than this are one transition (a flash, a dissolve): keep the stronger. */
const MIN_SCENE_S = 1;

const FRAME_LINE = /pts_time:\s*(-?[\d.]+)/;
const SCORE_LINE = /lavfi\.scene_score=([\d.]+)/;

/**
 * Reads ffmpeg's `metadata=print` output for a `select='gte(scene,0)'` pass: one frame line with
 * its time, then its scene score. Keeping every frame's score gives both the cuts and a measure
 * of visual activity from one decode.
 */
export class SceneScoreParser {
  readonly times: number[] = [];
  readonly scores: number[] = [];
  private pendingTime: number | null = null;

  onLine(line: string): void {
    const frame = FRAME_LINE.exec(line);
    if (frame) {
      this.pendingTime = Number(frame[1]);
      return;
    }
    const score = SCORE_LINE.exec(line);
    if (score && this.pendingTime !== null) {
      this.times.push(this.pendingTime);
      this.scores.push(Number(score[1]));
      this.pendingTime = null;
    }
  }
}

/** Hard cuts: scores over the threshold, at most one per `MIN_SCENE_S`, the strongest winning. */
export function findCuts(times: readonly number[], scores: readonly number[]): number[] {
  const cuts: { t: number; score: number }[] = [];
  for (let i = 0; i < times.length; i++) {
    const score = scores[i];
    const t = times[i];
    if (score < CUT_THRESHOLD || t <= 0) continue;
    const last = cuts.at(-1);
    if (last && t - last.t < MIN_SCENE_S) {
      if (score > last.score) cuts[cuts.length - 1] = { t, score };
      continue;
    }
    cuts.push({ t, score });
  }
  return cuts.map((cut) => cut.t);
}

/** Mean scene score per whole second of video (cut frames excluded, so it measures motion). */
export function activityPerSecond(times: readonly number[], scores: readonly number[], durationS: number): number[] {
  const seconds = Math.max(1, Math.ceil(durationS));
  const sums = new Array<number>(seconds).fill(0);
  const counts = new Array<number>(seconds).fill(0);
  for (let i = 0; i < times.length; i++) {
    const score = scores[i];
    if (score >= CUT_THRESHOLD) continue;
    const second = Math.min(seconds - 1, Math.max(0, Math.floor(times[i])));
    sums[second] += score;
    counts[second] += 1;
  }
  return sums.map((sum, i) => (counts[i] ? sum / counts[i] : 0));
}
