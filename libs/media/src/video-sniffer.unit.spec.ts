import { sniffVideo } from './video-sniffer';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const padded = (head: Uint8Array, length = 64): Uint8Array => {
  const out = new Uint8Array(Math.max(length, head.length));
  out.set(head);
  return out;
};
const ftyp = (brand: string) => padded(bytes([0, 0, 0, 0x20], 'ftyp', brand, [0, 0, 2, 0], 'isomiso2avc1mp41'));
const transportStream = (packetSize: number, offset: number, packets: number): Uint8Array => {
  const out = new Uint8Array(packetSize * packets);
  for (let i = 0; i < packets; i++) out[offset + i * packetSize] = 0x47;
  return out;
};
const oggFirstPage = (codecId: string) => padded(bytes('OggS', [0, 2], new Array<number>(20).fill(0), [1, 30], codecId), 80);

describe('sniffVideo', () => {
  it.each([
    ['MP4 (isom)', ftyp('isom'), 'video/mp4'],
    ['MP4 (mp42)', ftyp('mp42'), 'video/mp4'],
    ['QuickTime (ftyp qt)', ftyp('qt  '), 'video/quicktime'],
    ['QuickTime without ftyp', padded(bytes([0, 0, 0, 8], 'wide')), 'video/quicktime'],
    ['3GP', ftyp('3gp5'), 'video/3gpp'],
    ['WebM', padded(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm')), 'video/webm'],
    ['Matroska', padded(bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska')), 'video/x-matroska'],
    ['AVI', padded(bytes('RIFF', [0x10, 0, 0, 0], 'AVI LIST')), 'video/x-msvideo'],
    ['MPEG-TS', transportStream(188, 0, 3), 'video/mp2t'],
    ['M2TS', transportStream(192, 4, 3), 'video/mp2t'],
    ['MPEG program stream', padded(bytes([0, 0, 1, 0xba, 0x44])), 'video/mpeg'],
    ['FLV with video', padded(bytes('FLV', [1, 0x05, 0, 0, 0, 9])), 'video/x-flv'],
    ['Ogg Theora', oggFirstPage('\x80theora'), 'video/ogg'],
  ])('recognises %s', (_name, head, contentType) => {
    expect(sniffVideo(head)?.contentType).toBe(contentType);
  });

  it.each([
    ['PNG', padded(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))],
    ['JPEG', padded(bytes([0xff, 0xd8, 0xff, 0xe0]))],
    ['GIF', padded(bytes('GIF89a'))],
    ['PDF', padded(bytes('%PDF-1.7'))],
    ['WAV (RIFF WAVE)', padded(bytes('RIFF', [0x10, 0, 0, 0], 'WAVEfmt '))],
    ['WebP (RIFF WEBP)', padded(bytes('RIFF', [0x10, 0, 0, 0], 'WEBPVP8 '))],
    ['HEIC (ftyp heic)', ftyp('heic')],
    ['AVIF (ftyp avif)', ftyp('avif')],
    ['M4A audio (ftyp M4A)', ftyp('M4A ')],
    ['Ogg Vorbis', oggFirstPage('\x01vorbis')],
    ['Ogg Opus', oggFirstPage('OpusHead')],
    ['FLV with audio only', padded(bytes('FLV', [1, 0x04, 0, 0, 0, 9]))],
    ['one stray 0x47 byte', padded(bytes([0x47, 1, 2, 3]), 400)],
    ['plain text', padded(bytes('hello, this is not a video at all'))],
    ['MP3', padded(bytes('ID3', [4, 0, 0]))],
    ['too few bytes', bytes([0x1a])],
    ['an HLS playlist', padded(bytes('#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n'))],
    ['an ffconcat list', padded(bytes('ffconcat version 1.0\nfile /etc/passwd\n'))],
  ])('refuses %s', (_name, head) => {
    expect(sniffVideo(head)).toBeNull();
  });

  it.each([
    [ftyp('isom'), 'mov', '.mp4'],
    [ftyp('qt  '), 'mov', '.mov'],
    [padded(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84], 'webm')), 'matroska', '.webm'],
    [transportStream(188, 0, 3), 'mpegts', '.ts'],
    [padded(bytes([0, 0, 1, 0xba, 0x44])), 'mpeg', '.mpg'],
  ])('names the ffmpeg demuxer and the extension of what it recognised (%#)', (head, demuxer, extension) => {
    expect(sniffVideo(head)).toMatchObject({ demuxer, extension });
  });
});
