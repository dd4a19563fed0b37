import { AudioLogParser } from './audio-log-parser';

describe('audio pass log', () => {
  it('collects silences and momentary loudness from interleaved ffmpeg lines', () => {
    const parser = new AudioLogParser();
    [
      '[silencedetect @ 0x1] silence_start: 0',
      '[Parsed_ebur128_3 @ 0x2] t: 0.0999375  TARGET:-23 LUFS    M:-120.7 S:-120.7     I: -70.0 LUFS       LRA:   0.0 LU',
      '[silencedetect @ 0x1] silence_end: 0.226625 | silence_duration: 0.226625',
      '[Parsed_ebur128_3 @ 0x2] t: 0.199938   TARGET:-23 LUFS    M: -18.0 S:-120.7     I: -18.0 LUFS       LRA:   0.0 LU',
      '[Parsed_ebur128_3 @ 0x2] t: 0.299938   TARGET:-23 LUFS    M:  -9.5 S:-120.7     I: -12.0 LUFS       LRA:   0.0 LU',
      '[silencedetect @ 0x1] silence_start: 5.21812',
      '  Integrated loudness:',
      '    I:         -16.7 LUFS',
    ].forEach((line) => parser.onLine(line));
    expect(parser.result(6)).toEqual({
      pauses: [{ start: 0, end: 0.226625 }, { start: 5.21812, end: 6 }],
      loudness: { stepS: 0.1, values: [-120.7, -18, -9.5] },
    });
  });
});
