import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { CONSOLE_DIST } from './console-static';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, started so that it reaches for no host of its own (this machine and many
 * CI runners have no internet): without these flags it tries Google's hosts at every start.
 */
export async function launchChromium(): Promise<{ browser: BrowserContext; close(): Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: the browser tests need Debian's chromium (npm test's bootstrap installs it as root; or: apt-get install chromium)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'jetjobs-chromium-'));
  // A fresh, empty profile per run (Playwright passes it as --user-data-dir).
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Builds the console once when no build exists (npm test builds it before Jest). */
export function ensureConsoleBuilt(): void {
  if (existsSync(join(CONSOLE_DIST, 'index.html'))) return;
  execFileSync('npm', ['run', 'build', '--workspace', '@jetjobs/console'], { cwd: resolve(__dirname, '../../../..'), stdio: 'inherit' });
}
