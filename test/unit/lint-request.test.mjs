// The one lint-request builder (server/src/engine/lint-request.ts): the CLI (cli/lint-config.ts) and the
// language server (lsp/lint-request.ts) only translate their options and settings into a profile, so the same
// user choices give the same lint: the same ruleset, allowed $ref roots (with the folder of a chosen ruleset
// file), audiences and trust. And one size limit, in characters, applied by the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { engine } from './helpers/engine.mjs';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const shared = loadTypeScriptModule('server/src/engine/lint-request.ts');
const { documentSizeLimit, DEFAULT_MAX_DOCUMENT_SIZE } = loadTypeScriptModule('server/src/engine/lint-options.ts');
const { cliLintProfile } = loadTypeScriptModule('server/src/cli/lint-config.ts');
const { buildLintRequest } = loadTypeScriptModule('server/src/lsp/lint-request.ts');
const { WorkspaceFolders } = loadTypeScriptModule('server/src/lsp/workspace.ts');
const { DEFAULT_SETTINGS } = loadTypeScriptModule('server/src/protocol.ts');

const ROOT = path.resolve('/work/repo');
const FILE = path.join(ROOT, 'apis', 'a.yaml');
const TEAM = path.resolve('/work/team');

/** The same choices, as the CLI gets them (options) and as the editor gets them (settings). */
const cases = [
  { name: 'nothing chosen', cli: {}, settings: {}, roots: [ROOT] },
  {
    name: 'a ruleset file outside the repository: its folder is readable',
    cli: { ruleset: path.join(TEAM, 'rules.yaml') },
    settings: { rulesetFile: path.join(TEAM, 'rules.yaml') },
    roots: [ROOT, TEAM],
  },
  {
    name: 'a ruleset file inside the repository',
    cli: { ruleset: path.join(ROOT, 'config', 'rules.yaml') },
    settings: { rulesetFile: path.join(ROOT, 'config', 'rules.yaml') },
    roots: [ROOT, path.join(ROOT, 'config')],
  },
  {
    name: 'a ruleset file at the root: the root once',
    cli: { ruleset: path.join(ROOT, '.spectral.yaml') },
    settings: { rulesetFile: path.join(ROOT, '.spectral.yaml') },
    roots: [ROOT],
  },
  { name: 'a built-in ruleset has no folder', cli: { ruleset: 'spectral:oas' }, settings: { rulesetFile: 'spectral:oas' }, roots: [ROOT] },
  {
    name: 'a remote ruleset has no folder',
    cli: { ruleset: 'https://example.com/rules.yaml' },
    settings: { rulesetFile: 'https://example.com/rules.yaml' },
    roots: [ROOT],
  },
  {
    name: 'more $ref roots (relative to the root), then the ruleset folder',
    cli: { ruleset: path.join(TEAM, 'rules.yaml'), allowRefRoots: ['../shared'] },
    settings: { rulesetFile: path.join(TEAM, 'rules.yaml'), allowedRefRoots: ['../shared'] },
    roots: [ROOT, path.resolve('/work/shared'), TEAM],
  },
  {
    name: 'audiences, remote and workspace code',
    cli: {
      audience: 'company-internal',
      audienceGlobs: [{ glob: 'partner/**', audience: 'external-partner' }],
      allowRemote: true,
      trustWorkspaceCode: true,
    },
    settings: { defaultAudience: 'company-internal', audienceByGlob: { 'partner/**': 'external-partner' }, allowRemote: true },
    trusted: true,
    roots: [ROOT],
    audience: { defaultAudience: 'company-internal', globs: [{ glob: 'partner/**', audience: 'external-partner' }] },
  },
];

function cliOptionsFrom(choice) {
  return { audienceGlobs: [], allowRefRoots: [], trustWorkspaceCode: false, allowRemote: false, ...choice };
}

function fromCli(choice) {
  const options = cliOptionsFrom(choice);
  // The CLI run resolves --ruleset against its folder first (resolveRulesetArgument): these are absolute or names.
  return shared.lintOptionsFor({ filePath: FILE, text: 'openapi: 3.0.3\n', root: ROOT }, cliLintProfile(options, ROOT, options.ruleset));
}

function fromEditor(choice, trusted) {
  const folders = new WorkspaceFolders();
  folders.set([{ uri: pathToFileURL(ROOT).href, name: 'repo' }]);
  const request = buildLintRequest(
    { uri: pathToFileURL(FILE).href, languageId: 'yaml' },
    'openapi: 3.0.3\n',
    { ...DEFAULT_SETTINGS, ...choice },
    folders,
    { trustWorkspaceCode: trusted },
  );
  assert.equal(request.kind, 'lint');
  return request.options;
}

for (const c of cases) {
  test(`CLI and editor build the same lint: ${c.name}`, () => {
    const cli = fromCli(c.cli);
    const editor = fromEditor(c.settings, c.trusted === true);
    for (const options of [cli, editor]) {
      assert.deepEqual(options.trust, {
        trustWorkspaceCode: c.trusted === true,
        allowRemote: c.cli.allowRemote === true,
        allowedRoots: c.roots,
      });
      assert.equal(options.rulesetFile, c.cli.ruleset);
      assert.equal(options.discoveryRoot, ROOT);
      assert.equal(options.filePath, FILE);
    }
    // Audiences are the same but for where the globs were declared (named in hovers and reports).
    const withoutOrigin = (audience) => ({ ...audience, audienceByGlob: audience.audienceByGlob?.map(({ origin, ...rest }) => rest) });
    assert.deepEqual(withoutOrigin(cli.audience), withoutOrigin(editor.audience));
    const expected = c.audience
      ? { defaultAudience: c.audience.defaultAudience, audienceByGlob: c.audience.globs.map((g) => ({ ...g, baseDir: ROOT })) }
      : { audienceByGlob: undefined };
    assert.deepEqual(withoutOrigin(cli.audience), expected);
    assert.equal(cli.onRulesetError, 'throw');
    assert.equal(editor.onRulesetError, 'fallback');
  });
}

test('unset limits are left to the engine: no key at all', () => {
  const options = fromCli({});
  assert.ok(!('timeoutMs' in options) && !('maxDocumentSize' in options) && !('openDocuments' in options));
  const limited = fromCli({ timeoutMs: 2500, maxDocumentSize: 3_000_000 });
  assert.equal(limited.timeoutMs, 2500);
  assert.equal(limited.maxDocumentSize, 3_000_000);
});

const API = "openapi: 3.0.3\ninfo: { title: T, version: '1', x-audience: company-internal }\npaths: {}\n";
const sizes = [
  { name: 'the default limit', maxDocumentSize: undefined, limit: DEFAULT_MAX_DOCUMENT_SIZE },
  { name: 'a smaller limit', maxDocumentSize: 1000, limit: 1000 },
];

for (const { name, maxDocumentSize, limit } of sizes) {
  test(`one size limit, in characters: ${name}`, async () => {
    assert.equal(documentSizeLimit(maxDocumentSize), limit);
    if (limit > 1_000_000) return; // the default is too large to lint here; the comparison is the same one
    const linter = new engine.Linter(engine.createNodeHost());
    const profile = cliLintProfile(cliOptionsFrom({ ruleset: 'spectral:oas', maxDocumentSize }), ROOT, 'spectral:oas');
    const lint = (text) => linter.lint(shared.lintOptionsFor({ filePath: FILE, text, root: ROOT }, profile));
    // Multi-byte characters count once: the limit is in characters, as --max-document-size says.
    const atLimit = API + '#' + 'é'.repeat(limit - API.length - 1);
    assert.equal(atLimit.length, limit);
    assert.ok(!(await lint(atLimit)).findings.some((f) => f.code === 'document-too-large'));
    const over = await lint(atLimit + 'é');
    assert.deepEqual(
      over.findings.map((f) => f.code),
      ['document-too-large'],
    );
  });
}
