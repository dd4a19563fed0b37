/** What the first bytes of a file say it is. */
export interface SniffedVideo {
  readonly container: string;
  readonly contentType: string;
  /**
   * The ffmpeg demuxer for it (`-f`): naming it stops ffmpeg from guessing, so a file cannot
   * turn into a playlist (HLS, ffconcat) that makes the decoder open other files or URLs.
   */
  readonly demuxer: string;
  /** The extension the local copy is named with. */
  readonly extension: string;
}

/** Enough for every check below: three MPEG-TS packets (3 × 188) and an Ogg first page. */
export const SNIFF_BYTES = 1024;

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

/**
 * ISO base media brands that are stills or sound, not video: HEIF/AVIF images and iTunes audio
 * share the `ftyp` box with MP4 and QuickTime.
 */
const NON_VIDEO_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'M4A ', 'M4B ', 'M4P ', 'crx ', 'jp2 ', 'jpx ']);

/** QuickTime files from before `ftyp` existed start straight with one of these atoms. */
const QUICKTIME_ATOMS = new Set(['moov', 'mdat', 'wide']);

/**
 * Recognises a video container from its first bytes (up to SNIFF_BYTES), or returns null. The
 * name and the declared type of an upload are the client's claims; the magic numbers are what the
 * decoder will see.
 */
export function sniffVideo(head: Uint8Array): SniffedVideo | null {
  return isoMedia(head) ?? matroska(head) ?? avi(head) ?? flv(head) ?? ogg(head) ?? mpegTs(head) ?? mpegPs(head);
}

function isoMedia(head: Uint8Array): SniffedVideo | null {
  if (head.length < 12) return null;
  const box = ascii(head, 4, 4);
  if (QUICKTIME_ATOMS.has(box)) return { container: 'mov', contentType: 'video/quicktime', demuxer: 'mov', extension: '.mov' };
  if (box !== 'ftyp') return null;
  const brand = ascii(head, 8, 4);
  if (NON_VIDEO_BRANDS.has(brand)) return null;
  if (brand === 'qt  ') return { container: 'mov', contentType: 'video/quicktime', demuxer: 'mov', extension: '.mov' };
  if (brand.startsWith('3g')) return { container: '3gp', contentType: 'video/3gpp', demuxer: 'mov', extension: '.3gp' };
  return { container: 'mp4', contentType: 'video/mp4', demuxer: 'mov', extension: '.mp4' };
}

/** EBML header; its DocType tells WebM from Matroska. */
function matroska(head: Uint8Array): SniffedVideo | null {
  if (head.length < 4 || head[0] !== 0x1a || head[1] !== 0x45 || head[2] !== 0xdf || head[3] !== 0xa3) return null;
  const header = ascii(head, 4, 60);
  return header.includes('webm') ? { container: 'webm', contentType: 'video/webm', demuxer: 'matroska', extension: '.webm' } : { container: 'mkv', contentType: 'video/x-matroska', demuxer: 'matroska', extension: '.mkv' };
}

/** RIFF is also WAV and WebP: only the `AVI ` form type is video. */
function avi(head: Uint8Array): SniffedVideo | null {
  if (head.length < 12 || ascii(head, 0, 4) !== 'RIFF' || ascii(head, 8, 4) !== 'AVI ') return null;
  return { container: 'avi', contentType: 'video/x-msvideo', demuxer: 'avi', extension: '.avi' };
}

/** "FLV" then version 1; bit 0 of the flags byte says whether there is a video track. */
function flv(head: Uint8Array): SniffedVideo | null {
  if (head.length < 5 || ascii(head, 0, 3) !== 'FLV' || head[3] !== 0x01) return null;
  return ((head[4] ?? 0) & 0x01) === 0x01 ? { container: 'flv', contentType: 'video/x-flv', demuxer: 'flv', extension: '.flv' } : null;
}

/** Ogg's first packet names the first stream's codec: refuse the audio-only ones. */
function ogg(head: Uint8Array): SniffedVideo | null {
  if (head.length < 28 || ascii(head, 0, 4) !== 'OggS') return null;
  const segments = head[26] ?? 0;
  const packet = ascii(head, 27 + segments, 8);
  const audio = ['\x01vorbis', 'OpusHead', 'Speex   ', '\x7fFLAC'].some((id) => packet.startsWith(id));
  return audio ? null : { container: 'ogg', contentType: 'video/ogg', demuxer: 'ogg', extension: '.ogv' };
}

/**
 * MPEG transport stream: a 0x47 sync byte every 188 bytes (every 192 in Blu-ray M2TS, after a
 * 4-byte timestamp). One sync byte alone is too weak a sign: at least two packets must line up.
 */
function mpegTs(head: Uint8Array): SniffedVideo | null {
  for (const [offset, size] of [[0, 188], [4, 192]] as const) {
    const positions = [0, 1, 2].map((i) => offset + i * size).filter((at) => at < head.length);
    if (positions.length >= 2 && positions.every((at) => head[at] === 0x47)) return { container: 'mpegts', contentType: 'video/mp2t', demuxer: 'mpegts', extension: '.ts' };
  }
  return null;
}

/** MPEG program stream (.mpg, .vob): a pack header, or an MPEG-1/2 sequence header. */
function mpegPs(head: Uint8Array): SniffedVideo | null {
  if (head.length < 4 || head[0] !== 0 || head[1] !== 0 || head[2] !== 1) return null;
  return head[3] === 0xba || head[3] === 0xb3 ? { container: 'mpeg', contentType: 'video/mpeg', demuxer: 'mpeg', extension: '.mpg' } : null;
}
