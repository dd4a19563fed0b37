import { parentPort, workerData } from 'node:worker_threads';
import type { FaceThreadMessage, FaceThreadSettings, MeasureRequest, MouthTrack } from './face-protocol';
import { loadMouthMeter, type MouthMeter } from './load-human';

/**
 * A face thread: loads the face models once, then measures batches of frames one at a time.
 * Each thread runs its own single-threaded wasm backend, so N threads use N cores.
 */
async function serve(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('face-thread runs as a worker thread (see FacePool)');
  const send = (message: FaceThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const started = Date.now();
  let meter: MouthMeter;
  try {
    meter = await loadMouthMeter(workerData as FaceThreadSettings);
  } catch (error) {
    send({ type: 'failed', id: null, message: `the face models could not be loaded: ${messageOf(error)}` });
    return;
  }
  send({ type: 'ready', loadMs: Date.now() - started });
  // One batch at a time, in arrival order: the wasm backend runs one inference at once anyway.
  let queue = Promise.resolve();
  port.on('message', (request: MeasureRequest) => {
    queue = queue.then(() =>
      measure(meter, request).then(
        ({ openings, widths }) => send({ type: 'measured', id: request.id, openings, widths }, [openings.buffer as ArrayBuffer, widths.buffer as ArrayBuffer]),
        (error: unknown) => send({ type: 'failed', id: request.id, message: messageOf(error) }),
      ),
    );
  });
}

async function measure(meter: MouthMeter, request: MeasureRequest): Promise<MouthTrack> {
  const frameBytes = request.width * request.height * 3;
  const pixels = new Uint8Array(request.pixels);
  const openings = new Float64Array(request.frames);
  const widths = new Float64Array(request.frames);
  for (let i = 0; i < request.frames; i++) {
    const mouth = await meter.measure(pixels.subarray(i * frameBytes, (i + 1) * frameBytes), request.width, request.height);
    openings[i] = mouth.opening;
    widths[i] = mouth.widthPx;
  }
  return { openings, widths };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

void serve();
