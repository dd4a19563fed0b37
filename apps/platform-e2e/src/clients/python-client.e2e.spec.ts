import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generateTestVideo } from '@jetjobs/testing';
import { KIND, startPlatform, type TestPlatform } from '../support/platform';

const PACKAGE = resolve(__dirname, '../../../../clients/python');
const PYTHON = process.env['PYTHON'] ?? 'python3';
const hasPython = spawnSync(PYTHON, ['--version']).status === 0;
// Every test in clients/python/tests; a count below it would mean some were skipped or not found.
const PYTHON_TESTS = 11;

interface Run {
  readonly code: number | null;
  readonly output: string;
}

function run(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('close', (code) => done({ code, output }));
  });
}

(hasPython ? describe : describe.skip)(`the Python client (clients/python)${hasPython ? '' : ` — skipped: no ${PYTHON} on PATH`}`, () => {
  let platform: TestPlatform;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jj-python-'));
    platform = await startPlatform('pyclient');
    await platform.startWorker();
  });
  afterAll(async () => {
    await platform?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('installs offline into a fresh virtualenv and passes its tests against the running gateway', async () => {
    const venv = join(dir, 'venv');
    const created = await run(PYTHON, ['-m', 'venv', venv]);
    expect(created).toMatchObject({ code: 0 });
    const python = join(venv, 'bin', 'python');
    // --no-index: nothing may come from a package index, the build backend included.
    const installed = await run(python, ['-m', 'pip', 'install', '--no-build-isolation', '--no-index', '--disable-pip-version-check', PACKAGE]);
    expect(installed.output).toContain('Successfully installed jetjobs-0.1.0');

    const video = join(dir, 'clip.mp4');
    await generateTestVideo(video, { durationS: 1, width: 160, height: 120 });
    // Run from the temp dir, so `import jetjobs` finds the installed package and not the sources.
    const tests = await run(python, ['-m', 'unittest', 'discover', '-s', join(PACKAGE, 'tests'), '-t', join(PACKAGE, 'tests'), '-v'], {
      cwd: dir,
      env: {
        JETJOBS_TEST_GATEWAY: platform.url(),
        JETJOBS_TEST_TOKEN: platform.token('project-a', ['job:read', 'job:write', 'moderate:video']),
        JETJOBS_TEST_OTHER_TOKEN: platform.token('project-b', ['job:read']),
        JETJOBS_TEST_KIND: KIND,
        JETJOBS_TEST_VIDEO: video,
        PYTHONDONTWRITEBYTECODE: '1',
      },
    });
    if (tests.code !== 0) throw new Error(`python tests failed:\n${tests.output}`);
    expect(tests.output).toContain(`Ran ${PYTHON_TESTS} tests`);
    expect(tests.output).not.toMatch(/skipped/);
    expect(tests.output).toMatch(/\nOK\n/);
  }, 90_000);
});
