// The report's HTML page in headless Chromium: it renders, sorting and filtering work, and opening it makes
// no request at all (everything is inline; the page's Content-Security-Policy forbids fetching). A screenshot
// goes to test/e2e/.results/report/ (git-ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { launchBrowser } from './lib/browser.mjs';
import { killStartedGroups } from './lib/process-groups.mjs';
import { repoRoot, resultsDir } from './lib/workspace-copy.mjs';

const require = createRequire(import.meta.url);
const { run } = require(path.join(repoRoot, 'dist/cli.js'));
const engine = require(path.join(repoRoot, 'dist/engine.js'));
const results = path.join(resultsDir, 'report');

async function writeReport(file) {
  const err = [];
  const code = await run({
    argv: ['report', '-r', 'api-exposure-lint:exposure', '-f', 'html', '-o', file, 'apis'],
    cwd: path.join(repoRoot, 'test/fixtures/report'),
    env: {},
    stdout: { write() {} },
    stderr: { write: (s) => err.push(s) },
    version: '0.0.0',
    createLinter: () => new engine.Linter(engine.createNodeHost()),
  });
  assert.equal(code, 0, err.join(''));
}

test('report.html: renders, sorts, filters, and makes no network request', async (t) => {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const file = path.join(results, 'report.html');
  await writeReport(file);
  const { browser, close } = await launchBrowser();
  t.after(async () => {
    await close();
    killStartedGroups();
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests = [];
  const consoleErrors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  const url = pathToFileURL(file).href;
  await page.goto(url);

  const visible = () => page.locator('#operations tbody tr:not([hidden])');
  assert.equal(await page.locator('h1').textContent(), 'API exposure report');
  assert.equal(await visible().count(), 5);
  assert.equal(await page.locator('#shown-count').textContent(), '5 of 5 operations');
  assert.equal(await page.locator('[data-audience-card="external-public"] .big').textContent(), '82');

  // Sorting: the score column ascending, then descending.
  const scores = async () => (await visible().locator('td:last-child').allTextContents()).map(Number);
  await page.locator('#operations th', { hasText: 'Score' }).click();
  assert.deepEqual(await scores(), [50, 73, 82, 91, 100]);
  await page.locator('#operations th', { hasText: 'Score' }).click();
  assert.deepEqual(await scores(), [100, 91, 82, 73, 50]);
  await page.screenshot({ path: path.join(results, 'report.png'), fullPage: true });

  // Filtering: text, audience, status, and all three together.
  await page.fill('#filter-text', 'pets');
  assert.equal(await visible().count(), 2);
  await page.fill('#filter-text', '');
  await page.selectOption('#filter-audience', 'component-internal');
  assert.deepEqual(await visible().locator('td:nth-child(2) code').allTextContents(), ['DELETE /orders']);
  await page.selectOption('#filter-audience', '');
  await page.selectOption('#filter-status', 'failing');
  assert.equal(await visible().count(), 4);
  await page.selectOption('#filter-audience', 'external-public');
  await page.fill('#filter-text', 'ping');
  assert.deepEqual(await visible().locator('td:nth-child(2) code').allTextContents(), ['GET /ping']);
  assert.equal(await page.locator('#shown-count').textContent(), '1 of 5 operations');
  await page.screenshot({ path: path.join(results, 'report-filtered.png'), fullPage: true });

  assert.deepEqual(requests, [url], 'the page itself is the only request');
  assert.deepEqual(consoleErrors, []);
});
