/**
 * An ffmpeg `select` expression true exactly for the given frame numbers (sorted, distinct). It
 * contains commas: quote it inside a filtergraph.
 *
 * A flat `eq(n,a)+eq(n,b)+…` stops parsing past ~100 terms (ffmpeg's expression depth limit) and
 * costs a comparison per listed frame on every decoded frame. A balanced `if(lt(n,pivot),…,…)`
 * tree is log₂(count) deep and compares log₂(count) times per frame, so an hour of 1 fps
 * samples (3,600 frames) is 12 levels and a negligible cost next to decoding.
 */
export function selectFramesExpression(frames: readonly number[]): string {
  if (frames.length === 0) return '0';
  return node(frames, 0, frames.length);
}

function node(frames: readonly number[], from: number, to: number): string {
  if (to - from === 1) return `eq(n,${frames[from]})`;
  const middle = from + Math.floor((to - from) / 2);
  return `if(lt(n,${frames[middle]}),${node(frames, from, middle)},${node(frames, middle, to)})`;
}
