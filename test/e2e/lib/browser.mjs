// Debian's Chromium driven by playwright-core (no browser download: `npx playwright install` cannot work here).
import { chromium } from 'playwright-core';
import { killGroup, rememberGroup } from './process-groups.mjs';

export const CHROMIUM_PATH = process.env.API_EXPOSURE_LINT_E2E_CHROMIUM ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches a headless Chromium with a throw-away profile. Playwright starts it as a process group leader
 * (launchServer, because only a BrowserServer exposes its process); the group is recorded so it is
 * killed even if `close()` never runs.
 */
export async function launchBrowser() {
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const pid = server.process().pid;
  if (pid) rememberGroup(pid);
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
      await server.close().catch(() => {});
      if (pid) killGroup(pid);
    },
  };
}
