import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FaceThreadSettings } from './face-protocol';
import { mouthOpening, mouthWidthPx, type MeshPoint } from './mouth-opening';

/** The part of `@vladmandic/human` this worker uses (the package is loaded by path, untyped). */
interface HumanTensor {
  dispose(): void;
}
interface HumanInstance {
  load(): Promise<void>;
  warmup(): Promise<unknown>;
  detect(input: HumanTensor): Promise<{ face: { mesh: MeshPoint[] }[] }>;
  tf: { ready(): Promise<void>; getBackend(): string; tensor3d(values: Uint8Array, shape: [number, number, number], dtype: 'int32'): HumanTensor };
}
type HumanConstructor = new (config: object) => HumanInstance;

/** One frame's mouth: opening (share of the eye distance) and width in pixels; NaN without a face. */
export interface MouthMeasure {
  readonly opening: number;
  readonly widthPx: number;
}

/** Measures the mouth per frame with one loaded face mesh model. */
export interface MouthMeter {
  readonly backend: string;
  measure(pixels: Uint8Array, width: number, height: number): Promise<MouthMeasure>;
}

/**
 * Loads Human's face detector and 468-point mesh on the tfjs wasm backend, from the files inside
 * the npm packages (no network). Its Node build for wasm must be loaded by path (the package's
 * `exports` send Node to the tfjs-node build, which cannot be installed here), and it fetches
 * models with `fetch`, which in Node does not read `file://` URLs: this thread's `fetch` is taught
 * to. Call once per thread; the models stay loaded for the thread's life.
 */
export async function loadMouthMeter(settings: FaceThreadSettings): Promise<MouthMeter> {
  const load = createRequire(__filename);
  const humanDist = dirname(load.resolve('@vladmandic/human'));
  const wasmDist = dirname(load.resolve('@tensorflow/tfjs-backend-wasm'));
  serveFileUrls();
  const { Human } = load(join(humanDist, 'human.node-wasm.js')) as { Human: HumanConstructor };
  const human = new Human(humanConfig(settings, `${pathToFileURL(join(humanDist, '..', 'models')).href}/`, `${wasmDist}${sep}`));
  await human.load();
  await human.tf.ready();
  return {
    backend: human.tf.getBackend(),
    async measure(pixels, width, height) {
      const tensor = human.tf.tensor3d(pixels, [height, width, 3], 'int32');
      try {
        const result = await human.detect(tensor);
        const face = result.face[0];
        return face ? { opening: mouthOpening(face.mesh), widthPx: mouthWidthPx(face.mesh) } : { opening: Number.NaN, widthPx: Number.NaN };
      } finally {
        tensor.dispose();
      }
    },
  };
}

function humanConfig(settings: FaceThreadSettings, modelBasePath: string, wasmPath: string): object {
  const off = { enabled: false };
  return {
    backend: 'wasm',
    wasmPath,
    modelBasePath,
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    // Frames that barely change let the detector be skipped while the mesh tracks the face; the
    // mesh itself runs on every frame. Skipping is counted in frames, never in wall time, so the
    // result does not depend on how busy the machine is.
    cacheSensitivity: settings.detectorSkipFrames > 0 ? 0.7 : 0,
    filter: off,
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: 1, return: false, minConfidence: settings.minConfidence, skipFrames: settings.detectorSkipFrames, skipTime: Number.MAX_SAFE_INTEGER },
      mesh: { enabled: true },
      iris: off,
      emotion: off,
      description: off,
      antispoof: off,
      liveness: off,
      attention: off,
    },
    body: off,
    hand: off,
    object: off,
    gesture: off,
    segmentation: off,
  };
}

/** Lets `fetch` in this thread read `file://` URLs (model manifests and weights). */
function serveFileUrls(): void {
  const networkFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith('file://')) return networkFetch(input, init);
    return new Response(await readFile(new URL(url)), { status: 200 });
  };
}
