// code-server (the real VS Code workbench, served to Chromium) with the packaged VSIX installed,
// in throw-away profile folders, as its own process group.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { e2ePaths } from '../../../scripts/e2e-setup.mjs';
import { QUIET_USER_SETTINGS } from './editor-settings.mjs';
import { killGroup, spawnGroup } from './process-groups.mjs';
import { freePort, waitForHttp } from './wait.mjs';

function profileFolders(scratch) {
  const folders = {
    extensions: path.join(scratch, 'extensions'),
    userData: path.join(scratch, 'user-data'),
    config: path.join(scratch, 'config.yaml'),
  };
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(scratch, 'xdg-config'),
    XDG_DATA_HOME: path.join(scratch, 'xdg-data'),
    SCARF_ANALYTICS: 'false',
  };
  mkdirSync(path.join(folders.userData, 'User'), { recursive: true });
  writeFileSync(path.join(folders.userData, 'User', 'settings.json'), JSON.stringify(QUIET_USER_SETTINGS, null, 2));
  writeFileSync(folders.config, 'auth: none\n');
  return { folders, env };
}

/** `code-server --install-extension <vsix>`, offline; returns the installed extension folder names. */
export function installVsix(scratch, vsix) {
  const { folders, env } = profileFolders(scratch);
  execFileSync(
    e2ePaths.node24,
    [
      e2ePaths.codeServerBin,
      '--extensions-dir',
      folders.extensions,
      '--user-data-dir',
      folders.userData,
      '--config',
      folders.config,
      '--install-extension',
      vsix,
    ],
    { env, stdio: 'pipe' },
  );
  return readdirSync(folders.extensions).filter((name) => !name.startsWith('.') && !name.endsWith('.json'));
}

/** Starts code-server on a free port with `folder` open; `stop()` kills its whole process group. */
export async function startCodeServer(scratch, folder) {
  const { folders, env } = profileFolders(scratch);
  const port = await freePort();
  const child = spawnGroup(
    e2ePaths.node24,
    [
      e2ePaths.codeServerBin,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--extensions-dir',
      folders.extensions,
      '--user-data-dir',
      folders.userData,
      '--config',
      folders.config,
      folder,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/healthz`, { timeoutMs: 60_000 });
  } catch (error) {
    killGroup(child.pid);
    error.message += `\ncode-server stderr:\n${stderr}`;
    throw error;
  }
  return { origin, url: `${origin}/?folder=${encodeURIComponent(folder)}`, stop: () => killGroup(child.pid) };
}
