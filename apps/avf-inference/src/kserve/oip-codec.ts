import { z } from 'zod';

/** Tensor data types this adapter sends or reads (Open Inference Protocol names). */
export type TensorDatatype = 'UINT8' | 'FP32' | 'FP64';

export interface InputTensor {
  readonly name: string;
  readonly datatype: TensorDatatype;
  readonly shape: readonly number[];
  readonly data: Uint8Array | Float32Array;
}

export interface EncodedRequest {
  readonly body: Buffer;
  readonly headers: Record<string, string>;
}

/** The header that splits a binary-extension body into its JSON part and the tensor bytes. */
export const HEADER_LENGTH = 'inference-header-content-length';

/**
 * Encodes an inference request. With `binary` the tensors travel as raw little-endian bytes
 * after the JSON header (the binary tensor data extension of KServe v2 / Triton): a 50-frame
 * 224x224 sequence is 7.5 MB instead of ~25 MB of JSON numbers. Outputs are asked for as JSON.
 */
export function encodeInferRequest(id: string, inputs: readonly InputTensor[], outputs: readonly string[], binary: boolean): EncodedRequest {
  const requested = outputs.map((name) => ({ name, parameters: { binary_data: false } }));
  if (!binary) {
    const json = { id, inputs: inputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: t.shape, data: Array.from(t.data) })), outputs: requested };
    return { body: Buffer.from(JSON.stringify(json)), headers: { 'content-type': 'application/json' } };
  }
  const header = Buffer.from(
    JSON.stringify({
      id,
      inputs: inputs.map((t) => ({ name: t.name, datatype: t.datatype, shape: t.shape, parameters: { binary_data_size: t.data.byteLength } })),
      outputs: requested,
    }),
  );
  const tensors = inputs.map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
  return {
    body: Buffer.concat([header, ...tensors]),
    headers: { 'content-type': 'application/octet-stream', [HEADER_LENGTH]: String(header.length) },
  };
}

const outputSchema = z.object({
  name: z.string(),
  datatype: z.string(),
  shape: z.array(z.number()),
  data: z.array(z.number()).optional(),
  parameters: z.object({ binary_data_size: z.number().int().nonnegative().optional() }).loose().optional(),
});
const responseSchema = z.object({ outputs: z.array(outputSchema) }).loose();

/**
 * Reads one output tensor's values from an inference response, JSON or binary-extension.
 * @throws Error saying what is wrong with the response (missing output, unreadable data).
 */
export function decodeInferOutput(body: Buffer, headerLength: string | null, outputName: string): number[] {
  const jsonLength = headerLength === null ? body.length : Number(headerLength);
  if (!Number.isInteger(jsonLength) || jsonLength < 0 || jsonLength > body.length) throw new Error(`bad ${HEADER_LENGTH} "${headerLength}"`);
  const parsed = responseSchema.safeParse(safeJson(body.subarray(0, jsonLength).toString('utf8')));
  if (!parsed.success) throw new Error('the response is not an inference response');
  let offset = jsonLength;
  for (const output of parsed.data.outputs) {
    const size = output.parameters?.binary_data_size;
    const bytes = size === undefined ? null : body.subarray(offset, offset + size);
    offset += size ?? 0;
    if (output.name !== outputName) continue;
    if (output.data !== undefined) return output.data;
    if (bytes === null || bytes.length !== size) throw new Error(`output "${outputName}" has no data`);
    return readBinary(bytes, output.datatype, outputName);
  }
  throw new Error(`the response has no output "${outputName}"`);
}

function readBinary(bytes: Buffer, datatype: string, name: string): number[] {
  const copy = new Uint8Array(bytes).buffer;
  if (datatype === 'FP32') return Array.from(new Float32Array(copy));
  if (datatype === 'FP64') return Array.from(new Float64Array(copy));
  throw new Error(`output "${name}" has datatype ${datatype}; FP32 or FP64 expected`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
