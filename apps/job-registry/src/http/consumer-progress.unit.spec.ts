import { ConsumerProgress } from './consumer-progress';

describe('consumer progress', () => {
  it('calls a consumer stuck only when messages wait and none is delivered for the whole window', () => {
    const progress = new ConsumerProgress(60_000);
    expect(progress.check('projector', { pending: 5, deliveredSeq: 10 }, 0)).toBeNull();
    expect(progress.check('projector', { pending: 5, deliveredSeq: 10 }, 59_999)).toBeNull();
    expect(progress.check('projector', { pending: 5, deliveredSeq: 10 }, 60_000)).toMatch(/projector has 5 messages waiting and delivered none for 60 s/);
  });

  it('restarts the window whenever a message is delivered, or nothing waits', () => {
    const progress = new ConsumerProgress(60_000);
    progress.check('dispatcher', { pending: 5, deliveredSeq: 10 }, 0);
    expect(progress.check('dispatcher', { pending: 4, deliveredSeq: 11 }, 50_000)).toBeNull();
    expect(progress.check('dispatcher', { pending: 4, deliveredSeq: 11 }, 100_000)).toBeNull();
    expect(progress.check('dispatcher', { pending: 0, deliveredSeq: 11 }, 200_000)).toBeNull();
    expect(progress.check('dispatcher', { pending: 1, deliveredSeq: 11 }, 250_000)).toBeNull();
    expect(progress.check('dispatcher', { pending: 1, deliveredSeq: 11 }, 310_000)).not.toBeNull();
  });

  it('keeps consumers apart', () => {
    const progress = new ConsumerProgress(1_000);
    progress.check('a', { pending: 1, deliveredSeq: 1 }, 0);
    expect(progress.check('b', { pending: 1, deliveredSeq: 1 }, 5_000)).toBeNull();
    expect(progress.check('a', { pending: 1, deliveredSeq: 1 }, 5_000)).not.toBeNull();
  });
});
