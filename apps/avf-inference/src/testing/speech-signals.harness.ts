/** A deterministic speech-like loudness envelope: syllables of random length and loudness, with pauses. */
export function syllables(frames: number, seed = 7): Float64Array {
  let state = seed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const envelope = new Float64Array(frames);
  for (let t = 0; t < frames; ) {
    const length = 3 + Math.floor(random() * 5);
    const loudness = random() < 0.2 ? 0 : 0.05 + 0.25 * random();
    for (let i = 0; i < length && t < frames; i++, t++) envelope[t] = loudness * Math.sin((Math.PI * (i + 0.5)) / length);
  }
  return envelope;
}

/** `signal` delayed by `frames` (the first frames repeat the start). */
export function delayed(signal: Float64Array, frames: number): Float64Array {
  return signal.map((_, t) => signal[Math.max(0, t - frames)]);
}
