/**
 * JavaScript for the classification thread (see `nsfwjs-thread-source.ts`): `foldedForward(model)`
 * turns a tfjs layers model into a function computing the same output with fewer, fused kernels.
 *
 * Why: nsfwjs's MobileNetV2 is a Keras layers model in which every convolution is followed by a
 * separate BatchNormalization layer, most of them by a ReLU6, and every stride-2 convolution is
 * preceded by a ZeroPadding2D. On the wasm backend batch normalisation alone took as long as all
 * the convolutions (~24 of ~55 ms per frame). At inference batch normalisation is an affine map
 * per channel, so it folds into the convolution's weights and a bias:
 *   W' = W · γ/√(σ²+ε) per output channel,  b' = β − μ · γ/√(σ²+ε),
 * the ReLU6 becomes the fused kernel's activation and the padding its explicit `pad`. Each such
 * run of layers becomes one `tf.fused.conv2d` / `tf.fused.depthwiseConv2d`. Scores differ from the
 * unfolded model's by float rounding only (< 1e-5); any other layer runs as it is (`layer.apply`).
 */
export const FOLDED_FORWARD_SOURCE = `
function foldedForward(model) {
  const inputsOf = (layer) => layer.inboundNodes[0].inboundLayers;
  const consumers = new Map();
  for (const layer of model.layers) for (const input of inputsOf(layer)) consumers.set(input, [...(consumers.get(input) || []), layer]);
  const onlyConsumer = (layer, className) => {
    const next = consumers.get(layer) || [];
    return next.length === 1 && next[0].getClassName() === className ? next[0] : null;
  };
  const isConv = (layer) => layer && ['Conv2D', 'DepthwiseConv2D'].includes(layer.getClassName());
  const steps = [];
  const folded = new Set();
  for (const layer of model.layers) {
    if (folded.has(layer) || layer.getClassName() === 'InputLayer') continue;
    const padding = layer.getClassName() === 'ZeroPadding2D' ? layer : null;
    const next = padding && (consumers.get(padding) || []).length === 1 ? consumers.get(padding)[0] : null;
    const conv = padding ? (isConv(next) && next.getConfig().padding === 'valid' ? next : null) : isConv(layer) ? layer : null;
    const norm = conv && onlyConsumer(conv, 'BatchNormalization');
    if (!norm || !foldable(conv, norm)) {
      steps.push({ output: layer, inputs: inputsOf(layer), run: (xs) => layer.apply(xs.length === 1 ? xs[0] : xs) });
      continue;
    }
    const relu = onlyConsumer(norm, 'ReLU');
    const relu6 = relu && relu.getConfig().maxValue === 6 && !relu.getConfig().negativeSlope && !relu.getConfig().threshold ? relu : null;
    [padding, conv, norm, relu6].forEach((part) => part && folded.add(part));
    steps.push({ output: relu6 || norm, inputs: inputsOf(layer), run: foldedConv(conv, norm, padding, relu6 ? 'relu6' : 'linear') });
  }
  const input = model.layers[0];
  const output = steps[steps.length - 1].output;
  return (x) => tf.tidy(() => {
    const values = new Map([[input, x]]);
    for (const step of steps) values.set(step.output, step.run(step.inputs.map((layer) => values.get(layer))));
    return values.get(output);
  });
}

/** A bias-free, activation-free convolution followed by a full batch normalisation over channels. */
function foldable(conv, norm) {
  const { useBias, activation } = conv.getConfig();
  const { axis, center, scale } = norm.getConfig();
  return !useBias && activation === 'linear' && (axis === -1 || axis === 3) && center !== false && scale !== false && norm.getWeights().length === 4;
}

function foldedConv(conv, norm, padding, activation) {
  const config = conv.getConfig();
  const depthwise = conv.getClassName() === 'DepthwiseConv2D';
  const [gamma, beta, mean, variance] = norm.getWeights();
  const [kernel] = conv.getWeights();
  const scale = tf.tidy(() => gamma.div(variance.add(norm.getConfig().epsilon).sqrt()));
  // Conv2D kernels are [h, w, in, out]; depthwise ones [h, w, in, multiplier], output channel in·multiplier.
  const filter = tf.tidy(() => kernel.mul(depthwise ? scale.reshape([1, 1, kernel.shape[2], kernel.shape[3]]) : scale));
  const bias = tf.tidy(() => beta.sub(mean.mul(scale)));
  scale.dispose();
  const pad = padding ? [[0, 0], ...padding.getConfig().padding, [0, 0]] : config.padding;
  const args = { filter, bias, strides: config.strides, pad, dilations: config.dilationRate, activation };
  return ([x]) => (depthwise ? tf.fused.depthwiseConv2d({ x, ...args }) : tf.fused.conv2d({ x, ...args }));
}
`;
