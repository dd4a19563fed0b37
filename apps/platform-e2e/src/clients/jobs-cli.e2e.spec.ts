import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, generateTestVideo, startCliProcess } from '@jetjobs/testing';
import { KIND, startPlatform, type TestPlatform } from '../support/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Each CLI run is a fresh Node process (about a second on a loaded machine); several run per test.
jest.setTimeout(90_000);

describe('CLI: jetjobs jobs and jetjobs context', () => {
  let platform: TestPlatform;
  let dir: string;
  /** No credential or gateway from the test's own environment, and a private contexts file. */
  let isolated: Record<string, string>;
  let env: Record<string, string>;
  beforeAll(async () => {
    platform = await startPlatform('jobscli');
    await platform.startWorker();
    dir = await mkdtemp(join(tmpdir(), 'jj-cli-'));
    isolated = { JETJOBS_CONFIG_DIR: join(dir, 'config'), JETJOBS_TOKEN: '', JETJOBS_API_KEY: '', JETJOBS_GATEWAY: '', JETJOBS_GATEWAY_URL: '' };
    env = { ...isolated, JETJOBS_GATEWAY: platform.url(), JETJOBS_TOKEN: platform.token('project-a', ['job:read', 'job:write', 'moderate:video']) };
  });
  afterAll(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], extra: Record<string, string> = env) => startCliProcess(args, extra).exited;

  it('submits with --follow: prints the id, then live progress, and exits 0 when the job completes', async () => {
    const { code, stdout, stderr } = await cli(['jobs', 'submit', '--kind', KIND, '--input', '{"steps":3,"stepMs":50}', '--follow']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(UUID);
    expect(lines.filter((line) => /step \d of 3/.test(line)).map((line) => /step (\d)/.exec(line)?.[1])).toEqual(['1', '2', '3']);
    expect(lines.at(-1)).toMatch(/completed: \{"steps":3,"attempt":1\}$/);
  });

  it('reads --input from a file, exits 1 when the followed job fails, and retries it', async () => {
    const input = join(dir, 'input.json');
    await writeFile(input, JSON.stringify({ steps: 1, failAttempts: 1, failWith: 'permanent' }));
    const failed = await cli(['jobs', 'submit', '--kind', KIND, '--input', `@${input}`, '--follow', '--json']);
    expect(failed.code).toBe(1);
    const [first, ...events] = failed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id?: string; type?: string; version?: number });
    expect(first).toEqual({ id: expect.stringMatching(UUID), status: 'queued' });
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('JobFailed');

    const retried = await cli(['jobs', 'retry', first!.id!, '--reason', 'fixed', '--json']);
    expect(retried.code).toBe(0);
    expect(JSON.parse(retried.stdout)).toMatchObject({ id: first!.id, status: expect.stringMatching(/^(queued|processing|completed)$/) });
  });

  it('gets, lists and cancels with --json, and prints API errors as one line with exit 1', async () => {
    const submitted = await cli(['jobs', 'submit', '--kind', KIND, '--input', '{"steps":1,"waitForCancel":true}']);
    const id = submitted.stdout.trim();
    expect(id).toMatch(UUID);
    const cancelled = await cli(['jobs', 'cancel', id, '--json']);
    expect(JSON.parse(cancelled.stdout)).toMatchObject({ id, cancel_requested: true });
    await eventually(async () => (JSON.parse((await cli(['jobs', 'get', id, '--json'])).stdout).status === 'cancelled' ? true : undefined));
    const text = await cli(['jobs', 'get', id]);
    expect(text.stdout).toMatch(new RegExp(`^id +${id}\\nkind +${KIND}\\nstatus +cancelled\\n`));

    const listed = await eventually(async () => {
      const page = JSON.parse((await cli(['jobs', 'list', '--kind', KIND, '--status', 'cancelled', '--json'])).stdout) as { items: { id: string }[] };
      return page.items.some((item) => item.id === id) ? page : undefined;
    });
    expect(listed.items.map((item) => item.id)).toContain(id);

    const missing = await cli(['jobs', 'get', '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^The gateway refused \(404 job_not_found\): .+\n$/);
    const usage = await cli(['jobs', 'list', '--status', 'done']);
    expect(usage.code).toBe(2);
  });

  it('uploads a video with --file and a progress bar', async () => {
    const video = join(dir, 'clip.mp4');
    await generateTestVideo(video, { durationS: 1, width: 160, height: 120 });
    const { code, stdout, stderr } = await cli(['jobs', 'submit', '--kind', 'moderation', '--file', video, '--json']);
    expect(code).toBe(0);
    const job = JSON.parse(stdout) as { kind: string; input: { source: { upload: { size: number } } } };
    expect(job.kind).toBe('moderation');
    expect(job.input.source.upload.size).toBe((await stat(video)).size);
    expect(stderr).toMatch(/upload \[#{24}\] 100% /);
  });

  it('finds the gateway and credential in contexts; flags and --context choose another', async () => {
    const submitted = await cli(['jobs', 'submit', '--kind', KIND, '--input', '{"steps":1}']);
    const id = submitted.stdout.trim();
    expect((await cli(['context', 'list'], isolated)).stdout).toMatch(/no contexts yet/);
    const added = await cli(['context', 'add', 'team-a', '--gateway', platform.url(), '--token', platform.token('project-a', ['job:read'])], isolated);
    expect(added).toMatchObject({ code: 0, stdout: expect.stringContaining('in use') });
    await cli(['context', 'add', 'team-b', '--gateway', platform.url(), '--api-key', 'jj_nokey_nosecret'], isolated);

    const viaContext = await cli(['jobs', 'get', id, '--json'], isolated);
    expect(viaContext.code).toBe(0);
    expect(JSON.parse(viaContext.stdout)).toMatchObject({ id });
    const other = await cli(['jobs', 'get', id, '--context', 'team-b'], isolated);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/^The gateway refused \(401 unauthorized\)/);
    const flagWins = await cli(['jobs', 'get', id, '--context', 'team-b', '--token', platform.token('project-b', ['job:read'])], isolated);
    expect(flagWins.stderr).toMatch(/^The gateway refused \(404 job_not_found\)/);

    expect((await cli(['context', 'use', 'team-b'], isolated)).code).toBe(0);
    expect(JSON.parse((await cli(['context', 'list', '--json'], isolated)).stdout)).toEqual([
      { name: 'team-a', current: false, gateway: platform.url(), credential: 'token' },
      { name: 'team-b', current: true, gateway: platform.url(), credential: 'api key jj_nokey_…' },
    ]);
    expect((await cli(['jobs', 'get', id, '--context', 'nowhere'], isolated)).code).toBe(2);
    expect((await stat(join(dir, 'config', 'contexts.json'))).mode & 0o777).toBe(0o600);
  });

  it('prints bash and zsh completion scripts built from the commands', async () => {
    const bash = await cli(['completion', 'bash']);
    expect(bash.code).toBe(0);
    expect(bash.stdout).toContain('complete -o default -F _jetjobs jetjobs');
    expect(bash.stdout).toMatch(/ {4}jobs\) words="submit get list cancel retry [^"]*--follow/);
    expect(bash.stdout).toMatch(/ {4}context\) words="add use list show remove /);
    const zsh = await cli(['completion', 'zsh']);
    expect(zsh.stdout).toContain('bashcompinit');
  });
});
