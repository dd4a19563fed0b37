import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestVideo } from '@jetjobs/testing';
import { runChild } from '../support/child-run';
import { KIND, startPlatform, type TestPlatform } from '../support/platform';
import { PYTHON, PYTHON_PACKAGE, hasPython, venvWithClient } from '../support/python-venv';

// Every test in clients/python/tests; a count below it would mean some were skipped or not found.
const PYTHON_TESTS = 13;

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
    const python = await venvWithClient(dir);
    const video = join(dir, 'clip.mp4');
    await generateTestVideo(video, { durationS: 1, width: 160, height: 120 });
    // Run from the temp dir, so `import jetjobs` finds the installed package and not the sources.
    const tests = await runChild(python, ['-m', 'unittest', 'discover', '-s', join(PYTHON_PACKAGE, 'tests'), '-t', join(PYTHON_PACKAGE, 'tests'), '-v'], {
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
