import { checkModelContract, type ModelMetadata } from './model-contract';

const EXPECTED = { framesInput: 'frames', audioInput: 'audio', output: 'p', frameSize: 224 };
const metadata = (frames: number[], overrides: Partial<ModelMetadata> = {}): ModelMetadata => ({
  name: 'avf',
  inputs: [
    { name: 'frames', datatype: 'UINT8', shape: frames },
    { name: 'audio', datatype: 'FP32', shape: [1, -1] },
  ],
  outputs: [{ name: 'p', datatype: 'FP32', shape: [1, 1] }],
  ...overrides,
});

describe('checkModelContract', () => {
  it('accepts a model with dynamic sequence length', () => {
    expect(checkModelContract(metadata([-1, -1, -1, -1, 3]), EXPECTED)).toEqual({ fixedFrames: null });
  });

  it('takes the sequence length from a model that fixes it', () => {
    expect(checkModelContract(metadata([1, 50, 224, 224, 3]), EXPECTED)).toEqual({ fixedFrames: 50 });
  });

  it('lists every mismatch with what to change', () => {
    const result = checkModelContract(
      metadata([1, -1, 112, 112, 3], { outputs: [{ name: 'p', datatype: 'INT64', shape: [1] }], inputs: [{ name: 'frames', datatype: 'FP32', shape: [1, -1, 112, 112, 3] }] }),
      EXPECTED,
    );
    expect(result).toEqual({
      problems: [
        'input "frames" is FP32; UINT8 RGB frames are sent',
        'input "frames" takes 112x112 frames; set AVF_KSERVE_FRAME_SIZE to match (now 224)',
        'the model has no input "audio" (it has: frames)',
        'output "p" is INT64; a FP32 or FP64 probability is read',
      ],
    });
  });

  it('refuses a frames input of another rank', () => {
    expect(checkModelContract(metadata([1, 224, 224, 3]), EXPECTED)).toEqual({ problems: ['input "frames" has shape [1,224,224,3]; [1, frames, height, width, 3] is sent'] });
  });
});
