import { FOLDED_FORWARD_SOURCE } from './folded-forward-source';

/**
 * The program each classification thread runs: it loads the nsfwjs model on the wasm backend
 * once, then answers `{id, pixels, count}` (`count` frames of 224×224 RGB24, back to back) with
 * `{id, scores}`, one entry per frame, from one `predict` over the whole batch (a batch of a few
 * frames costs ~10 % less per frame than one at a time on wasm).
 *
 * The input is scaled to 0–1 exactly as nsfwjs's own `classify` does, and the layers model runs
 * through `foldedForward` (batch normalisation folded into the convolutions: same scores, half the
 * CPU). The graph model (MobileNetV2Mid) is already folded by its converter and runs as it is.
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
${FOLDED_FORWARD_SOURCE}
// The model's five outputs, in order: Drawing, Hentai, Neutral, Porn, Sexy.
const CATEGORY_OF_OUTPUT = [null, 'hentai', null, 'porn', 'sexy'];

async function classify(forward, id, pixels, count) {
  let probabilities;
  try {
    probabilities = tf.tidy(() => forward(tf.tensor4d(new Uint8Array(pixels), [count, size, size, 3], 'int32').toFloat().div(255)));
    const values = await probabilities.data();
    const scores = [];
    for (let frame = 0; frame < count; frame++) {
      const frameScores = { porn: 0, hentai: 0, sexy: 0 };
      CATEGORY_OF_OUTPUT.forEach((category, i) => {
        if (category) frameScores[category] = values[frame * CATEGORY_OF_OUTPUT.length + i];
      });
      scores.push(frameScores);
    }
    parentPort.postMessage({ id, scores });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  } finally {
    if (probabilities) probabilities.dispose();
  }
}

async function start() {
  wasm.setWasmPaths(paths.wasmDir);
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js wasm backend could not start');
  await tf.ready();
  const type = modelName === 'MobileNetV2Mid' ? 'graph' : undefined;
  const nsfwjs = await load(modelName, { modelDefinitions: [definition], size, type });
  const forward = nsfwjs.model.layers ? foldedForward(nsfwjs.model) : (x) => nsfwjs.model.predict(x);
  parentPort.on('message', ({ id, pixels, count }) => void classify(forward, id, pixels, count));
  parentPort.postMessage({ ready: true });
}

start().catch((error) => parentPort.postMessage({ failed: String((error && error.stack) || error) }));
`;
