import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_SCOPES, verifyToken } from '@jetjobs/auth';
import type { CommandIo } from '../command';
import { runCli } from '../main';
import { UsageError } from '../usage-error';

const JWT_SECRET = 'a-cli-test-secret-long-enough-for-hs256';

describe('jetjobs console-url', () => {
  let dataDir: string;
  let output: string;
  let io: CommandIo;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jetjobs-cli-'));
    output = '';
    io = { env: { JWT_SECRET, JETJOBS_DATA_DIR: dataDir }, cwd: dataDir, stdout: (text) => (output += text) };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** The printed link, parsed; fails unless it is the only line printed. */
  function printedLink(): URL {
    expect(output.endsWith('\n')).toBe(true);
    expect(output.trim().split('\n')).toHaveLength(1);
    return new URL(output.trim());
  }

  function fragmentToken(link: URL): string {
    const match = /^#token=([^&]+)$/.exec(link.hash);
    if (!match) throw new Error(`no #token= fragment in ${link.href}`);
    return decodeURIComponent(match[1]!);
  }

  it('prints a local console link whose token is signed like `token`, with every client scope and never admin', async () => {
    expect(await runCli(['console-url', '--project', 'p1'], io)).toBe(0);
    const link = printedLink();
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:8080/console/');
    const verified = verifyToken(fragmentToken(link), { secret: JWT_SECRET });
    expect(verified.projectId).toBe('p1');
    expect([...verified.scopes]).toEqual([...CLIENT_SCOPES]);
    expect(verified.scopes.has('admin')).toBe(false);
    expect(verified.scopes.has('admin:read')).toBe(false);
  });

  it('puts the token only in the fragment, which a browser never sends to the server', async () => {
    await runCli(['console-url', '--project', 'p1'], io);
    const link = printedLink();
    const token = fragmentToken(link);
    expect(link.search).toBe('');
    expect(link.username + link.password).toBe('');
    // Everything a browser sends (origin, path, query) is free of the token.
    expect(link.href.slice(0, link.href.indexOf('#'))).not.toContain(token);
    expect(output.trim().indexOf(token)).toBe(output.trim().indexOf('#token=') + '#token='.length);
  });

  it('grants admin or admin:read only when asked for by name', async () => {
    await runCli(['console-url', '--project', 'ops', '--scope', 'admin'], io);
    expect([...verifyToken(fragmentToken(printedLink()), { secret: JWT_SECRET }).scopes]).toEqual(['admin']);
    output = '';
    await runCli(['console-url', '--project', 'ops', '--scope', 'admin:read job:read'], io);
    expect([...verifyToken(fragmentToken(printedLink()), { secret: JWT_SECRET }).scopes]).toEqual(['admin:read', 'job:read']);
  });

  it('links to the gateway given by flag, else $JETJOBS_GATEWAY, keeping a path prefix', async () => {
    await runCli(['console-url', '--project', 'p1', '--gateway', 'https://jobs.example.test/edge/'], io);
    expect(output.startsWith('https://jobs.example.test/edge/console/#token=')).toBe(true);
    output = '';
    await runCli(['console-url', '--project', 'p1'], { ...io, env: { ...io.env, JETJOBS_GATEWAY: 'http://gw.test:9000' } });
    expect(output.startsWith('http://gw.test:9000/console/#token=')).toBe(true);
  });

  it('honours --ttl', async () => {
    await runCli(['console-url', '--project', 'p2', '--ttl', '30s'], io);
    const token = fragmentToken(printedLink());
    expect(() => verifyToken(token, { secret: JWT_SECRET, now: new Date(Date.now() + 31_000) })).toThrow('Token expired');
  });

  it.each([
    [['console-url'], 'jetjobs console-url: --project <id> is required (see: jetjobs console-url --help)'],
    [['console-url', '--project', 'p', '--scope', 'root'], /jetjobs console-url: unknown scope root/],
    [['console-url', '--project', 'p', '--gateway', 'nope'], /--gateway: not a URL: nope/],
    [['console-url', '--project', 'p', '--gateway', 'http://gw.test/?a=1'], /--gateway: no query or fragment/],
  ])('rejects %j with one clear line', async (argv, message) => {
    await expect(runCli(argv, io)).rejects.toThrow(UsageError);
    await expect(runCli(argv, io)).rejects.toThrow(message);
    expect(output).toBe('');
  });

  it('has --help, and the CLI help lists it', async () => {
    await runCli(['console-url', '--help'], io);
    expect(output).toContain('--project <id>');
    expect(output).toContain('--gateway <url>');
    output = '';
    await runCli(['--help'], io);
    expect(output).toContain('console-url');
  });
});
