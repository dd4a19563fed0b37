import { judgeSequence } from './sync-evidence';
import { delayed, syllables } from '../testing/speech-signals.harness';

const SETTINGS = { maxLag: 15, tolerance: 2, voicedRms: 0.02, detrendWindow: 11 };
const span = (frames: number) => ({ index: 0, start: 0, end: frames });
/** Mouth opening that follows loudness, as a speaking face does. */
const mouthFor = (energy: Float64Array) => energy.map((e) => 0.03 + 0.5 * e);

describe('judgeSequence', () => {
  const energy = syllables(50);

  it('finds a mouth moving with the sound in sync, with a low forgery probability', () => {
    const report = judgeSequence(span(50), mouthFor(energy), energy, SETTINGS);
    expect(report).toMatchObject({ status: 'analysed', face: true, speech: true, lag: 0, in_sync: true, forgery_probability: 0 });
    expect(report.correlation).toBeGreaterThan(0.95);
  });

  it('finds sound 12 frames late as out of sync', () => {
    const report = judgeSequence(span(50), mouthFor(energy), delayed(energy, 12), SETTINGS);
    expect(report).toMatchObject({ status: 'analysed', lag: 12, in_sync: false, forgery_probability: 1 });
  });

  it('finds a mouth moving to other words as out of sync', () => {
    const report = judgeSequence(span(50), mouthFor(syllables(50, 99)), energy, SETTINGS);
    expect(report.in_sync).toBe(false);
    expect(report.forgery_probability).toBeGreaterThan(0.5);
  });

  it('treats a mouth that does not move while someone speaks as forged, whatever its jitter correlates with', () => {
    const jitter = energy.map((e) => 0.03 + 0.0001 * e);
    expect(judgeSequence(span(50), jitter, energy, SETTINGS)).toMatchObject({ status: 'analysed', correlation: 0, forgery_probability: 1 });
  });

  it('does not judge a sequence without enough face frames', () => {
    const mostlyLost = mouthFor(energy).map((value, t) => (t < 25 ? Number.NaN : value));
    expect(judgeSequence(span(50), mostlyLost, energy, SETTINGS)).toMatchObject({ status: 'no_face', face: false, forgery_probability: null });
  });

  it('does not judge silence, nor a steady tone, as speech', () => {
    expect(judgeSequence(span(50), mouthFor(energy), new Float64Array(50), SETTINGS)).toMatchObject({ status: 'no_speech', speech: false });
    expect(judgeSequence(span(50), mouthFor(energy), new Float64Array(50).fill(0.2), SETTINGS)).toMatchObject({ status: 'no_speech' });
  });

  it('does not judge a handful of frames', () => {
    expect(judgeSequence(span(8), mouthFor(energy.subarray(0, 8)), energy.subarray(0, 8), SETTINGS).status).toBe('too_short');
  });
});
