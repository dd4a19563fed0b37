import { parsePocketsphinxWords } from './pocketsphinx-output';

const OUTPUT = `why do most startups fail in their first three years
<s> 0.000 0.170 0.999500
why 0.180 0.410 0.519558
do 0.420 0.620 0.560813
[NOISE] 0.630 0.700 0.100000
startups 0.920 1.520 0.437492
<sil> 5.220 5.370 0.573060
the(2) 7.060 7.190 0.876591
++UH++ 7.200 7.300 0.500000
</s> 11.550 11.620 1.000000
`;

describe('pocketsphinx word lines', () => {
  it('keeps real words with their times, shifted by the piece offset', () => {
    expect(parsePocketsphinxWords(OUTPUT, 30)).toEqual([
      { text: 'why', start: 30.18, end: 30.41 },
      { text: 'do', start: 30.42, end: 30.62 },
      { text: 'startups', start: 30.92, end: 31.52 },
      { text: 'the', start: 37.06, end: 37.19 },
    ]);
  });

  it('ignores the hypothesis line and fillers, and finds nothing in silence', () => {
    expect(parsePocketsphinxWords('<s> 0.000 0.500 1.0\n<sil> 0.5 3.0 1.0\n</s> 3.0 3.1 1.0\n')).toEqual([]);
    expect(parsePocketsphinxWords('')).toEqual([]);
  });
});
