import { count } from './table';

const BAR_WIDTH = 24;
const TTY_REDRAW_MS = 100;
const LOG_EVERY_MS = 2_000;

/** `[#########---------]`: `fraction` of the width filled. */
export function progressBar(fraction: number, width = BAR_WIDTH): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

/**
 * Progress of a long step with rate and ETA, on stderr. On a terminal the line is redrawn in
 * place; otherwise (a pipe, a log file, CI) a plain line is written every few seconds.
 */
export class Progress {
  private total = 0;
  private start = 0;
  private done = 0;
  private lastDraw = 0;
  private label = '';

  constructor(
    private readonly write: (text: string) => void,
    private readonly tty: boolean,
    private readonly now: () => number = () => Date.now(),
  ) {}

  begin(label: string, total: number): void {
    this.label = label;
    this.total = total;
    this.done = 0;
    this.start = this.now();
    this.lastDraw = this.start;
    if (!this.tty) this.write(`${label}: ${count(total)} events\n`);
  }

  update(done: number): void {
    this.done = done;
    const now = this.now();
    if (now - this.lastDraw < (this.tty ? TTY_REDRAW_MS : LOG_EVERY_MS)) return;
    this.lastDraw = now;
    this.write(this.tty ? `\r${this.line()}\x1b[K` : `${this.line()}\n`);
  }

  /** Ends the step; returns its rate in events per second. */
  finish(): number {
    const rate = this.rate();
    this.write(this.tty ? `\r${this.line()}\x1b[K\n` : `${this.line()}\n`);
    return rate;
  }

  private rate(): number {
    const seconds = (this.now() - this.start) / 1000;
    return seconds > 0 ? this.done / seconds : 0;
  }

  private line(): string {
    const fraction = this.total > 0 ? this.done / this.total : 1;
    const rate = this.rate();
    const eta = rate > 0 ? (this.total - this.done) / rate : Infinity;
    const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
    return `${this.label.padEnd(8)} ${progressBar(fraction)} ${percent}  ${count(this.done)}/${count(this.total)} events  ${count(Math.round(rate))} ev/s  ETA ${duration(eta)}`;
  }
}
