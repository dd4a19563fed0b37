import { captionCues } from './caption-cues';
import { videoFilters } from './video-filters';

describe('clip filters', () => {
  it('crops the largest centred 9:16 frame and scales it to 720x1280, or keeps the frame with even sides', () => {
    expect(videoFilters('vertical', [])).toBe("crop='min(iw,trunc(ih*9/16/2)*2)':'min(ih,trunc(iw*16/9/2)*2)',scale=720:1280,setsar=1");
    expect(videoFilters('original', [])).toBe('scale=trunc(iw/2)*2:trunc(ih/2)*2,setsar=1');
  });

  it('burns each caption only while it is spoken, reading its text from a file', () => {
    const filters = videoFilters('vertical', [{ text: 'hello there', start: 0.5, end: 1.75, file: '/tmp/job/clip_1-cue-0.txt' }]);
    expect(filters).toContain("drawtext=font=Sans:textfile='/tmp/job/clip_1-cue-0.txt'");
    expect(filters).toContain("enable='between(t,0.5,1.75)'");
    expect(() => videoFilters('original', [{ text: 'x', start: 0, end: 1, file: "/tmp/it's" }])).toThrow();
  });

  it('groups words into short cues timed from the clip start', () => {
    const words = 'one two three four five six'.split(' ').map((text, i) => ({ text, start: 10 + i * 0.5, end: 10.4 + i * 0.5 }));
    expect(captionCues(words, 10, 20)).toEqual([
      { text: 'one two three four', start: 0, end: 2 },
      { text: 'five six', start: 2, end: 3.5 },
    ]);
  });
});
