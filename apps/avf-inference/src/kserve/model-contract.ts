import { z } from 'zod';

const tensorMetadataSchema = z.object({ name: z.string(), datatype: z.string(), shape: z.array(z.number()) });
/** `GET /v2/models/{model}[/versions/{version}]`: what the model takes and returns. */
export const modelMetadataSchema = z
  .object({
    name: z.string(),
    versions: z.array(z.string()).optional(),
    platform: z.string().optional(),
    inputs: z.array(tensorMetadataSchema),
    outputs: z.array(tensorMetadataSchema),
  })
  .loose();
export type ModelMetadata = z.infer<typeof modelMetadataSchema>;

/** The tensors this worker sends and reads, by name, and the frame size it sends. */
export interface ModelExpectation {
  readonly framesInput: string;
  readonly audioInput: string;
  readonly output: string;
  readonly frameSize: number;
}

export interface ModelContract {
  /** Frames per sequence when the model fixes it; null when any length goes. */
  readonly fixedFrames: number | null;
}

/**
 * Checks, at start-up, that the served model takes `frames` UINT8 [1, N, S, S, 3] and `audio`
 * FP32 [1, M] and returns a forgery probability, so a mismatch fails the worker's start with a
 * readable list instead of failing every job.
 * @returns the contract, or the problems found.
 */
export function checkModelContract(metadata: ModelMetadata, expected: ModelExpectation): ModelContract | { problems: string[] } {
  const problems: string[] = [];
  const find = (list: ModelMetadata['inputs'], name: string, kind: string) => {
    const tensor = list.find((t) => t.name === name);
    if (!tensor) problems.push(`the model has no ${kind} "${name}" (it has: ${list.map((t) => t.name).join(', ') || 'none'})`);
    return tensor;
  };
  const fits = (declared: number | undefined, wanted: number) => declared === -1 || declared === wanted;
  const frames = find(metadata.inputs, expected.framesInput, 'input');
  let fixedFrames: number | null = null;
  if (frames) {
    const [batch, count, height, width, channels] = frames.shape;
    if (frames.datatype !== 'UINT8') problems.push(`input "${frames.name}" is ${frames.datatype}; UINT8 RGB frames are sent`);
    if (frames.shape.length !== 5 || !fits(batch, 1) || !fits(channels, 3)) problems.push(`input "${frames.name}" has shape [${frames.shape}]; [1, frames, height, width, 3] is sent`);
    else if (!fits(height, expected.frameSize) || !fits(width, expected.frameSize)) {
      problems.push(`input "${frames.name}" takes ${height}x${width} frames; set AVF_KSERVE_FRAME_SIZE to match (now ${expected.frameSize})`);
    }
    if (count !== undefined && count > 0) fixedFrames = count;
  }
  const audio = find(metadata.inputs, expected.audioInput, 'input');
  if (audio && audio.datatype !== 'FP32') problems.push(`input "${audio.name}" is ${audio.datatype}; FP32 samples are sent`);
  if (audio && (audio.shape.length !== 2 || !fits(audio.shape[0], 1))) problems.push(`input "${audio.name}" has shape [${audio.shape}]; [1, samples] is sent`);
  const output = find(metadata.outputs, expected.output, 'output');
  if (output && output.datatype !== 'FP32' && output.datatype !== 'FP64') problems.push(`output "${output.name}" is ${output.datatype}; a FP32 or FP64 probability is read`);
  return problems.length > 0 ? { problems } : { fixedFrames };
}
