import { createInterface } from 'node:readline';
import { streamProcess } from '@jetjobs/media';
import { activityPerSecond, findCuts, SceneScoreParser } from './scene-scores';

export interface ScenePass {
  readonly cuts: number[];
  readonly activity: number[];
}

/**
 * Scores every frame against the previous one on a 160x90 copy (enough to see a cut, and the
 * scaling makes the score cheap); the decode is the cost, ~1.3 s per minute of 360p video.
 */
export async function runScenePass(input: string, durationS: number, signal: AbortSignal): Promise<ScenePass> {
  const filters = "scale=160:90:flags=fast_bilinear,select='gte(scene,0)',metadata=print:file=-";
  const args = ['-hide_banner', '-nostats', '-nostdin', '-v', 'error', '-i', input, '-an', '-sn', '-vf', filters, '-f', 'null', '-'];
  const { stdout, done } = streamProcess('ffmpeg', args, { signal });
  const parser = new SceneScoreParser();
  for await (const line of createInterface({ input: stdout, crlfDelay: Infinity })) parser.onLine(line);
  await done;
  return { cuts: findCuts(parser.times, parser.scores), activity: activityPerSecond(parser.times, parser.scores, durationS) };
}
