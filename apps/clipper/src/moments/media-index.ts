import { SILENT_LUFS, type MediaSignals } from '../analysis/signals';
import { lowerBound } from './text-index';

/** A cut this close inside a clip's edge would flash another shot: such windows are refused. */
export const CUT_EDGE_S = 1;

/** Per-second views of the media signals, for scoring many windows cheaply. */
export class MediaIndex {
  /** Mean momentary loudness of each second, NaN when the second is silent. */
  private readonly loudness: number[];
  private readonly activityPrefix: number[];
  private readonly peakActivity: number;

  constructor(private readonly signals: MediaSignals) {
    this.loudness = perSecondLoudness(signals);
    this.activityPrefix = [0];
    signals.activity.forEach((value, i) => this.activityPrefix.push((this.activityPrefix[i] ?? 0) + value));
    this.peakActivity = Math.max(1e-6, ...signals.activity);
  }

  /**
   * How much the loudness moves inside [a, b): its spread and its second-to-second changes,
   * each scaled to 0–1 (4 LU of spread, 2.5 LU of change per second score full marks).
   */
  energy(a: number, b: number): number {
    const active = this.loudness.slice(Math.floor(a), Math.ceil(b)).filter((v) => !Number.isNaN(v));
    if (active.length < 2) return 0;
    const mean = active.reduce((sum, v) => sum + v, 0) / active.length;
    const spread = Math.sqrt(active.reduce((sum, v) => sum + (v - mean) ** 2, 0) / active.length);
    let change = 0;
    for (let i = 1; i < active.length; i++) change += Math.abs((active[i] ?? 0) - (active[i - 1] ?? 0));
    return 0.5 * clamp01(spread / 4) + 0.5 * clamp01(change / (active.length - 1) / 2.5);
  }

  /** Cuts inside the window per minute. */
  cutsPerMinute(a: number, b: number): number {
    const inside = lowerBound(this.signals.cuts, b - 0.05) - lowerBound(this.signals.cuts, a + 0.05);
    return inside / ((b - a) / 60);
  }

  /** Visual motion relative to the busiest second of the video (0–1). */
  activity(a: number, b: number): number {
    const from = Math.max(0, Math.floor(a));
    const to = Math.min(this.signals.activity.length, Math.ceil(b));
    if (to <= from) return 0;
    return ((this.activityPrefix[to] ?? 0) - (this.activityPrefix[from] ?? 0)) / (to - from) / this.peakActivity;
  }

  /** A cut just after the start or just before the end. */
  cutNearEdge(a: number, b: number): boolean {
    const { cuts } = this.signals;
    const afterStart = cuts[lowerBound(cuts, a + 0.05)];
    const beforeEnd = cuts[lowerBound(cuts, b - CUT_EDGE_S)];
    return (afterStart !== undefined && afterStart < a + CUT_EDGE_S) || (beforeEnd !== undefined && beforeEnd < b - 0.05);
  }
}

function perSecondLoudness(signals: MediaSignals): number[] {
  const { stepS, values } = signals.loudness;
  const perSecond = Math.round(1 / stepS);
  const seconds: number[] = [];
  for (let start = 0; start < values.length; start += perSecond) {
    const active = values.slice(start, start + perSecond).filter((v) => v > SILENT_LUFS);
    seconds.push(active.length === 0 ? NaN : active.reduce((sum, v) => sum + v, 0) / active.length);
  }
  return seconds;
}

export const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
