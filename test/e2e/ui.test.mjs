// Tier 2: the packaged VSIX installed into code-server and used as a person would, in Chromium:
// squiggles on the operation's key only, Problems entry, status bar, hover with the rule documentation link,
// Ctrl+. OAuth quick fix, save.
// Screenshots of every step go to test/e2e/.results/ui/ (git-ignored).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureE2eSetup } from '../../scripts/e2e-setup.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { installVsix, startCodeServer } from './lib/code-server.mjs';
import { killStartedGroups } from './lib/process-groups.mjs';
import { pollUntil } from './lib/wait.mjs';
import { copyFixtureFolder, repoRoot, resultsDir } from './lib/workspace-copy.mjs';

ensureE2eSetup();
const { name, publisher, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsix = path.join(repoRoot, `${name}-${version}.vsix`);
const screenshots = path.join(resultsDir, 'ui');
const STEP_TIMEOUT = 30_000;

const OAUTH_MESSAGE = /GET \/orders is external-public \(info\.x-audience\) but is not secured by OAuth 2/;

/** Problems panel rows that show the rule `code` (as the link after the source). */
const problemRows = (page, code) => page.locator('.markers-panel .monaco-list-row', { hasText: code });

async function screenshot(page, step) {
  await page.screenshot({ path: path.join(screenshots, `${step}.png`) });
}

/**
 * Every squiggle (the missing code sample's warning, the rate limit's, the OAuth error) lies on the operation's key
 * line and spans only the key's characters: the whole block used to be underlined.
 */
async function assertSquigglesOnlyOnKey(page, lineText, key) {
  // The key and the squiggles are read in one frame, and again until two readings agree: a CodeLens or a late
  // decoration arriving between two separate readings moved the lines by one row (a failure seen once in CI).
  const read = () =>
    page.evaluate(
      ({ lineText, key }) => {
        const line = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].find(
          (l) => l.textContent.replace(/\u00a0/g, ' ') === lineText,
        );
        const squiggles = [...document.querySelectorAll('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error')].map((n) => {
          const r = n.getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, kind: n.className };
        });
        if (!line) return { keyBox: null, squiggles };
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent.replace(/\u00a0/g, ' ').indexOf(key);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(node, at);
          range.setEnd(node, at + key.length);
          const keyRect = range.getBoundingClientRect();
          const lineRect = line.getBoundingClientRect();
          return { keyBox: { left: keyRect.left, right: keyRect.right, top: lineRect.top, bottom: lineRect.bottom }, squiggles };
        }
        return { keyBox: null, squiggles };
      },
      { lineText, key },
    );
  const deadline = Date.now() + STEP_TIMEOUT;
  let previous = await read();
  let reading = await read();
  while (JSON.stringify(reading) !== JSON.stringify(previous) && Date.now() < deadline) {
    [previous, reading] = [reading, await read()]; // polling with a deadline until the layout settles
  }
  const { keyBox, squiggles } = reading;
  assert.ok(keyBox, `the line "${lineText}" is visible`);
  assert.ok(
    squiggles.some((sq) => /warning/.test(sq.kind)),
    'a warning squiggle (the missing code sample)',
  );
  const slack = 2; // sub-pixel rounding
  for (const sq of squiggles) {
    const where = `${sq.kind} at ${JSON.stringify(sq)}, key ${JSON.stringify(keyBox)}`;
    assert.ok(sq.top >= keyBox.top - slack && sq.bottom <= keyBox.bottom + slack, `on the key's line only: ${where}`);
    assert.ok(sq.left >= keyBox.left - slack && sq.right <= keyBox.right + slack, `over the key only: ${where}`);
  }
}

test('the VSIX in code-server: squiggle on the key only, Problems, status bar, hover link, OAuth quick fix, save', async (t) => {
  assert.ok(existsSync(vsix), `${path.basename(vsix)} is missing: run \`npm run package\` first`);
  rmSync(screenshots, { recursive: true, force: true });
  mkdirSync(screenshots, { recursive: true });
  const workspace = copyFixtureFolder('ui');
  let server;
  let browser;
  let page;
  // One hook, so the order is certain: last screen first (it says more than a timeout), then every process.
  t.after(async () => {
    if (page && !page.isClosed()) await screenshot(page, 'last-screen').catch(() => {});
    await browser?.close();
    server?.stop();
    killStartedGroups();
    workspace.remove();
  });
  const profile = path.join(workspace.scratch, 'profile');
  const apiFile = path.join(workspace.folder, 'api.yaml');

  const installed = installVsix(profile, vsix);
  assert.ok(installed.includes(`${publisher}.${name}-${version}`), `installed: ${installed}`);

  server = await startCodeServer(profile, workspace.folder);
  browser = await launchBrowser();
  page = await browser.browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(STEP_TIMEOUT);
  await page.goto(server.url);
  await page.locator('.monaco-workbench').waitFor();

  // Open the spec with Quick Open, as a user would.
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('api.yaml');
  await page.locator('.quick-input-list .monaco-list-row[aria-label*="api.yaml"]').first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab[data-resource-name="api.yaml"]').waitFor();

  await page.locator('.monaco-editor .squiggly-error').first().waitFor();
  await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
  await screenshot(page, '01-squiggle');
  await assertSquigglesOnlyOnKey(page, '    get:', 'get');

  await page.keyboard.press('Control+Shift+M');
  const oauthRow = problemRows(page, 'external-oauth2').first();
  await oauthRow.waitFor();
  const label = await oauthRow.getAttribute('aria-label');
  console.log(`Problems entry: ${label}`);
  assert.match(label, /^Error: /, label);
  assert.match(label, OAUTH_MESSAGE);
  assert.match(label, /generated by api-exposure-lint$/);
  const rowText = await oauthRow.innerText();
  assert.ok(rowText.includes('api-exposure-lint') && rowText.includes('external-oauth2'), `source and rule code in: ${rowText}`);
  await problemRows(page, 'external-rate-limit').first().waitFor();
  // The missing code sample is reported on the operation's key, `get` on line 18, not on its 8-line body.
  const samplesLabel = await problemRows(page, 'external-code-samples').first().getAttribute('aria-label');
  assert.match(samplesLabel, /^Warning: .*has no x-codeSamples.* at line 18 and character 5\./, samplesLabel);
  await screenshot(page, '02-problems');

  // The status bar shows the document's audience and the ruleset in effect.
  const status = page.locator('.statusbar-item[aria-label*="external-public"], .statusbar-item:has-text("external-public")').first();
  await status.waitFor();
  assert.match(await status.innerText(), /external-public · api-exposure-lint:recommended/);

  // Hover the squiggle: the marker hover links the rule code to its documentation page.
  const squiggle = page.locator('.monaco-editor .squiggly-error').first();
  const box = await squiggle.boundingBox();
  await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
  const docLink = page.locator('.monaco-hover a[href*="rulesets/docs/external-oauth2.md"]').first();
  await docLink.waitFor();
  assert.match(await docLink.getAttribute('href'), /^https:\/\/github\.com\/.+\/rulesets\/docs\/external-oauth2\.md$/);
  await screenshot(page, '03-hover');
  await page.keyboard.press('Escape');

  // Ctrl+. on the finding and apply the OAuth quick fix.
  await oauthRow.click();
  await page.keyboard.press('Control+1');
  await page.locator('.monaco-editor.focused').first().waitFor();
  await page.keyboard.press('Control+.');
  const oauthFix = page.locator('.action-widget .monaco-list-row', { hasText: 'Require OAuth 2 (oauth2) for this operation' }).first();
  await oauthFix.waitFor();
  await screenshot(page, '04-quick-fix-menu');
  await oauthFix.click();
  await pollUntil(async () => (await problemRows(page, 'external-oauth2').count()) === 0, {
    what: 'the external-oauth2 entry to leave the Problems panel',
    timeoutMs: STEP_TIMEOUT,
  });
  await problemRows(page, 'external-rate-limit').first().waitFor();

  await page.keyboard.press('Control+S');
  const saved = await pollUntil(
    () => {
      const text = readFileSync(apiFile, 'utf8');
      return /securitySchemes:/.test(text) && text;
    },
    { what: 'api.yaml saved with the fix', timeoutMs: STEP_TIMEOUT },
  );
  await page.locator('.tabs-container .tab.dirty[data-resource-name="api.yaml"]').waitFor({ state: 'detached' });
  await screenshot(page, '05-fixed-and-saved');
  assert.match(saved, /\n {6}security:\n {8}- oauth2:\n/, 'the operation requires oauth2');
  assert.match(saved, /\n {4}oauth2:\n {6}type: oauth2\n/, 'the scheme was created');
  assert.match(saved, /# An external API with every exposure finding/, 'comments are kept');
});
