import { execFileSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Objm } from '@nats-io/obj';
import { headers as natsHeaders } from '@nats-io/transport-node';
import type { Page } from 'playwright-core';
import { mediaOwnerMetadata } from '@jetjobs/contracts';
import { eventually } from '@jetjobs/testing';
import { jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { appendToJob, completed, progressed, started } from '../testing/worker-events';
import { ensureConsoleBuilt, launchChromium } from './browser';

// The console in Debian's Chromium against a real gateway, registry, NATS and PostgreSQL.
describe('console in a browser', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    ensureConsoleBuilt();
    chrome = await launchChromium();
    gw = await startTestGateway('gwconsole');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
  }, 120_000);
  afterAll(async () => {
    await chrome?.close();
    await gw?.close();
    await registry?.close();
  });
  beforeEach(async () => {
    page = await chrome.browser.newPage();
    // Fail a step well within Jest's timeout, with Playwright's message saying what was awaited.
    page.setDefaultTimeout(10_000);
  });
  afterEach(() => page.close());

  const tenant = (project = 'project-a') => gw.token(['job:read', 'job:write', 'async:write', 'clips:process'], project);
  const operator = () => gw.token(['admin'], 'ops');

  async function signIn(credential: string): Promise<void> {
    await page.goto(`${gw.url}/console/`);
    await page.getByLabel('API key or token').fill(credential);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('namespace').waitFor();
  }

  async function submit(input: unknown, project = 'project-a'): Promise<string> {
    const response = await gw.request('/v1/jobs', jsonPost({ kind: 'console-test', input }, tenant(project)));
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  /** The projection is written asynchronously: wait until the registry's list has the job. */
  async function projected(jobId: string, status: string): Promise<void> {
    await eventually(async () => {
      const answer = await gw.request(`/v1/admin/jobs?q=${jobId}`, { token: operator() });
      const body = (await answer.json()) as { items: { id: string; status: string }[] };
      return body.items.find((job) => job.id === jobId && job.status === status);
    });
  }

  it('signs in, shows the namespace, and keeps the credential out of every URL it requests', async () => {
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    const token = tenant();
    await signIn(token);
    await expect(page.getByTestId('namespace').textContent()).resolves.toBe(gw.config.JETJOBS_NAMESPACE);
    await expect(page.title()).resolves.toContain(gw.config.JETJOBS_NAMESPACE);
    await page.getByRole('heading', { name: /^Jobs/ }).waitFor();
    expect(urls.filter((url) => url.includes(token))).toEqual([]);
  });

  it('takes a sign-in link token from the fragment and drops it from the address', async () => {
    await page.goto(`${gw.url}/console/#token=${tenant()}`);
    await page.getByTestId('namespace').waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('adds a new job to the list live, and fills its timeline live as the worker goes', async () => {
    await signIn(tenant());
    // Once the feed is open no change is missed; before, the first page would show the job.
    await page.locator('[data-testid="live"][data-live="true"]').waitFor();
    const jobId = await submit({ prompt: 'live list' });
    await page.locator(`tr[data-job-id="${jobId}"]`).waitFor({ timeout: 10_000 });
    await page.getByRole('link', { name: jobId }).click();
    await page.getByTestId('timeline').locator('li').first().waitFor();
    await appendToJob(gw.events.store, jobId, [started()]);
    await page.locator('li[data-event-type="JobStarted"]').waitFor({ timeout: 10_000 });
    await appendToJob(gw.events.store, jobId, [progressed(50), completed({ answer: 42 })]);
    await page.locator('li[data-event-type="JobCompleted"]').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('job-status').textContent()).resolves.toBe('completed');
    await expect(page.getByTestId('timeline').locator('li').count()).resolves.toBe(4);
  });

  it('plays a rendered clip in the page', async () => {
    const response = await gw.request('/api/process', jsonPost({ url: 'https://93.184.215.14/source.mp4' }, tenant()));
    const jobId = ((await response.json()) as { job_id: string }).job_id;
    const bucket = await new Objm(gw.events.nc).open(gw.events.names.mediaBucket);
    const meta = natsHeaders();
    meta.set('Content-Type', 'video/mp4');
    await bucket.putBlob(
      { name: `clips/${jobId}/clip_1.mp4`, headers: meta, metadata: mediaOwnerMetadata({ projectId: 'project-a', jobId, purpose: 'output' }) },
      tinyClip(),
    );
    await appendToJob(gw.events.store, jobId, [started(), completed({ clips: [{ video_url: `${gw.url}/videos/${jobId}/clip_1.mp4` }] })]);
    await signIn(tenant());
    await page.goto(`${gw.url}/console/jobs/${jobId}`);
    const player = page.getByTestId('clip-player');
    await player.waitFor();
    await player.evaluate((video) => (video as unknown as VideoElement).play());
    // Playing means the bytes came through the gateway (range requests, stream token) and decoded.
    await page.waitForFunction(`document.querySelector('[data-testid="clip-player"]').currentTime > 0`, null, { timeout: 10_000 });
    expect(await player.evaluate((video) => (video as unknown as VideoElement).currentTime)).toBeGreaterThan(0);
  });

  it('searches by job-id prefix and by input JSON', async () => {
    const wanted = await submit({ prompt: 'needle', n: 7 });
    const other = await submit({ prompt: 'hay' });
    await projected(wanted, 'queued');
    await projected(other, 'queued');
    await signIn(tenant());
    await page.getByLabel('Search').fill(wanted.slice(0, 13));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`tr[data-job-id="${wanted}"]`).waitFor();
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe(wanted.slice(0, 13));
    await page.getByLabel('Search').fill('{"prompt":"needle"}');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator(`tr[data-job-id="${other}"]`).waitFor({ state: 'detached' });
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await expect(page.locator('tbody tr').first().getAttribute('data-job-id')).resolves.toBe(wanted);
  });

  it('shows a tenant nothing of another project', async () => {
    const theirs = await submit({ prompt: 'secret' }, 'project-b');
    await projected(theirs, 'queued');
    await signIn(tenant('project-a'));
    await page.getByRole('heading', { name: /^Jobs/ }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    await expect(page.locator(`tr[data-job-id="${theirs}"]`).count()).resolves.toBe(0);
    await page.goto(`${gw.url}/console/jobs/${theirs}`);
    await page.getByRole('alert').waitFor();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('not found');
    await expect(page.getByRole('link', { name: 'Failures' }).count()).resolves.toBe(0);
  });

  it('lets an operator redrive a failure after a dry run, a reason and a typed confirmation, and shows the audit', async () => {
    const jobId = await submit({ prompt: 'will fail' }, 'project-c');
    await appendToJob(gw.events.store, jobId, [started(), { type: 'JobFailed', data: { attempt: 1, error: { code: 'console_test_broke', message: 'broke' } } }]);
    await projected(jobId, 'failed');
    await signIn(operator());
    await page.getByRole('link', { name: 'Failures' }).click();
    await page.locator('tr[data-group="console-test/console_test_broke"]').getByRole('button', { name: 'Select' }).click();
    await page.getByRole('button', { name: 'Count matching (dry run)' }).click();
    await expect(page.getByTestId('dry-run-count').textContent()).resolves.toBe('1 failed jobs match.');
    const redrive = page.getByRole('button', { name: 'Redrive 1 jobs' });
    await page.getByLabel('Reason').fill('fixed the bucket policy');
    await page.getByLabel(/to confirm/).fill('redrive 2');
    await expect(redrive.isDisabled()).resolves.toBe(true);
    await page.getByLabel(/to confirm/).fill('redrive 1');
    await redrive.click();
    await page.getByTestId('redrive-outcome').getByRole('link', { name: jobId }).click();
    await page.locator('li[data-event-type="JobRetryScheduled"]').waitFor();
    await expect(page.getByTestId('audit').textContent()).resolves.toContain('fixed the bucket policy');
  });
});

/** What the test reads of a <video> (the specs compile without the DOM's types). */
interface VideoElement {
  play(): Promise<void>;
  readonly currentTime: number;
}

/** One second of real H.264 video, made by ffmpeg, that Chromium can play. */
function tinyClip(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'jetjobs-clip-'));
  try {
    const file = join(dir, 'clip.mp4');
    execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10', '-t', '1', '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-movflags', '+faststart', file]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
