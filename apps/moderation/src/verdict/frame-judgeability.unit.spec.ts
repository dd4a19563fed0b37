import { unjudgedReason } from './frame-judgeability';

const SIDE = 224;
/** An RGB24 frame whose pixel (x, y) has the grey level `grey(x, y)`. */
function frame(grey: (x: number, y: number) => number): Uint8Array {
  const pixels = new Uint8Array(SIDE * SIDE * 3);
  for (let y = 0; y < SIDE; y++) for (let x = 0; x < SIDE; x++) pixels.fill(Math.max(0, Math.min(255, Math.round(grey(x, y)))), 3 * (y * SIDE + x), 3 * (y * SIDE + x) + 3);
  return pixels;
}
/** A deterministic texture with strong edges: 8 px tiles, dark or light. */
const tiles = (x: number, y: number) => 40 + 170 * ((Math.floor(x / 8) * 7919 + Math.floor(y / 8) * 104_729) % 2);
/** Letterboxed: black bars above and below a band of `rows` rows. */
const letterboxed = (rows: number, grey: (x: number, y: number) => number) => (x: number, y: number) => (Math.abs(y - SIDE / 2) < rows / 2 ? grey(x, y) : 0);

describe('unjudgedReason', () => {
  it('judges a sharp picture, letterbox bars or not', () => {
    expect(unjudgedReason(frame(tiles), SIDE, SIDE)).toBeNull();
    expect(unjudgedReason(frame(letterboxed(126, tiles)), SIDE, SIDE)).toBeNull();
  });

  it('judges a dim picture that still shows something', () => {
    expect(unjudgedReason(frame((x, y) => tiles(x, y) / 3), SIDE, SIDE)).toBeNull();
  });

  it('does not judge a black or nearly black frame', () => {
    expect(unjudgedReason(frame(() => 0), SIDE, SIDE)).toBe('dark');
    expect(unjudgedReason(frame((x, y) => tiles(x, y) / 12), SIDE, SIDE)).toBe('dark');
  });

  it('does not judge a sliver of picture between the bars', () => {
    expect(unjudgedReason(frame(letterboxed(10, tiles)), SIDE, SIDE)).toBe('tiny');
  });

  it('does not judge a frame with no detail left, as a heavy blur or a blown-up thumbnail leaves it', () => {
    expect(unjudgedReason(frame((x, y) => 100 + 60 * Math.sin(x / 20) * Math.cos(y / 25)), SIDE, SIDE)).toBe('blurred');
    expect(unjudgedReason(frame(letterboxed(126, () => 128)), SIDE, SIDE)).toBe('blurred');
  });
});
