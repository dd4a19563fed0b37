import { open } from 'node:fs/promises';

export interface WavLayout {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bitsPerSample: number;
  readonly dataOffset: number;
  readonly dataBytes: number;
}

/** Reads the RIFF chunks up to `data`; ffmpeg writes a LIST chunk first, so 44 is not a given. */
export async function readWavLayout(file: string): Promise<WavLayout> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(header, 0, header.length, 0);
    if (bytesRead < 12 || header.toString('ascii', 0, 4) !== 'RIFF' || header.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${file} is not a wav file`);
    let format: Omit<WavLayout, 'dataOffset' | 'dataBytes'> | null = null;
    for (let offset = 12; offset + 8 <= bytesRead; ) {
      const id = header.toString('ascii', offset, offset + 4);
      const size = header.readUInt32LE(offset + 4);
      if (id === 'fmt ') format = { channels: header.readUInt16LE(offset + 10), sampleRate: header.readUInt32LE(offset + 12), bitsPerSample: header.readUInt16LE(offset + 22) };
      if (id === 'data' && format) {
        const fileBytes = (await handle.stat()).size;
        return { ...format, dataOffset: offset + 8, dataBytes: Math.min(size, fileBytes - offset - 8) };
      }
      offset += 8 + size + (size % 2);
    }
    throw new Error(`${file} has no data chunk in its first 4 KiB`);
  } finally {
    await handle.close();
  }
}

/** Writes the samples between two times of a wav as a wav of its own. */
export async function writeWavSlice(source: string, layout: WavLayout, startS: number, endS: number, target: string): Promise<void> {
  const frameBytes = layout.channels * (layout.bitsPerSample / 8);
  const byteAt = (t: number) => Math.min(layout.dataBytes, Math.max(0, Math.round(t * layout.sampleRate) * frameBytes));
  const from = byteAt(startS);
  const length = byteAt(endS) - from;
  const data = Buffer.alloc(length);
  const input = await open(source, 'r');
  try {
    await input.read(data, 0, length, layout.dataOffset + from);
  } finally {
    await input.close();
  }
  const output = await open(target, 'w');
  try {
    await output.write(wavHeader(layout, length));
    await output.write(data);
  } finally {
    await output.close();
  }
}

function wavHeader(layout: WavLayout, dataBytes: number): Buffer {
  const header = Buffer.alloc(44);
  const blockAlign = layout.channels * (layout.bitsPerSample / 8);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(layout.channels, 22);
  header.writeUInt32LE(layout.sampleRate, 24);
  header.writeUInt32LE(layout.sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(layout.bitsPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}
