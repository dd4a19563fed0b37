/** The first bytes of an MP4 file (an `ftyp` box), enough for the gateway's sniffer. */
const MP4_HEAD = Uint8Array.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2avc1mp41')]);

/** Bytes that sniff as MP4, `size` long, with a recognisable pattern after the header. */
export function mp4Bytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  bytes.set(MP4_HEAD.subarray(0, Math.min(size, MP4_HEAD.length)));
  return bytes;
}

/** A real (tiny) PNG signature and header: an image, whatever it is called. */
export function pngBytes(): Uint8Array {
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Buffer.from('IHDR'), 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
}

/** A form with one file, as browsers and curl send it. */
export function fileForm(bytes: Uint8Array, filename = 'video.mp4', type = 'video/mp4', fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), filename);
  return form;
}
