import { activityPerSecond, findCuts, SceneScoreParser } from './scene-scores';

describe('scene scores', () => {
  it('reads frame times and scores from metadata=print output', () => {
    const parser = new SceneScoreParser();
    ['frame:0    pts:0       pts_time:0', 'lavfi.scene_score=0.000000', 'frame:1    pts:512     pts_time:0.04', 'lavfi.scene_score=0.724975'].forEach((l) => parser.onLine(l));
    expect(parser.times).toEqual([0, 0.04]);
    expect(parser.scores).toEqual([0, 0.724975]);
  });

  it('finds hard cuts, one per second at most, the strongest winning', () => {
    const times = [0, 1, 2, 2.4, 2.5, 5, 9];
    const scores = [0.9, 0.02, 0.4, 0.7, 0.3, 0.05, 0.12];
    expect(findCuts(times, scores)).toEqual([2.4, 9]);
  });

  it('measures motion per second without the cut frames', () => {
    expect(activityPerSecond([0.1, 0.5, 1.2, 1.6], [0.02, 0.04, 0.9, 0.01], 2)).toEqual([0.03, 0.01]);
  });
});
