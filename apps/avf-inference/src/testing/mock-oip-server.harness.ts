import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ModelMetadata } from '../kserve/model-contract';

/** One inference request as the mock understood it. */
export interface ReceivedInference {
  readonly id: string;
  readonly binary: boolean;
  readonly authorization: string | null;
  readonly inputs: readonly { name: string; datatype: string; shape: number[]; values: number }[];
}

/** What the mock does; tests change it between jobs. */
export interface MockBehaviour {
  ready: boolean;
  metadata: ModelMetadata;
  /** Answer this many inference requests with 503 before serving. */
  unavailableFor: number;
  /** Hold each inference this long before answering (for timeouts). */
  delayMs: number;
  /** Refuse inference with this status and error text. */
  refuse: { status: number; error: string } | null;
  /** The forgery probability for a request. */
  probability(request: ReceivedInference, index: number): number;
}

export interface MockOipServer {
  readonly url: string;
  readonly requests: ReceivedInference[];
  readonly behaviour: MockBehaviour;
  close(): Promise<void>;
}

/** A model with the tensors the avf worker sends by default, frames of `frameSize`. */
export function avfModelMetadata(name: string, frameSize: number): ModelMetadata {
  return {
    name,
    versions: ['1'],
    platform: 'mock',
    inputs: [
      { name: 'frames', datatype: 'UINT8', shape: [1, -1, frameSize, frameSize, 3] },
      { name: 'audio', datatype: 'FP32', shape: [1, -1] },
    ],
    outputs: [{ name: 'forgery_probability', datatype: 'FP32', shape: [1, 1] }],
  };
}

/**
 * An Open Inference Protocol (KServe v2 REST) server on 127.0.0.1 for one model: health and model
 * readiness, metadata, and inference in JSON or with the binary tensor data extension. It checks
 * each request the way a real server does (declared inputs, datatypes, byte sizes) and answers
 * 400 with `{"error"}` when one is malformed.
 */
export async function startMockOipServer(model: string, frameSize: number): Promise<MockOipServer> {
  const requests: ReceivedInference[] = [];
  const behaviour: MockBehaviour = {
    ready: true,
    metadata: avfModelMetadata(model, frameSize),
    unavailableFor: 0,
    delayMs: 0,
    refuse: null,
    probability: () => 0.5,
  };
  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => reply(response, 500, { error: String(error) }));
  });
  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const path = request.url ?? '';
    if (request.method === 'GET' && path === '/v2/health/ready') return reply(response, behaviour.ready ? 200 : 503, {});
    if (request.method === 'GET' && path === `/v2/models/${model}/ready`) return reply(response, behaviour.ready ? 200 : 503, {});
    if (request.method === 'GET' && path === `/v2/models/${model}`) return reply(response, 200, behaviour.metadata);
    if (request.method !== 'POST' || path !== `/v2/models/${model}/infer`) return reply(response, 404, { error: `no route ${request.method} ${path}` });
    if (behaviour.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
    if (behaviour.unavailableFor > 0) {
      behaviour.unavailableFor--;
      return reply(response, 503, { error: 'model is loading' });
    }
    if (behaviour.refuse) return reply(response, behaviour.refuse.status, { error: behaviour.refuse.error });
    const parsed = parseInference(body, request.headers['inference-header-content-length'], request.headers.authorization ?? null);
    if (typeof parsed === 'string') return reply(response, 400, { error: parsed });
    requests.push(parsed);
    const probability = behaviour.probability(parsed, requests.length - 1);
    return reply(response, 200, { model_name: model, id: parsed.id, outputs: [{ name: 'forgery_probability', datatype: 'FP32', shape: [1, 1], data: [probability] }] });
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behaviour,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

interface DeclaredInput {
  name: string;
  datatype: string;
  shape: number[];
  data?: number[];
  parameters?: { binary_data_size?: number };
}

const BYTES: Record<string, number> = { UINT8: 1, FP32: 4, FP64: 8 };

/** The request's inputs, checked against their shapes; a string says what is wrong. */
function parseInference(body: Buffer, headerLength: string | string[] | undefined, authorization: string | null): ReceivedInference | string {
  const binary = typeof headerLength === 'string';
  const jsonLength = binary ? Number(headerLength) : body.length;
  let header: { id?: string; inputs?: DeclaredInput[] };
  try {
    header = JSON.parse(body.subarray(0, jsonLength).toString('utf8')) as typeof header;
  } catch {
    return 'the request header is not JSON';
  }
  let offset = jsonLength;
  const inputs: ReceivedInference['inputs'][number][] = [];
  for (const input of header.inputs ?? []) {
    const values = input.shape.reduce((a, b) => a * b, 1);
    const size = input.parameters?.binary_data_size;
    if (size !== undefined) {
      if (size !== values * (BYTES[input.datatype] ?? 0)) return `input "${input.name}": ${size} bytes for shape [${input.shape}] ${input.datatype}`;
      offset += size;
    } else if (input.data?.length !== values) {
      return `input "${input.name}": ${input.data?.length ?? 0} values for shape [${input.shape}]`;
    }
    inputs.push({ name: input.name, datatype: input.datatype, shape: input.shape, values });
  }
  if (offset !== body.length) return `the body has ${body.length - offset} bytes more than the inputs declare`;
  return { id: header.id ?? '', binary, authorization, inputs };
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
