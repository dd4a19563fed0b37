import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  /** Form fields (transcriptions) or the JSON body (chat completions). */
  readonly body: Record<string, unknown>;
}

/**
 * An OpenAI-compatible server on 127.0.0.1 for the remote backends: `/v1/audio/transcriptions`
 * answers `verbose_json` with the script's words laid over the voiced parts of the uploaded wav;
 * `/v1/chat/completions` answers a JSON object of captions with fixed token usage.
 */
export interface OpenAiMock {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** What the next answers do: normal, chat content that is not JSON, or a 503 for speech. */
  mode: 'normal' | 'chat-not-json' | 'stt-unavailable';
  close(): Promise<void>;
}

export const MOCK_USAGE = { prompt_tokens: 420, completion_tokens: 60 };

export async function startOpenAiMock(script: readonly string[]): Promise<OpenAiMock> {
  const words = script.join(' ').toLowerCase().match(/[a-z']+/g) ?? [];
  const mock: OpenAiMock = { baseUrl: '', requests: [], mode: 'normal', close: () => Promise.resolve() };
  const server: Server = createServer((request, response) => {
    void answer(request, mock, words).then(({ status, body }) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(mock, { baseUrl: `http://127.0.0.1:${port}/v1`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

async function answer(request: IncomingMessage, mock: OpenAiMock, words: readonly string[]): Promise<{ status: number; body: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const record = (body: Record<string, unknown>) => mock.requests.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
  if (request.url === '/v1/audio/transcriptions') {
    const form = await new Response(raw, { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData();
    const file = form.get('file') as Blob;
    record({ ...Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')), file: file.size });
    if (mock.mode === 'stt-unavailable') return { status: 503, body: { error: { message: 'overloaded' } } };
    return { status: 200, body: transcription(Buffer.from(await file.arrayBuffer()), words) };
  }
  if (request.url === '/v1/chat/completions') {
    const body = JSON.parse(raw.toString('utf8')) as { messages: { content: string }[] };
    record(body);
    const said = (body.messages.at(-1)?.content ?? '').split('Transcript: ')[1]?.split(' ').slice(0, 5).join(' ') ?? '';
    const content = mock.mode === 'chat-not-json' ? 'Sure! Here are some captions.' : JSON.stringify({
      title: `Remote title: ${said}`,
      video_description_for_tiktok: `${said} #remote #tiktok`,
      video_description_for_instagram: `${said} #remote #reels`,
      video_title_for_youtube_short: `Remote short ${'very '.repeat(30)}long`,
    });
    return { status: 200, body: { object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: MOCK_USAGE } };
  }
  return { status: 404, body: { error: { message: `no route ${request.url}` } } };
}

/** The script's words spread over the voiced stretches of a 16 kHz mono 16-bit wav. */
function transcription(wav: Buffer, words: readonly string[]) {
  const samples = new Int16Array(wav.buffer, wav.byteOffset + 44, Math.floor((wav.length - 44) / 2));
  const durationS = samples.length / 16000;
  const voiced = voicedStretches(samples);
  const total = voiced.reduce((sum, [a, b]) => sum + (b - a), 0) || 1;
  const timed: { word: string; start: number; end: number }[] = [];
  let next = 0;
  voiced.forEach(([a, b], i) => {
    const count = i === voiced.length - 1 ? words.length - next : Math.round((words.length * (b - a)) / total);
    const slot = (b - a) / Math.max(1, count);
    for (let k = 0; k < count && next < words.length; k++, next++) {
      timed.push({ word: words[next] as string, start: a + k * slot, end: a + (k + 0.8) * slot });
    }
  });
  return { task: 'transcribe', language: 'english', duration: durationS, text: words.join(' '), words: timed };
}

/** Runs of 10 ms frames with sound, split at 150 ms of quiet. */
function voicedStretches(samples: Int16Array): [number, number][] {
  const frame = 160;
  const stretches: [number, number][] = [];
  let start: number | null = null;
  let quiet = 0;
  for (let i = 0; i + frame <= samples.length; i += frame) {
    let energy = 0;
    for (let j = i; j < i + frame; j++) energy += ((samples[j] ?? 0) / 32768) ** 2;
    const loud = Math.sqrt(energy / frame) > 0.01;
    const t = i / 16000;
    if (loud) {
      start ??= t;
      quiet = 0;
    } else if (start !== null && ++quiet >= 15) {
      stretches.push([start, t - 0.14]);
      start = null;
    }
  }
  if (start !== null) stretches.push([start, samples.length / 16000]);
  return stretches;
}
