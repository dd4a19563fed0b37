import { z } from 'zod';

const tensorMetadataSchema = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number()) });
/** `GET /v2/models/{model}` of the Open Inference Protocol. */
export const modelMetadataSchema = z.object({
  name: z.string(),
  inputs: z.array(tensorMetadataSchema).min(1),
  outputs: z.array(tensorMetadataSchema).min(1),
});
export type TensorMetadata = z.infer<typeof tensorMetadataSchema>;

/** How frames are laid out for the model's input, read from its metadata. */
export type InputLayout =
  | { readonly kind: 'bytes'; readonly rank: number }
  | { readonly kind: 'pixels'; readonly order: 'nhwc' | 'nchw'; readonly width: number; readonly height: number; readonly datatype: string };

const PIXEL_TYPES = new Set(['FP32', 'FP16', 'UINT8', 'INT32']);

/**
 * Understands the two shapes an image classifier takes: encoded images (`BYTES`, one base64
 * string per image) or pixels, `[batch, height, width, 3]` or `[batch, 3, height, width]`.
 *
 * @throws Error saying what the input looks like when it is neither.
 */
export function inputLayoutOf(input: TensorMetadata): InputLayout {
  if (input.datatype === 'BYTES') return { kind: 'bytes', rank: input.shape.length };
  const [, a, b, c] = input.shape;
  if (PIXEL_TYPES.has(input.datatype) && input.shape.length === 4) {
    if (c === 3 && a !== undefined && a > 0 && b !== undefined && b > 0) return { kind: 'pixels', order: 'nhwc', height: a, width: b, datatype: input.datatype };
    if (a === 3 && b !== undefined && b > 0 && c !== undefined && c > 0) return { kind: 'pixels', order: 'nchw', height: b, width: c, datatype: input.datatype };
  }
  throw new Error(`input "${input.name}" is ${input.datatype} ${JSON.stringify(input.shape)}: expected BYTES, or pixels [batch, H, W, 3] or [batch, 3, H, W]`);
}

/** The request's input tensor for a batch of frames (JPEGs for `bytes`, letterboxed RGB24 otherwise). */
export function inputTensor(name: string, layout: InputLayout, frames: readonly Buffer[]) {
  if (layout.kind === 'bytes') {
    return { name, datatype: 'BYTES', shape: layout.rank === 1 ? [frames.length] : [frames.length, 1], data: frames.map((jpeg) => jpeg.toString('base64')) };
  }
  const { width, height, order, datatype } = layout;
  // FP32/FP16 models take pixels scaled to 0–1, as nsfwjs and most image classifiers do.
  const scale = datatype.startsWith('FP') ? 1 / 255 : 1;
  const data: number[] = [];
  for (const rgb of frames) {
    if (order === 'nhwc') for (const value of rgb) data.push(value * scale);
    else for (let channel = 0; channel < 3; channel++) for (let pixel = 0; pixel < width * height; pixel++) data.push((rgb[pixel * 3 + channel] ?? 0) * scale);
  }
  const shape = order === 'nhwc' ? [frames.length, height, width, 3] : [frames.length, 3, height, width];
  return { name, datatype, shape, data };
}
