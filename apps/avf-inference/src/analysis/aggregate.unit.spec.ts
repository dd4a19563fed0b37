import { aggregate } from './aggregate';
import type { SequenceReport } from './sequence-report';

const sequence = (overrides: Partial<SequenceReport>): SequenceReport => ({
  index: 0,
  start_frame: 0,
  frames: 50,
  status: 'analysed',
  face: true,
  speech: true,
  correlation: null,
  lag: null,
  correlation_at_sync: null,
  in_sync: null,
  forgery_probability: 0,
  ...overrides,
});
const unmeasured = (status: SequenceReport['status'], face: boolean, speech: boolean) => sequence({ status, face, speech, forgery_probability: null });

describe('aggregate', () => {
  it('weights each sequence by its frames and calls 0.5 and up fake', () => {
    const verdict = aggregate([sequence({ forgery_probability: 1 }), sequence({ forgery_probability: 0 }), sequence({ frames: 25, forgery_probability: 0 })]);
    expect(verdict).toEqual({ kind: 'verdict', prediction: 'real', score: 0.4, confidence: 0.15, analysed: 3, inSync: 2, weak: null, evidence: null });
    expect(aggregate([sequence({ forgery_probability: 0.5 })])).toMatchObject({ prediction: 'fake', confidence: 0 });
  });

  it('is less confident with fewer sequences behind the score', () => {
    expect(aggregate([sequence({ forgery_probability: 0 })])).toMatchObject({ prediction: 'real', confidence: 0.5 });
    expect(aggregate(Array.from({ length: 9 }, () => sequence({ forgery_probability: 0 })))).toMatchObject({ confidence: 0.9 });
  });

  it('leaves unanalysed sequences out of the score', () => {
    expect(aggregate([sequence({ forgery_probability: 1 }), unmeasured('no_face', false, true)])).toMatchObject({ prediction: 'fake', score: 1, analysed: 1 });
  });

  it('takes the local verdict from the clip-level decision, and marks evidence too weak to tell inconclusive with no confidence', () => {
    const flat = Array.from({ length: 31 }, () => 0.1);
    const sync = (movement: number, mouthWidthPx: number) => ({
      sequences: [0, 1, 2].map(() => ({ frames: 50, correlations: flat, maxLag: 15, movement })),
      context: { fps: 25, tolerance: 2, mouthWidthPx },
    });
    const sequences = [0, 1, 2].map(() => sequence({ forgery_probability: 1 }));
    expect(aggregate(sequences, sync(0.002, 40))).toMatchObject({ prediction: 'fake', weak: null, evidence: { finding: 'still', mouth_width_px: 40 } });
    const tooSmall = aggregate(sequences, sync(0.002, 12));
    expect(tooSmall).toMatchObject({ prediction: 'real', confidence: 0, weak: { reason: 'face_too_small' }, evidence: { finding: 'weak' } });
  });

  it('gives no verdict without an analysed sequence, and says why', () => {
    expect(aggregate([unmeasured('no_face', false, true), unmeasured('no_face', false, true)])).toMatchObject({ kind: 'inconclusive', reason: 'no_face' });
    expect(aggregate([unmeasured('no_speech', true, false)])).toMatchObject({ kind: 'inconclusive', reason: 'no_speech' });
    expect(aggregate([unmeasured('no_face', false, true), unmeasured('no_speech', true, false)])).toMatchObject({ kind: 'inconclusive', reason: 'no_face_with_speech' });
    expect(aggregate([unmeasured('too_short', true, true)])).toMatchObject({ kind: 'inconclusive', reason: 'too_short' });
    expect(aggregate([])).toMatchObject({ kind: 'inconclusive', reason: 'too_short' });
  });
});
