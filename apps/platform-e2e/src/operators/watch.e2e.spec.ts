import { startCliProcess } from '@jetjobs/testing';
import { submitJob } from '../support/api';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('operators: jetjobs watch', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform('watch');
  });
  afterAll(() => platform.close());

  it('shows progress, stage detail and log lines of a running job, across a gateway restart', async () => {
    const steps = 8;
    const id = await submitJob(platform, { steps, stepMs: 500 });
    const watch = startCliProcess(['watch', id, '--gateway', platform.url()], { JETJOBS_TOKEN: platform.token('project-a', ['job:read']) });
    // The job starts only once the CLI watches it, so that it is mid-run when the gateway restarts.
    await watch.waitForLine((line) => line.endsWith('queued'));
    await platform.startWorker();
    await watch.waitForLine((line) => line.includes('step 2 of 8'));

    await platform.restartGateway();
    const { code, stdout } = await watch.exited;

    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.some((line) => /connection lost .* reconnecting after version \d+/.test(line))).toBe(true);
    const progress = lines.filter((line) => line.includes('% ') && line.includes('frames'));
    // Every step exactly once and in order, though the stream was cut in between: no gap, no repeat.
    expect(progress.map((line) => /step (\d+) of 8/.exec(line)?.[1])).toEqual(Array.from({ length: steps }, (_, i) => String(i + 1)));
    expect(progress.at(-1)).toMatch(/\[#{24}\] 100% 8\/8 frames {2}step 8 of 8$/);
    expect(lines.filter((line) => !line.includes('connection lost')).map((line) => line.slice(10))).toEqual([
      'queued',
      expect.stringMatching(/^attempt 1 started on /),
      '[info] attempt 1 started',
      ...progress.map((line) => line.slice(10)),
      `completed: {"steps":${steps},"attempt":1}`,
    ]);
  });

  it('refuses a job of another project with one clear line and a non-zero exit', async () => {
    const id = await submitJob(platform, { steps: 1 });
    const watch = startCliProcess(['watch', id, '--gateway', platform.url()], { JETJOBS_TOKEN: platform.token('project-b', ['job:read']) });
    const { code, stderr } = await watch.exited;
    expect(code).toBe(1);
    expect(stderr).toMatch(/^The gateway refused \(404 job_not_found\): No job with id .*\n$/);
  });
});
