/** Why a sampled frame could not be judged: the model's scores on it mean nothing. */
export const UNJUDGED_REASON = {
  /** Black or nearly so: nothing visible. */
  dark: 'dark',
  /** The picture inside the letterbox is a sliver (an extreme aspect ratio). */
  tiny: 'tiny',
  /** No detail left: heavily blurred, a tiny source blown up, or a blank frame. */
  blurred: 'blurred',
} as const;
export type UnjudgedReason = (typeof UNJUDGED_REASON)[keyof typeof UNJUDGED_REASON];

/** Letterbox bars are padded black; a row or column whose brightest pixel is under this is bar. */
const BAR_LUMA = 12;
/** Below this 98th-percentile luma the frame shows nothing (night scenes sit well above it). */
const DARK_LUMA = 24;
/** A picture whose shorter side inside the letterbox is under this many pixels is a sliver. */
const MIN_CONTENT_PX = 16;
/**
 * Edge strength: the 99th percentile of luma steps between neighbouring pixels. A sharp picture
 * has some strong edges even where most of it is flat (a graphic, a wall): 50+ on photos, 60 on
 * a test pattern; a photo blurred by a 6 px Gaussian at 224 px, or blown up from 16-24 px wide,
 * has about 12-14, and nothing the model could judge is left.
 */
const MIN_EDGE_STRENGTH = 15;

/**
 * Whether a letterboxed RGB24 frame can be judged at all, and if not why. Pure arithmetic on the
 * pixels the classifier sees (luma from BT.601 weights), a few hundred microseconds per 224×224
 * frame: a black frame, a sliver of picture or a frame without any detail is "unjudged", never
 * "safe" and never "unsafe", because what the model says of it is noise.
 */
export function unjudgedReason(pixels: Uint8Array, width: number, height: number): UnjudgedReason | null {
  const luma = new Uint8Array(width * height);
  for (let i = 0; i < luma.length; i++) luma[i] = Math.round(0.299 * pixels[3 * i] + 0.587 * pixels[3 * i + 1] + 0.114 * pixels[3 * i + 2]);
  const box = contentBox(luma, width, height);
  if (box === null || percentile98(luma, width, box) < DARK_LUMA) return UNJUDGED_REASON.dark;
  if (Math.min(box.right - box.left, box.bottom - box.top) < MIN_CONTENT_PX) return UNJUDGED_REASON.tiny;
  return edgeStrength(luma, width, box) < MIN_EDGE_STRENGTH ? UNJUDGED_REASON.blurred : null;
}

interface Box {
  readonly left: number;
  readonly top: number;
  /** Exclusive. */
  readonly right: number;
  readonly bottom: number;
}

/** The picture inside the letterbox: rows and columns with any pixel brighter than a bar. Null when all is bar. */
function contentBox(luma: Uint8Array, width: number, height: number): Box | null {
  const rowLit = (y: number) => luma.subarray(y * width, (y + 1) * width).some((v) => v >= BAR_LUMA);
  const columnLit = (x: number) => {
    for (let y = 0; y < height; y++) if (luma[y * width + x] >= BAR_LUMA) return true;
    return false;
  };
  let top = 0;
  while (top < height && !rowLit(top)) top++;
  if (top === height) return null;
  let bottom = height;
  while (!rowLit(bottom - 1)) bottom--;
  let left = 0;
  while (!columnLit(left)) left++;
  let right = width;
  while (!columnLit(right - 1)) right--;
  return { left, top, right, bottom };
}

function percentile98(luma: Uint8Array, width: number, box: Box): number {
  const histogram = new Uint32Array(256);
  for (let y = box.top; y < box.bottom; y++) for (let x = box.left; x < box.right; x++) histogram[luma[y * width + x]]++;
  return percentileOf(histogram, 0.98 * (box.right - box.left) * (box.bottom - box.top));
}

/** 99th percentile of the luma steps to the right and down neighbours, inside the box. */
function edgeStrength(luma: Uint8Array, width: number, box: Box): number {
  const histogram = new Uint32Array(256);
  let count = 0;
  for (let y = box.top; y < box.bottom - 1; y++) {
    for (let x = box.left; x < box.right - 1; x++) {
      const at = y * width + x;
      histogram[Math.abs(luma[at + 1] - luma[at])]++;
      histogram[Math.abs(luma[at + width] - luma[at])]++;
      count += 2;
    }
  }
  return percentileOf(histogram, 0.99 * count);
}

/** The value at which a histogram's running count reaches `target`. */
function percentileOf(histogram: Uint32Array, target: number): number {
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) if ((seen += histogram[v]) >= target) return v;
  return histogram.length - 1;
}
