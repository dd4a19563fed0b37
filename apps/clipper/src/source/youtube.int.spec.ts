import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTempDir } from '@jetjobs/media';
import { PermanentError } from '@jetjobs/worker-runtime';
import { writeFakeYtDlp } from '../testing/fake-yt-dlp';
import { downloadFromYoutube, type YoutubeOptions } from './youtube';

const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20, ...Buffer.from('ftypisom'), 0, 0, 2, 0, ...Buffer.from('isomiso2avc1mp41')]), Buffer.alloc(4096, 1)]);

/** An internal host the page might point yt-dlp at; it counts every request that reaches it. */
let internal: Server;
let base: string;
let hits = 0;
let toolDir: string;
let ytDlp: string;

beforeAll(async () => {
  internal = createServer((_request, response) => {
    hits++;
    response.writeHead(200, { 'content-type': 'video/mp4' }).end(MP4);
  });
  await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(internal.address() as AddressInfo).port}`;
  toolDir = await mkdtemp(join(tmpdir(), 'jetjobs-ytdlp-'));
  ytDlp = await writeFakeYtDlp(toolDir);
});

afterAll(async () => {
  internal.closeAllConnections();
  await new Promise((resolve) => internal.close(resolve));
  await rm(toolDir, { recursive: true, force: true });
});

const download = (url: string, options: Partial<YoutubeOptions> = {}) =>
  withTempDir('ytdlp-test', (dir) =>
    downloadFromYoutube(url, { command: ytDlp, dir, maxBytes: 1024 ** 2, signal: new AbortController().signal, allowlist: [], idleTimeoutMs: 5_000, ...options }),
  );

describe('downloadFromYoutube', () => {
  it('runs yt-dlp behind the checking proxy: a private address is refused and never reached', async () => {
    const before = hits;
    const failure = download(`${base}/watch?v=x`);
    await expect(failure).rejects.toBeInstanceOf(PermanentError);
    await expect(failure).rejects.toMatchObject({ code: 'invalid_url', message: expect.stringContaining('127.0.0.1 is a loopback address') });
    expect(hits).toBe(before);
    const args = JSON.parse(await readFile(`${ytDlp}.args.json`, 'utf8')) as string[];
    expect(args).toEqual(expect.arrayContaining(['--ignore-config', '--proxy', '--downloader', 'native']));
    expect(args[args.indexOf('--proxy') + 1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lets an allowed host through and names the file by its bytes', async () => {
    const fetched = await download(`${base}/watch?v=y`, { allowlist: ['127.0.0.1'] });
    expect(fetched).toMatchObject({ demuxer: 'mov', container: 'mp4', path: expect.stringMatching(/source\.mp4$/) });
  });
});
