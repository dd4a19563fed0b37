import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { eventually } from '@jetjobs/testing';
import { jsonPost, startTestGateway, type TestGateway } from '../testing/test-gateway';
import { startTestRegistry, type TestRegistry } from '../testing/test-registry';
import { appendToJob, completed, progressed, started } from '../testing/worker-events';
import { ensureConsoleBuilt, launchChromium } from './browser';

// Screenshots of every console page, against a real gateway, registry, NATS and PostgreSQL.
// They land in a temporary directory unless JETJOBS_CONSOLE_SCREENSHOTS names one: the pictures
// in docs/console/ are made with JETJOBS_CONSOLE_SCREENSHOTS=docs/console, so a test run never
// rewrites the documentation.
const VIEWPORT = { width: 1280, height: 800 };
const PAGES = ['sign-in', 'jobs', 'job', 'failures', 'operations'] as const;

describe('console screenshots', () => {
  let gw: TestGateway;
  let registry: TestRegistry;
  let chrome: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const wanted = process.env['JETJOBS_CONSOLE_SCREENSHOTS'];
  const dir = wanted ? resolve(__dirname, '../../../..', wanted) : mkdtempSync(join(tmpdir(), 'jetjobs-screenshots-'));

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(dir, { recursive: true });
    chrome = await launchChromium();
    gw = await startTestGateway('gwshots');
    registry = await startTestRegistry(gw.config.JETJOBS_NAMESPACE);
    page = await chrome.browser.newPage();
    // A persistent context takes no viewport per page, so the page is resized instead.
    await page.setViewportSize(VIEWPORT);
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await chrome?.close();
    await gw?.close();
    await registry?.close();
    if (!wanted) rmSync(dir, { recursive: true, force: true });
  });

  const tenant = () => gw.token(['job:read', 'job:write', 'async:write'], 'project-a');
  const operator = () => gw.token(['admin'], 'ops');

  async function submit(input: unknown, kind: string): Promise<string> {
    const response = await gw.request('/v1/jobs', jsonPost({ kind, input }, tenant()));
    expect(response.status).toBe(202);
    return ((await response.json()) as { id: string }).id;
  }

  async function projected(jobId: string, status: string): Promise<void> {
    await eventually(async () => {
      const answer = await gw.request(`/v1/admin/jobs?q=${jobId}`, { token: operator() });
      const body = (await answer.json()) as { items: { id: string; status: string }[] };
      return body.items.find((job) => job.id === jobId && job.status === status);
    });
  }

  async function shoot(name: (typeof PAGES)[number]): Promise<void> {
    // Let fonts and layout settle after the last awaited element.
    await page.evaluate('document.fonts.ready'); // a string: the specs compile without the DOM's types
    await page.screenshot({ path: join(dir, `${name}.png`) });
  }

  it('saves a 1280x800 PNG of sign-in, jobs, a job, failures and operations', async () => {
    const done = await submit({ prompt: 'a cat on a skateboard', seconds: 12 }, 'clip-render');
    await appendToJob(gw.events.store, done, [started(), progressed(60), completed({ clips: 3, duration_s: 36.4 })]);
    const broken = await submit({ url: 'https://media.example/talk.mp4' }, 'transcode');
    await appendToJob(gw.events.store, broken, [started(), { type: 'JobFailed', data: { attempt: 1, error: { code: 'source_unreachable', message: 'GET source: 404' } } }]);
    await submit({ prompt: 'waiting its turn' }, 'clip-render');
    await projected(done, 'completed');
    await projected(broken, 'failed');

    await page.goto(`${gw.url}/console/`);
    await page.getByLabel('API key or token').waitFor();
    await shoot('sign-in');

    // From another document: a fragment change alone on the same page would not reload it.
    await page.goto('about:blank');
    await page.goto(`${gw.url}/console/#token=${tenant()}`);
    await page.locator(`tr[data-job-id="${done}"]`).waitFor();
    await page.locator(`tr[data-job-id="${broken}"]`).waitFor();
    await shoot('jobs');

    await page.goto(`${gw.url}/console/jobs/${done}`);
    await page.locator('li[data-event-type="JobCompleted"]').waitFor();
    await shoot('job');

    await page.evaluate('sessionStorage.clear()'); // sign in afresh, as the operator
    await page.goto('about:blank');
    await page.goto(`${gw.url}/console/failures#token=${operator()}`);
    await page.locator('tr[data-group="transcode/source_unreachable"]').waitFor();
    await shoot('failures');

    await page.goto(`${gw.url}/console/operations`);
    await page.getByTestId('consumers').locator('tbody tr').first().waitFor();
    await shoot('operations');

    for (const name of PAGES) {
      const png = readFileSync(join(dir, `${name}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // The IHDR chunk: width and height, big-endian, right after the signature and chunk header.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([VIEWPORT.width, VIEWPORT.height]);
    }
  }, 90_000);
});
