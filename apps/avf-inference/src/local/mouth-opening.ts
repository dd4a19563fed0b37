/** A face mesh point: x, y in pixels (z unused). */
export type MeshPoint = readonly number[];

/** Inner-lip landmark pairs (upper, lower) of the 468-point face mesh: centre, left, right. */
const INNER_LIP_PAIRS: readonly (readonly [number, number])[] = [
  [13, 14],
  [82, 87],
  [312, 317],
];
/** Outer eye corners: a face-size scale that does not change when the jaw drops. */
const EYE_CORNERS = [33, 263] as const;
const MESH_POINTS = 468;

/**
 * Mouth opening of one face as the mean inner-lip gap divided by the eye-corner distance, so the
 * value does not depend on how large the face is in the frame. NaN when the mesh is incomplete.
 */
export function mouthOpening(mesh: readonly MeshPoint[]): number {
  if (mesh.length < MESH_POINTS) return Number.NaN;
  const eyes = distance(mesh[EYE_CORNERS[0]], mesh[EYE_CORNERS[1]]);
  if (!(eyes > 0)) return Number.NaN;
  const gap = INNER_LIP_PAIRS.reduce((sum, [upper, lower]) => sum + distance(mesh[upper], mesh[lower]), 0) / INNER_LIP_PAIRS.length;
  return gap / eyes;
}

/** Mouth corners of the 468-point mesh. */
const MOUTH_CORNERS = [61, 291] as const;

/** Width of the mouth in pixels of the analysed frame: how much picture the lip measurement rests on. NaN for an incomplete mesh. */
export function mouthWidthPx(mesh: readonly MeshPoint[]): number {
  if (mesh.length < MESH_POINTS) return Number.NaN;
  return distance(mesh[MOUTH_CORNERS[0]], mesh[MOUTH_CORNERS[1]]);
}

function distance(a: MeshPoint, b: MeshPoint): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
