#!/usr/bin/env node
// A stand-in for the `code` executable that @vscode/test-electron's runTests() starts, for machines where
// VS Code desktop cannot be downloaded: it runs the VS Code server bundled in code-server (Node 24),
// opens its workbench in headless Chromium with the extension-test payload, and exits with the code the
// test suite reported to the workbench (window.codeAutomationExit). With VS Code installed, point
// runTests at VS Code itself instead; the suite is the same.
//
// Understands the arguments runTests passes: a folder (positional), --extensionDevelopmentPath=,
// --extensionTestsPath=, --user-data-dir=, --extensions-dir=, --disable-workspace-trust,
// --disable-extensions; the desktop-only ones (--no-sandbox, --skip-welcome…) are ignored.
//
// Environment: API_EXPOSURE_LINT_E2E_UNTRUSTED=1 keeps workspace trust on (runTests always passes
// --disable-workspace-trust, which would make every workspace trusted); API_EXPOSURE_LINT_E2E_TIMEOUT_MS
// bounds the whole run (default 300000); API_EXPOSURE_LINT_E2E_VERBOSE=1 prints the browser console.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { e2ePaths } from '../../../scripts/e2e-setup.mjs';
import { launchBrowser } from '../lib/browser.mjs';
import { QUIET_USER_SETTINGS } from '../lib/editor-settings.mjs';
import { killStartedGroups, spawnGroup } from '../lib/process-groups.mjs';
import { freePort, waitForHttp } from '../lib/wait.mjs';

const TIMEOUT_MS = Number(process.env.API_EXPOSURE_LINT_E2E_TIMEOUT_MS ?? 300_000);
const VERBOSE = process.env.API_EXPOSURE_LINT_E2E_VERBOSE === '1';
const KEEP_TRUST = process.env.API_EXPOSURE_LINT_E2E_UNTRUSTED === '1';
/** Log lines expected without network access (no marketplace, no GitHub sign-in, no signing module). */
const HARMLESS = /open-vsx\.org|Service Worker|vsda|authentication provider 'github'|^\s+at /;

function parseArgs(argv) {
  const options = { folder: undefined, developmentPaths: [], testsPath: undefined, flags: new Set() };
  for (const arg of argv) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      options.folder ??= path.resolve(arg);
      continue;
    }
    const [, name, value] = match;
    if (name === 'extensionDevelopmentPath') options.developmentPaths.push(path.resolve(value));
    else if (name === 'extensionTestsPath') options.testsPath = path.resolve(value);
    else if (name === 'user-data-dir') options.userDataDir = path.resolve(value);
    else if (name === 'extensions-dir') options.extensionsDir = path.resolve(value);
    else options.flags.add(name);
  }
  if (!options.folder) throw new Error('launcher: pass the workspace folder to open (runTests launchArgs: [folder])');
  if (!options.testsPath || options.developmentPaths.length === 0) {
    throw new Error('launcher: --extensionDevelopmentPath and --extensionTestsPath are required');
  }
  return options;
}

/** User settings live on the server side in code-server's VS Code (`<user-data-dir>/User/settings.json`). */
function writeUserSettings(userDataDir) {
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_USER_SETTINGS, null, 2));
}

async function startServer(options, scratch) {
  const port = await freePort();
  const args = [
    e2ePaths.vscodeServerMain,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--server-data-dir',
    path.join(scratch, 'server-data'),
    '--user-data-dir',
    options.userDataDir,
    '--extensions-dir',
    options.extensionsDir,
  ];
  if (options.flags.has('disable-workspace-trust') && !KEEP_TRUST) args.push('--disable-workspace-trust');
  if (options.flags.has('disable-extensions')) args.push('--disable-extensions');
  const server = spawnGroup(e2ePaths.node24, args, {
    env: { ...process.env, XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'), XDG_DATA_HOME: path.join(scratch, 'xdg-data') },
    stdio: ['ignore', VERBOSE ? 'inherit' : 'ignore', 'pipe'],
  });
  server.stderr.setEncoding('utf8');
  server.stderr.on('data', (chunk) => {
    const lines = chunk.split('\n').filter((line) => line.trim() && (VERBOSE || !HARMLESS.test(line)));
    if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`);
  });
  const exited = new Promise((_, reject) => server.once('exit', (code) => reject(new Error(`VS Code server exited with ${code}`))));
  exited.catch(() => {});
  const origin = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHttp(`${origin}/version`, { timeoutMs: 60_000 }), exited]);
  return { origin, port, exited };
}

function workbenchUrl({ origin, port }, options) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ...options.developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(options.testsPath)],
  ];
  return `${origin}/?folder=${encodeURIComponent(options.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Opens the workbench and resolves with the exit code the extension-test run reports. */
async function runSuiteInBrowser(browser, url) {
  const page = await browser.newPage();
  let report;
  const reported = new Promise((resolve) => (report = resolve));
  await page.exposeFunction('codeAutomationExit', (code) => report(Number(code)));
  // The workbench log, which carries the extension host's console (the suite's TAP-like lines).
  await page.exposeFunction('codeAutomationLog', (level, message) => {
    const text = String(message);
    const suiteLine = /^(ok|not ok|#) /.test(text);
    const harmless = HARMLESS.test(text);
    if (VERBOSE || suiteLine || (level === 'error' && !harmless)) process.stdout.write(`${text}\n`);
  });
  if (VERBOSE) page.on('console', (message) => process.stderr.write(`[browser] ${message.text()}\n`));
  await page.goto(url);
  return reported;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const scratch = mkdtempSync(path.join(tmpdir(), 'api-exposure-lint-launcher-'));
  options.userDataDir ??= path.join(scratch, 'user-data');
  options.extensionsDir ??= path.join(scratch, 'extensions');
  writeUserSettings(options.userDataDir);

  let browser;
  const timeout = new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher: no result within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    timer.unref();
  });
  try {
    const server = await startServer(options, scratch);
    browser = await launchBrowser();
    return await Promise.race([runSuiteInBrowser(browser.browser, workbenchUrl(server, options)), server.exited, timeout]);
  } finally {
    await browser?.close();
    killStartedGroups();
    rmSync(scratch, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killStartedGroups();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    killStartedGroups();
    process.exit(1);
  },
);
