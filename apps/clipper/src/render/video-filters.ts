import type { CaptionCue } from './caption-cues';

export type Aspect = 'vertical' | 'original';

/** 720x1280: a 9:16 frame phones play full screen, at a size that renders in seconds here. */
export const VERTICAL_SIZE = { width: 720, height: 1280 } as const;

/** A cue with the file holding its text (drawtext reads text files, so no text needs escaping). */
export interface CueFile extends CaptionCue {
  readonly file: string;
}

/**
 * The filter chain of a clip. Vertical: the largest centred 9:16 crop, scaled to 720x1280.
 * Original: the frame as it is, with even dimensions (x264 with 4:2:0 needs them). Captions are
 * drawtext filters, each enabled only while its words are spoken.
 */
export function videoFilters(aspect: Aspect, cues: readonly CueFile[]): string {
  const frame =
    aspect === 'vertical'
      ? [`crop='min(iw,trunc(ih*9/16/2)*2)':'min(ih,trunc(iw*16/9/2)*2)'`, `scale=${VERTICAL_SIZE.width}:${VERTICAL_SIZE.height}`, 'setsar=1']
      : ['scale=trunc(iw/2)*2:trunc(ih/2)*2', 'setsar=1'];
  const fontSize = aspect === 'vertical' ? '48' : 'h/14';
  const captions = cues.map(
    (cue) =>
      `drawtext=font=Sans:textfile=${quote(cue.file)}:fontsize=${fontSize}:fontcolor=white:borderw=3:bordercolor=black` +
      `:box=1:boxcolor=black@0.45:boxborderw=12:x=(w-text_w)/2:y=h*0.72:enable='between(t,${cue.start},${cue.end})'`,
  );
  return [...frame, ...captions].join(',');
}

/**
 * Quotes a filter option value. Inside single quotes ffmpeg takes ':', ',', ';' and brackets
 * literally; a quote or backslash cannot be quoted, and temp paths never contain one.
 */
function quote(value: string): string {
  if (/['\\]/.test(value)) throw new Error(`cannot pass ${value} to an ffmpeg filter`);
  return `'${value}'`;
}
