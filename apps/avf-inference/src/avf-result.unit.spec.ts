import { buildResult, type ResultContext } from './avf-result';

const CONTEXT: ResultContext = {
  video_path: '/tmp/x/source.mp4', sequence_length: 50, video_frames: 100, request_id: 'job-1', source_filename: 'clip.mp4',
  backend: 'local', model: null, fps: 25, duration_s: 4,
};
const verdict = { kind: 'verdict', prediction: 'real', score: 0.45, confidence: 0, analysed: 2, inSync: 1, evidence: null } as const;

describe('buildResult', () => {
  it('reports evidence too weak to tell as inconclusive, with its reason in words, and still a prediction by the rule', () => {
    const weak = { reason: 'face_too_small', explanation: 'face too small: mouth region 14 px wide' } as const;
    const result = buildResult({ ...verdict, weak }, [], CONTEXT);
    expect(result).toMatchObject({ prediction: 'real', score: 0.45, confidence: 0, message: 'Inference completed, inconclusive: face too small: mouth region 14 px wide' });
    expect(result.metadata).toMatchObject({ inconclusive: true, inconclusive_reason: 'face_too_small', inconclusive_explanation: weak.explanation, sequences_analysed: 2 });
  });

  it('reports a conclusive verdict as such', () => {
    const result = buildResult({ ...verdict, score: 0.1, confidence: 0.5, weak: null }, [], CONTEXT);
    expect(result).toMatchObject({ message: 'Inference completed successfully', prediction: 'real' });
    expect(result.metadata).toMatchObject({ inconclusive: false, inconclusive_reason: null, inconclusive_explanation: null });
  });

  it('has no prediction at all when there was nothing to compare', () => {
    const result = buildResult({ kind: 'inconclusive', reason: 'no_face', explanation: 'no face was found' }, [], CONTEXT);
    expect(result).toMatchObject({ prediction: null, score: null, confidence: null });
    expect(result.metadata).toMatchObject({ inconclusive: true, inconclusive_reason: 'no_face', inconclusive_explanation: 'no face was found', evidence: null });
  });
});
