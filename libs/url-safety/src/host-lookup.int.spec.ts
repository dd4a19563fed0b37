import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolverLookup } from './host-lookup';

/** A DNS server that takes every query and never answers. */
let silent: Socket;
let server: string;
let queries = 0;
let dir: string;
let hostsFile: string;

beforeAll(async () => {
  silent = createSocket('udp4');
  silent.on('message', () => void queries++);
  await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
  server = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'jetjobs-hosts-'));
  hostsFile = join(dir, 'hosts');
  await writeFile(hostsFile, '# static names\n10.1.2.3   media.internal  Media\n::1 ip6-localhost\n');
});

afterAll(async () => {
  silent.close();
  await rm(dir, { recursive: true, force: true });
});

describe('resolverLookup', () => {
  it('gives up on a DNS server that never answers, with ETIMEOUT, within its time', async () => {
    const lookup = resolverLookup({ timeoutMs: 600, servers: [server], hostsFile });
    const before = queries;
    const started = performance.now();
    await expect(lookup('never.example.com')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(queries).toBeGreaterThan(before);
  });

  it('holds no thread-pool thread while lookups hang: file reads go on meanwhile', async () => {
    const lookup = resolverLookup({ timeoutMs: 3_000, servers: [server], hostsFile });
    // More hanging lookups than libuv has threads (4): getaddrinfo would block every read below.
    const hanging = Array.from({ length: 8 }, (_, i) => lookup(`hang${i}.example.com`).catch((error: { code?: string }) => error.code));
    let readsDone = 0;
    const reads = (async () => {
      for (let i = 0; i < 20; i++) {
        await readFile(hostsFile);
        readsDone++;
      }
    })();
    const first = await Promise.race([reads.then(() => 'reads'), Promise.all(hanging).then(() => 'lookups')]);
    expect(first).toBe('reads');
    expect(readsDone).toBe(20);
    expect(await Promise.all(hanging)).toEqual(new Array(8).fill('ETIMEOUT'));
  });

  it('answers names from the hosts file and localhost without asking DNS', async () => {
    const lookup = resolverLookup({ timeoutMs: 600, servers: [server], hostsFile });
    const before = queries;
    expect(await lookup('media.internal')).toEqual(['10.1.2.3']);
    expect(await lookup('MEDIA.')).toEqual(['10.1.2.3']);
    expect(await lookup('localhost')).toEqual(['127.0.0.1', '::1']);
    expect(await lookup('api.localhost')).toEqual(['127.0.0.1', '::1']);
    expect(queries).toBe(before);
  });
});
