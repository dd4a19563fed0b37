import type { ClipSync } from './clip-sync';
import { decideSync, INCONCLUSIVE_SCORE } from './sync-decision';

const CONTEXT = { fps: 25, tolerance: 2, mouthWidthPx: 60 };
const clip = (overrides: Partial<ClipSync>): ClipSync => ({ lag: 0, peak: 0.8, atSync: 0.8, prominence: 6, consistency: 1, movement: 0.02, sequences: 8, ...overrides });

describe('decideSync', () => {
  it('calls a clear peak at lag 0 in sync, with a low score', () => {
    const decision = decideSync(clip({}), CONTEXT);
    expect(decision).toMatchObject({ finding: 'in_sync', weak: null });
    expect(decision.score).toBeLessThan(0.1);
  });

  it('calls a weaker but clear peak at lag 0 in sync too: a blurry mouth that follows the speech is not evidence of forgery', () => {
    const decision = decideSync(clip({ peak: 0.45, atSync: 0.45, prominence: 3.5, consistency: 0.5 }), CONTEXT);
    expect(decision.finding).toBe('in_sync');
    expect(decision.score).toBeLessThan(0.5);
  });

  it('calls a clear peak at another lag an offset (fake), late or early, and says by how much', () => {
    const late = decideSync(clip({ lag: 5, atSync: -0.3 }), CONTEXT);
    expect(late).toMatchObject({ finding: 'offset' });
    expect(late.score).toBeGreaterThanOrEqual(0.5);
    expect(late.summary).toMatch(/late by 0\.20 s/);
    expect(decideSync(clip({ lag: -4, atSync: -0.3 }), CONTEXT).summary).toMatch(/early by 0\.16 s/);
  });

  it('does not call a broad peak just past the tolerance an offset when sync is nearly as strong', () => {
    expect(decideSync(clip({ lag: 3, peak: 0.8, atSync: 0.7 }), CONTEXT).finding).toBe('in_sync');
  });

  it('calls a mouth that does not move while someone speaks a still image (fake)', () => {
    const decision = decideSync(clip({ peak: 0.15, prominence: 2, movement: 0.003 }), CONTEXT);
    expect(decision.finding).toBe('still');
    expect(decision.score).toBeGreaterThanOrEqual(0.5);
  });

  it('calls a clearly moving mouth that follows the speech at no lag, over enough sequences, unrelated (fake)', () => {
    const decision = decideSync(clip({ lag: -11, peak: 0.15, atSync: 0.02, prominence: 2.5, movement: 0.019 }), CONTEXT);
    expect(decision.finding).toBe('unrelated');
    expect(decision.score).toBeGreaterThanOrEqual(0.5);
  });

  it('does not take the absence of a peak on a small mouth for a dub: compression can erase a real peak as well', () => {
    const decision = decideSync(clip({ lag: -11, peak: 0.15, atSync: 0.02, prominence: 2.5, movement: 0.019 }), { ...CONTEXT, mouthWidthPx: 41 });
    expect(decision).toMatchObject({ finding: 'weak', score: INCONCLUSIVE_SCORE, weak: { reason: 'weak_mouth_signal' } });
    expect(decision.summary).toMatch(/mouth region 41 px wide/);
  });

  it('is inconclusive, never fake, when the mouth signal is too weak to tell', () => {
    const weakOnes = [
      clip({ peak: 0.32, prominence: 2.5 }),
      clip({ peak: 0.6, prominence: 2 }),
      clip({ lag: 9, peak: 0.2, prominence: 2, sequences: 2 }),
      // A faint best correlation at lag 0 is what a blocky in-sync copy leaves, not a dub.
      clip({ lag: 0, peak: 0.26, prominence: 3.3 }),
    ];
    for (const weak of weakOnes) {
      const decision = decideSync(weak, CONTEXT);
      expect(decision).toMatchObject({ finding: 'weak', score: INCONCLUSIVE_SCORE, weak: { reason: 'weak_mouth_signal' } });
      expect(decision.score).toBeLessThan(0.5);
    }
  });

  it('is inconclusive about a face too small to read the lips of, and says how small', () => {
    const decision = decideSync(clip({ peak: 0.1, prominence: 1.5, movement: 0.003 }), { ...CONTEXT, mouthWidthPx: 14.2 });
    expect(decision).toMatchObject({ finding: 'weak', weak: { reason: 'face_too_small', explanation: 'face too small: mouth region 14 px wide' } });
  });

  it('still trusts a clear peak on a small face: a consistent offset is evidence whatever the size', () => {
    expect(decideSync(clip({ lag: 8, atSync: 0, prominence: 5 }), { ...CONTEXT, mouthWidthPx: 10 }).finding).toBe('offset');
  });
});
