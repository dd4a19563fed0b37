import { chmod, mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { CLIENT_SCOPES } from '@jetjobs/auth';
import { generateTestVideo } from '@jetjobs/testing';
import { startWorker, type JobHandler, type Worker } from '@jetjobs/worker-runtime';
import { runChild } from '../support/child-run';
import { docExamples } from '../support/doc-examples';
import { startPlatform, type TestPlatform } from '../support/platform';
import { hasPython, venvWithClient } from '../support/python-venv';

const ROOT = resolve(__dirname, '../../../..');
const DOC = join(ROOT, 'docs/clients.md');
const CLIENT_DIST = pathToFileURL(join(ROOT, 'libs/client/dist/index.js')).href;
const CLI_MAIN = join(ROOT, 'apps/cli/dist/main.js');

// Every runnable block of docs/clients.md, as a reader would run it, against a real platform
// with an `echo` worker (the kind the examples use).
describe('docs/clients.md examples', () => {
  let platform: TestPlatform;
  let dir: string;
  let env: Record<string, string>;
  let worker: Worker;
  beforeAll(async () => {
    platform = await startPlatform('clientdocs');
    worker = await startWorker({ store: platform.events.store, kind: 'echo', handler: echo });
    dir = await mkdtemp(join(tmpdir(), 'jj-docs-'));
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'jetjobs'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_MAIN}" "$@"\n`);
    await chmod(join(dir, 'bin', 'jetjobs'), 0o755);
    await generateTestVideo(join(dir, 'clip.mp4'), { durationS: 1, width: 160, height: 120 });
    env = {
      JETJOBS_GATEWAY: platform.url(),
      JETJOBS_TOKEN: platform.token('dev', CLIENT_SCOPES),
      JETJOBS_API_KEY: '',
      JETJOBS_CONFIG_DIR: join(dir, 'config'),
      VIDEO: join(dir, 'clip.mp4'),
      PATH: `${join(dir, 'bin')}:${process.env['PATH'] ?? ''}`,
      PYTHONDONTWRITEBYTECODE: '1',
    };
  }, 60_000);
  afterAll(async () => {
    await worker.stop(1_000);
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  const expectRuns = (label: string, run: { code: number | null; output: string }) => {
    if (run.code !== 0) throw new Error(`${label} exited ${run.code}:\n${run.output}`);
  };

  it.each(docExamples(DOC, ['ts']).map((e) => [e.line, e] as const))('TypeScript example at line %i runs', async (line, example) => {
    const js = ts.transpileModule(example.code.replaceAll(`from '@jetjobs/client'`, `from '${CLIENT_DIST}'`), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const file = join(dir, `example-${line}.mjs`);
    await writeFile(file, js);
    expectRuns(`docs/clients.md:${line}`, await runChild(process.execPath, [file], { cwd: dir, env }));
  }, 30_000);

  (hasPython ? it : it.skip)('Python examples run in a fresh virtualenv', async () => {
    const python = await venvWithClient(dir);
    const examples = docExamples(DOC, ['python']);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      expectRuns(`docs/clients.md:${example.line}`, await runChild(python, ['-'], { cwd: dir, env, input: example.code }));
    }
  }, 60_000);

  it('shell examples run with jetjobs on PATH', async () => {
    const examples = docExamples(DOC, ['sh']);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      expectRuns(`docs/clients.md:${example.line}`, await runChild('bash', ['-euo', 'pipefail', '-c', example.code], { cwd: dir, env }));
    }
  }, 60_000);
});

/** The echo worker's behaviour, enough for the examples: steps of progress, then its message. */
const echo: JobHandler = async ({ job, progress, signal }) => {
  const input = (job.input ?? {}) as { message?: unknown; steps?: number; step_ms?: number };
  const steps = input.steps ?? 5;
  for (let step = 1; step <= steps; step++) {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(done, input.step_ms ?? 200);
      signal.addEventListener('abort', () => (clearTimeout(timer), fail(signal.reason)), { once: true });
    });
    await progress((step / steps) * 100, `step ${step} of ${steps}`);
  }
  return { echo: input.message ?? null };
};
