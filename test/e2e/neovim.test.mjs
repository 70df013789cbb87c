// Tier 3: Neovim (Debian's 0.7.2) as a second, independent LSP client of `node dist/server.js --stdio`.
// The init file is the README's Neovim snippet itself (only the install path substituted), so a README
// that stops working fails this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { killGroup, spawnGroup } from './lib/process-groups.mjs';
import { copyFixtureFolder, repoRoot } from './lib/workspace-copy.mjs';

/** The first ```lua block of README.md, pointed at this checkout. */
function readmeNeovimSnippet() {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const block = /```lua\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has a Neovim (```lua) snippet');
  assert.match(block[1], /\/path\/to\/api-exposure-lint/, 'the snippet names the install path as /path/to/api-exposure-lint');
  return block[1].replaceAll('/path/to/api-exposure-lint', repoRoot);
}

test('neovim: the README snippet attaches the server; exposure diagnostics and a quick fix arrive', async (t) => {
  const workspace = copyFixtureFolder('workspace');
  t.after(workspace.remove);
  const init = path.join(workspace.scratch, 'init.lua');
  const out = path.join(workspace.scratch, 'result.json');
  writeFileSync(init, readmeNeovimSnippet());

  // Its own process group: nvim and the language server it starts are killed together at the end,
  // also when nvim hangs (the deadline below).
  const nvim = spawnGroup(
    'nvim',
    [
      '--headless',
      '-i',
      'NONE',
      '-u',
      init,
      '-c',
      `luafile ${path.join(repoRoot, 'test/e2e/neovim/check-diagnostics.lua')}`,
      'external.yaml',
    ],
    {
      cwd: workspace.folder,
      env: {
        ...process.env,
        API_EXPOSURE_LINT_NVIM_OUT: out,
        XDG_CONFIG_HOME: path.join(workspace.scratch, 'xdg-config'),
        XDG_DATA_HOME: path.join(workspace.scratch, 'xdg-data'),
        XDG_STATE_HOME: path.join(workspace.scratch, 'xdg-state'),
        SCARF_ANALYTICS: 'false',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  t.after(() => killGroup(nvim.pid));
  let stderr = '';
  nvim.stderr.setEncoding('utf8');
  nvim.stderr.on('data', (chunk) => (stderr += chunk));
  const deadline = setTimeout(() => killGroup(nvim.pid), 120_000);
  const [status, signal] = await once(nvim, 'exit');
  clearTimeout(deadline);
  assert.equal(status, 0, `nvim exited with ${status ?? signal}: ${stderr}`);
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(result.errors, []);
  assert.equal(result.filetype, 'yaml');
  assert.equal(result.clients, 1, `one language client attached by the README snippet: ${JSON.stringify(result)}`);

  const codes = [...new Set(result.diagnostics.map((d) => d.code))].sort();
  for (const code of ['external-code-samples', 'external-oauth2', 'external-rate-limit'])
    assert.ok(codes.includes(code), `${code} in ${codes}`);
  const oauth = result.diagnostics.find((d) => d.code === 'external-oauth2');
  assert.equal(oauth.source, 'api-exposure-lint');
  assert.match(oauth.message, /external-public \(info\.x-audience\) but is not secured by OAuth 2/);

  const fix = result.actions.find((a) => /^Require OAuth 2 \(oauth2\) for this operation/.test(a.title));
  assert.ok(fix, `an OAuth quick fix among ${result.actions.map((a) => a.title)}`);
  assert.equal(fix.kind, 'quickfix');
  assert.equal(fix.isPreferred, true);
  assert.equal(fix.hasEdit, true);
});
