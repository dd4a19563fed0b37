/**
 * The program each classification thread runs: it loads the nsfwjs model on the wasm backend
 * once, then answers `{id, pixels}` (224×224 RGB24) with `{id, scores}`.
 *
 * It is plain JavaScript run with `new Worker(source, { eval: true })` because a thread needs a
 * JavaScript file of its own, and the worker's TypeScript is only compiled to one by the build:
 * under Jest (sources transformed in memory) a thread could not load it. The program needs
 * nothing of the app, only packages, whose absolute paths arrive in `workerData.paths`.
 */
export const NSFWJS_THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { paths, model: modelName, size } = workerData;
const tf = require(paths.tfjs);
const wasm = require(paths.wasm);
const { load } = require(paths.nsfwjsCore);
const definition = require(paths.modelModule)[paths.modelExport];
const CATEGORY_OF_CLASS = { Porn: 'porn', Hentai: 'hentai', Sexy: 'sexy' };

async function classify(model, id, pixels) {
  const image = tf.tensor3d(new Uint8Array(pixels), [size, size, 3], 'int32');
  try {
    const scores = { porn: 0, hentai: 0, sexy: 0 };
    for (const { className, probability } of await model.classify(image, 5)) {
      const category = CATEGORY_OF_CLASS[className];
      if (category) scores[category] = probability;
    }
    parentPort.postMessage({ id, scores });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  } finally {
    image.dispose();
  }
}

async function start() {
  wasm.setWasmPaths(paths.wasmDir);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js wasm backend could not start');
  await tf.ready();
  const type = modelName === 'MobileNetV2Mid' ? 'graph' : undefined;
  const model = await load(modelName, { modelDefinitions: [definition], size, type });
  parentPort.on('message', ({ id, pixels }) => void classify(model, id, pixels));
  parentPort.postMessage({ ready: true });
}

start().catch((error) => parentPort.postMessage({ failed: String((error && error.stack) || error) }));
`;
