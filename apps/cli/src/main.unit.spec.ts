import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_SCOPES, verifyToken } from '@jetjobs/auth';
import type { CommandIo } from './command';
import { runCli } from './main';
import { UsageError } from './usage-error';

const JWT_SECRET = 'a-cli-test-secret-long-enough-for-hs256';

describe('jetjobs CLI', () => {
  let dataDir: string;
  let output: string;
  let io: CommandIo;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'jetjobs-cli-'));
    output = '';
    io = { env: { JWT_SECRET, JETJOBS_DATA_DIR: dataDir }, cwd: dataDir, stdout: (text) => (output += text) };
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints only a token that carries every client scope by default, and never admin', async () => {
    expect(await runCli(['token', '--project', 'p1'], io)).toBe(0);
    expect(output.endsWith('\n')).toBe(true);
    expect(output.trim().split('\n')).toHaveLength(1);
    const verified = verifyToken(output.trim(), { secret: JWT_SECRET });
    expect(verified.projectId).toBe('p1');
    expect([...verified.scopes]).toEqual([...CLIENT_SCOPES]);
    expect(verified.scopes.has('admin')).toBe(false);
  });

  it('grants admin only when it is asked for by name', async () => {
    await runCli(['token', '--project', 'ops', '--scope', 'admin'], io);
    expect([...verifyToken(output.trim(), { secret: JWT_SECRET }).scopes]).toEqual(['admin']);
  });

  it('narrows scopes and lifetime when asked', async () => {
    await runCli(['token', '--project', 'p2', '--scope', 'job:read  async:write', '--ttl', '30s'], io);
    const verified = verifyToken(output.trim(), { secret: JWT_SECRET });
    expect([...verified.scopes]).toEqual(['job:read', 'async:write']);
    expect(() => verifyToken(output.trim(), { secret: JWT_SECRET, now: new Date(Date.now() + 31_000) })).toThrow(
      'Token expired',
    );
  });

  it('signs with the development secret file when JWT_SECRET is unset', async () => {
    await runCli(['token', '--project', 'p3'], { ...io, env: { JETJOBS_DATA_DIR: dataDir } });
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    expect(verifyToken(output.trim(), { secret }).projectId).toBe('p3');
  });

  it.each([
    [['frob'], 'jetjobs: unknown command "frob" (see: jetjobs --help)'],
    [['--frob'], 'jetjobs: unknown option "--frob" (see: jetjobs --help)'],
    [['token', '--frob'], 'jetjobs token: unknown option --frob (see: jetjobs token --help)'],
    [['token'], 'jetjobs token: --project <id> is required (see: jetjobs token --help)'],
    [['token', '--project', 'p', '--scope', 'root'], /unknown scope root/],
    [['token', '--project', 'p', '--ttl', 'soon'], /--ttl: Invalid duration "soon"/],
  ])('rejects %j with one clear line', async (argv, message) => {
    await expect(runCli(argv, io)).rejects.toThrow(UsageError);
    await expect(runCli(argv, io)).rejects.toThrow(message);
    expect(output).toBe('');
  });

  it('shows help for the CLI and for each command', async () => {
    await runCli(['--help'], io);
    expect(output).toContain('token');
    output = '';
    await runCli(['token', '--help'], io);
    expect(output).toContain('--project <id>');
  });
});
