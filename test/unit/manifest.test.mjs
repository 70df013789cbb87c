// The extension manifest (package.json) must agree with server/src/protocol.ts, the only contract
// between client and server, and with the files it points to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { loadTypeScriptModule } from './helpers/load-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const readJson = (relative) => JSON.parse(readFileSync(path.join(root, relative), 'utf8'));

/** protocol.ts is TypeScript with no imports: loaded in memory. */
const loadProtocol = () => loadTypeScriptModule('server/src/protocol.ts');

/** `{ trace: { server: 'off' } }` → `[['trace.server', 'off']]`: VS Code settings are dotted keys. */
function flattenSettings(settings, prefix = '') {
  return Object.entries(settings).flatMap(([key, value]) =>
    value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0
      ? flattenSettings(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value]],
  );
}

const protocol = loadProtocol();
const pkg = readJson('package.json');
const contributed = pkg.contributes.configuration.properties;
const SECTION = protocol.SETTINGS_SECTION;
const AUDIENCES = ['external-public', 'external-partner', 'company-internal', 'business-unit-internal', 'component-internal'];
/** Settings that affect only the window (not a folder) may have window scope. */
const WINDOW_SCOPED = new Set(['trace.server']);

test('protocol loads and exposes DEFAULT_SETTINGS and COMMANDS', () => {
  assert.equal(typeof protocol.DEFAULT_SETTINGS, 'object');
  assert.ok(Object.keys(protocol.COMMANDS).length > 0);
});

for (const [key, defaultValue] of flattenSettings(protocol.DEFAULT_SETTINGS)) {
  test(`setting ${SECTION}.${key} is contributed with the protocol default and scope`, () => {
    const setting = contributed[`${SECTION}.${key}`];
    assert.ok(setting, `package.json does not contribute ${SECTION}.${key}`);
    assert.deepEqual(setting.default, defaultValue);
    assert.equal(setting.scope, WINDOW_SCOPED.has(key) ? 'window' : 'resource');
    assert.ok(setting.description || setting.markdownDescription, 'needs a description');
  });
}

test('every contributed setting exists in the protocol (no orphans)', () => {
  const known = new Set(flattenSettings(protocol.DEFAULT_SETTINGS).map(([key]) => `${SECTION}.${key}`));
  assert.deepEqual(
    Object.keys(contributed).filter((key) => !known.has(key)),
    [],
  );
});

test('audience settings offer exactly the protocol audiences', () => {
  assert.deepEqual(contributed[`${SECTION}.defaultAudience`].enum, ['', ...AUDIENCES]);
  assert.deepEqual(contributed[`${SECTION}.audienceByGlob`].additionalProperties.enum, AUDIENCES);
  const schema = readJson('schemas/spectral-ruleset.schema.json');
  assert.deepEqual(schema.definitions.audience.enum, AUDIENCES);
});

test('every protocol command is contributed with a title and the category, and nothing else', () => {
  const commands = pkg.contributes.commands;
  assert.deepEqual(commands.map((c) => c.command).sort(), Object.values(protocol.COMMANDS).sort());
  for (const command of commands) {
    assert.ok(command.title, `${command.command} needs a title`);
    assert.equal(command.category, 'API Exposure Lint');
  }
});

test('activates on YAML, JSON and workspaces with a Spectral ruleset', () => {
  for (const event of ['onLanguage:yaml', 'onLanguage:json', 'workspaceContains:**/.spectral.{yaml,yml,json,js,mjs,cjs}']) {
    assert.ok(pkg.activationEvents.includes(event), `missing activation event ${event}`);
  }
  assert.equal(pkg.main, './dist/extension.js');
});

test('untrusted workspaces are limited and restrict only contributed settings', () => {
  const { untrustedWorkspaces, virtualWorkspaces } = pkg.capabilities;
  assert.equal(untrustedWorkspaces.supported, 'limited');
  assert.ok(untrustedWorkspaces.description);
  assert.ok(untrustedWorkspaces.restrictedConfigurations.includes(`${SECTION}.rulesetFile`));
  for (const key of untrustedWorkspaces.restrictedConfigurations) assert.ok(contributed[key], `${key} is not a setting`);
  assert.equal(virtualWorkspaces, false);
});

test('ruleset files are mapped to the bundled schema', () => {
  const matched = (entries) => entries.flatMap((e) => [e.fileMatch].flat().map((match) => [match, e.url]));
  const mappings = [...matched(pkg.contributes.yamlValidation), ...matched(pkg.contributes.jsonValidation)];
  assert.deepEqual(mappings.map(([match]) => match).sort(), ['.spectral.json', '.spectral.yaml', '.spectral.yml']);
  for (const [, url] of mappings) {
    assert.ok(existsSync(path.join(root, url)), `${url} does not exist`);
  }
});

test('the icon is a 128x128 PNG', () => {
  const png = readFileSync(path.join(root, pkg.icon));
  assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
  assert.equal(png.subarray(12, 16).toString('ascii'), 'IHDR');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
});

test('vsce preconditions: repository, license, @types/vscode not newer than engines.vscode', () => {
  assert.ok(pkg.repository?.url);
  assert.ok(existsSync(path.join(root, 'LICENSE')));
  const typesVersion = pkg.devDependencies['@types/vscode'].replace(/^[\^~]/, '');
  const engineVersion = pkg.engines.vscode.replace(/^[\^~]/, '');
  const toNumbers = (v) => v.split('.').map(Number);
  const [a, b] = [toNumbers(typesVersion), toNumbers(engineVersion)];
  const compare = a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
  assert.ok(compare <= 0, `@types/vscode ${typesVersion} is newer than engines.vscode ${engineVersion}`);
});

test('.vscodeignore is an allowlist that ships the server but not the CLI or sources', () => {
  const lines = readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  assert.equal(lines[0], '**');
  for (const required of [
    '!dist/extension.js',
    '!dist/server.js',
    '!dist/server-main.js',
    '!dist/server-engine.js',
    '!dist/lint-worker.js',
    '!dist/lint-worker-main.js',
    '!package.json',
    '!schemas/**',
  ]) {
    assert.ok(lines.includes(required), `missing ${required}`);
  }
  // The server's own engine bundle (server-engine.js) ships; the CLI's bundles and the engine library (engine.js) do not.
  assert.ok(!lines.some((line) => /src|node_modules|test|cli(-engine)?\.js|\/engine\.js/.test(line)), 'must not re-include sources or CLI');
});

// --- The ruleset JSON Schema ------------------------------------------------------------------

function compileRulesetSchema() {
  const Ajv = require('ajv');
  const addFormats = require('ajv-formats');
  const ajv = new Ajv({ allErrors: true });
  addFormats(ajv);
  // VS Code's editor-only keywords: ignored by validation, but strict mode must know them.
  ajv.addVocabulary(['enumDescriptions', 'markdownDescription']);
  return ajv.compile(readJson('schemas/spectral-ruleset.schema.json'));
}

function parseRuleset(file) {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
}

/** Our examples, plus other suites' ruleset fixtures unless their name says they are broken on purpose. */
function exampleRulesets() {
  const dirs = ['test/fixtures/manifest', 'test/fixtures/rulesets'].map((dir) => path.join(root, dir)).filter(existsSync);
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => /\.(ya?ml|json)$/.test(name) && !/invalid|broken|bad|error|malformed/i.test(name))
      .map((name) => path.join(dir, name)),
  );
}

const validate = compileRulesetSchema();

test('there are example rulesets to validate', () => {
  assert.ok(exampleRulesets().length >= 3);
});

/** Spectral's own validation: the editor schema must not contradict what the linter will say. */
function spectralAccepts(ruleset) {
  const { assertValidRuleset } = require('@stoplight/spectral-core/ruleset/validation');
  try {
    assertValidRuleset(structuredClone(ruleset), 'json');
    return true;
  } catch {
    return false;
  }
}

// Spectral sees rulesets after the engine took out the exposure extensions (x-exposure, overrides x-audience).
const { preprocessRuleset } = require(path.join(root, 'dist/engine.js'));
const asSpectralSeesIt = (file) => JSON.parse(JSON.stringify(YAML.parse(preprocessRuleset(file, readFileSync(file, 'utf8'), true).text)));

for (const file of exampleRulesets()) {
  test(`schema and Spectral accept ${path.relative(root, file)}`, () => {
    const ruleset = parseRuleset(file);
    assert.ok(validate(ruleset), JSON.stringify(validate.errors, null, 2));
    assert.ok(spectralAccepts(asSpectralSeesIt(file)), 'Spectral rejects it: the example (or the schema) is wrong');
  });
}

const validRule = { given: '$.paths[*]', then: { function: 'truthy' } };
// [case, ruleset, does Spectral itself reject it? (it does not know our x-exposure extension)]
const invalidRulesets = [
  ['an empty ruleset', {}, true],
  ['an unknown top-level key', { extends: 'spectral:oas', rule: {} }, true],
  ['an unknown severity', { rules: { 'operation-tags': 'fatal' } }, true],
  ['a numeric severity as a rule value', { rules: { 'operation-tags': 1 } }, true],
  ['a rule without then', { rules: { mine: { given: '$' } } }, true],
  ['a rule with an unknown key', { rules: { mine: { ...validRule, severty: 'warn' } } }, true],
  ['a then without function', { rules: { mine: { given: '$', then: { field: 'x' } } } }, true],
  ['a given that is not a JSON Path', { rules: { mine: { ...validRule, given: 'paths' } } }, true],
  ['an extends mode that does not exist', { extends: [['spectral:oas', 'some']] }, true],
  ['an override without files', { overrides: [{ rules: { 'operation-tags': 'off' } }] }, true],
  ['an unknown audience', { extends: 'spectral:oas', 'x-exposure': { defaultAudience: 'public' } }, false],
  [
    'an audienceByGlob value that is no audience',
    { extends: 'spectral:oas', 'x-exposure': { audienceByGlob: { '**': 'everyone' } } },
    false,
  ],
  [
    'a rule scope with an unknown audience',
    { extends: 'spectral:oas', 'x-exposure': { rules: { 'operation-tags': { audiences: ['outer'] } } } },
    false,
  ],
  [
    'a rule scope with an unknown severity',
    { extends: 'spectral:oas', 'x-exposure': { rules: { 'operation-tags': { severity: { external: 'loud' } } } } },
    false,
  ],
  [
    'x-exposure.internalHosts that is not a list',
    { extends: 'spectral:oas', 'x-exposure': { internalHosts: '*.corp.example.com' } },
    false,
  ],
  ['an unknown x-exposure option', { extends: 'spectral:oas', 'x-exposure': { internalHost: ['*.corp.example.com'] } }, false],
];

test('schema accepts the exposure rules options of x-exposure', () => {
  const options = { internalHosts: ['*.corp.example.com'], publicHosts: ['docs.local.example.com'], internalErrorProperties: ['podName'] };
  assert.ok(validate({ extends: 'api-exposure-lint:exposure', 'x-exposure': options }), JSON.stringify(validate.errors));
});

for (const [name, ruleset, spectralRejects] of invalidRulesets) {
  test(`schema rejects ${name}`, () => {
    assert.equal(validate(ruleset), false);
    assert.equal(spectralAccepts(ruleset), !spectralRejects, 'the schema and Spectral disagree');
  });
}
