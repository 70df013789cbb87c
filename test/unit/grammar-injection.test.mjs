// The exposure injection grammar (syntaxes/openapi-exposure.injection.tmLanguage.json) run by the real
// TextMate engine (vscode-textmate + vscode-oniguruma, as in VS Code) over fixtures, injected into
// stand-in YAML/JSON grammars (test/fixtures/grammars/) and with stand-ins for the embedded languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SAMPLE_LANGUAGES } from '../../syntaxes/generate-injection.mjs';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(root, 'test/fixtures/grammars');
const INJECTION = 'openapi-exposure.injection';
const OUR_SCOPE = /\.openapi-exposure\b|meta\.embedded/;

/** A grammar for an embedded language that only knows a few keywords: enough to see it was applied. */
const standIn = (scopeName) => ({
  scopeName,
  patterns: [
    {
      match: String.raw`\b(import|def|pass|const|await|let|package|func|class|curl|defmodule)\b`,
      name: `keyword.control.${scopeName.replace(/^source\./, '')}`,
    },
  ],
});

const GRAMMAR_FILES = {
  'source.yaml': path.join(fixtures, 'yaml.tmLanguage.json'),
  'source.json': path.join(fixtures, 'json.tmLanguage.json'),
  [INJECTION]: path.join(root, 'syntaxes/openapi-exposure.injection.tmLanguage.json'),
};

async function createRegistry() {
  const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  return new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p) => new oniguruma.OnigScanner(p),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = GRAMMAR_FILES[scopeName];
      if (file) return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      return scopeName.startsWith('source.') ? standIn(scopeName) : null;
    },
    // What `injectTo` in package.json does in VS Code.
    getInjections: (scopeName) => (scopeName === 'source.yaml' || scopeName === 'source.json' ? [INJECTION] : undefined),
  });
}

const registry = await createRegistry();

/** Every line of a fixture (or of `text`) as [{ text, scopes }] tokens, tokenized line by line with the carried state. */
async function tokenize(fixture, text = readFileSync(path.join(fixtures, fixture), 'utf8')) {
  const grammar = await registry.loadGrammar(fixture.endsWith('.json') ? 'source.json' : 'source.yaml');
  let state = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return { line, tokens: result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.join(' ') })) };
  });
}

/** The token `text` on the first line containing `lineText`. */
function tokenAt(lines, lineText, text) {
  const found = lines.find((l) => l.line.includes(lineText));
  assert.ok(found, `no line contains ${JSON.stringify(lineText)}`);
  const token = found.tokens.find((t) => t.text.trim() === text) ?? found.tokens.find((t) => t.text.includes(text));
  assert.ok(token, `no token ${JSON.stringify(text)} on line ${JSON.stringify(found.line)}: ${JSON.stringify(found.tokens)}`);
  return token;
}

// [line containing, token, expected scope substring, or a `!`-prefixed one that must be absent]
const YAML_CASES = [
  ['x-audience: external-partner', 'x-audience', 'keyword.other.exposure.audience-key.openapi-exposure'],
  ['x-audience: external-partner', 'external-partner', 'keyword.other.audience.external.openapi-exposure'],
  ['x-api-audience: company-internal', 'x-api-audience', 'keyword.other.exposure.audience-key'],
  ['x-api-audience: company-internal', 'company-internal', 'keyword.other.audience.internal.openapi-exposure'],
  ['x-audience: nobody', 'nobody', 'invalid.illegal.audience.unknown.openapi-exposure'],
  ['Prose that mentions', 'x-audience: company-internal', '!audience'],
  ['Prose that mentions', 'x-audience: company-internal', 'string.unquoted.block.yaml'],
  ['# x-audience: external-public', 'x-audience', '!audience'],
  ['x-internal: true', 'x-internal', 'keyword.other.exposure.internal-key.openapi-exposure'],
  ['x-internal: true', 'true', 'keyword.other.audience.internal'],
  ['x-lint-ignore: [external-rate-limit', 'x-lint-ignore', 'keyword.other.exposure.lint-ignore-key.openapi-exposure'],
  ['x-lint-ignore: [external-rate-limit', 'external-rate-limit', 'entity.name.function.rule.openapi-exposure'],
  ['x-lint-ignore: [external-rate-limit', 'external-oauth2', 'entity.name.function.rule.openapi-exposure'],
  ['x-lint-ignore: [external-rate-limit', '"gateway"', '!rule.openapi-exposure'],
  ['- external-code-samples', 'external-code-samples', 'entity.name.function.rule.openapi-exposure'],
  ['- rule: internal-permission-scopes', 'internal-permission-scopes', 'entity.name.function.rule.openapi-exposure'],
  ['reason: legacy', 'legacy', '!rule.openapi-exposure'],
  // security requirements: flow lists, block lists, anonymous access
  ['- oauth: [orders:read', 'oauth', 'variable.other.security-scheme.openapi-exposure'],
  ['- oauth: [orders:read', 'orders:read', 'constant.other.permission-scope.openapi-exposure'],
  ['- oauth: [orders:read', 'orders:write', 'constant.other.permission-scope.openapi-exposure'],
  ['  - {}', '{}', 'keyword.other.security.anonymous.openapi-exposure'],
  ['- staffAuth:', 'staffAuth', 'variable.other.security-scheme.openapi-exposure'],
  ['- orders:admin', 'orders:admin', 'constant.other.permission-scope.openapi-exposure'],
  ['mtls: []', 'mtls', 'variable.other.security-scheme.openapi-exposure'],
  ['x-codeSamples:', 'x-codeSamples', 'keyword.other.exposure.code-samples-key.openapi-exposure'],
  ['orders:read: Read orders', 'orders:read', 'constant.other.permission-scope.definition.openapi-exposure'],
  ["'orders:write': Write orders", "'orders:write'", 'constant.other.permission-scope.definition.openapi-exposure'],
  ['tokenUrl: https://auth', 'tokenUrl', '!openapi-exposure'],
  // code samples: `- lang: X` then `source: |`
  ['- lang: Python', 'Python', 'constant.other.language.openapi-exposure'],
  ['import requests', 'import', 'meta.embedded.block.python source.python keyword.control.python'],
  ['def main(): pass', 'def', 'keyword.control.python'],
  ['x-audience: external-public', 'x-audience', '!audience'], // inside the Python block: code, not a marker
  ['label: requests', 'requests', '!meta.embedded'],
  // one-line plain source
  ['source: curl https', 'curl', 'meta.embedded.line.shellscript source.shell keyword.control.shell'],
  // lang on a later line of the item than the dash, folded block
  ['const res = await fetch(url)', 'const', 'meta.embedded.block.javascript source.js keyword.control.js'],
  ['const res = await fetch(url)', 'await', 'keyword.control.js'],
  // source before lang: embedded, language unknown
  ['package main', 'package', 'meta.embedded.block.openapi-exposure'],
  ['package main', 'package', '!source.go'],
  ['lang: Go', 'Go', 'constant.other.language.openapi-exposure'],
  // quoted lang
  ['import java.net.http.HttpClient;', 'import', 'meta.embedded.block.java source.java keyword.control.java'],
  // a language without a grammar mapping
  ['defmodule Orders do', 'defmodule', 'meta.embedded.block.openapi-exposure'],
  ['defmodule Orders do', 'defmodule', '!keyword.control'],
  // x-code-samples, indentless sequence, lower-case lang, one-line source in another language
  ['func main() {}', 'func', 'meta.embedded.block.go source.go keyword.control.go'],
  ['source: let typed = 1', 'let', 'meta.embedded.line.typescript source.ts keyword.control.ts'],
  // blocks end where the indentation says
  ['responses:', 'responses', '!openapi-exposure'],
  ['responses:', 'responses', 'entity.name.tag.yaml'],
  ["'201':", "'201'", '!meta.embedded'],
  ['type: object', 'object', '!openapi-exposure'],
];

const JSON_CASES = [
  ['"x-audience": "external-public"', 'x-audience', 'support.type.property-name.json keyword.other.exposure.audience-key.openapi-exposure'],
  ['"x-audience": "external-public"', 'external-public', 'string.quoted.double.json keyword.other.audience.external.openapi-exposure'],
  ['"x-api-audience": "component-internal"', 'component-internal', 'keyword.other.audience.internal.openapi-exposure'],
  ['"x-audience": "nobody"', 'nobody', 'invalid.illegal.audience.unknown.openapi-exposure'],
  ['"description": "Mentions', 'x-audience', '!audience'],
  ['"x-internal": true', 'x-internal', 'keyword.other.exposure.internal-key.openapi-exposure'],
  ['"x-internal": true', 'true', 'keyword.other.audience.internal'],
  ['"x-lint-ignore"', 'x-lint-ignore', 'keyword.other.exposure.lint-ignore-key.openapi-exposure'],
  ['"x-lint-ignore"', 'external-rate-limit', 'entity.name.function.rule.openapi-exposure'],
  ['"x-lint-ignore"', 'external-oauth2', 'entity.name.function.rule.openapi-exposure'],
  ['"x-lint-ignore"', 'gateway', '!rule.openapi-exposure'],
  ['{ "oauth": ["orders:read"', '"oauth"', 'variable.other.security-scheme.openapi-exposure'],
  ['{ "oauth": ["orders:read"', '"orders:read"', 'constant.other.permission-scope.openapi-exposure'],
  ['{ "oauth": ["orders:read"', '"orders:write"', 'constant.other.permission-scope.openapi-exposure'],
  ['    {}', '{}', 'keyword.other.security.anonymous.openapi-exposure'],
  ['"staffAuth": [', '"staffAuth"', 'variable.other.security-scheme.openapi-exposure'],
  ['"orders:admin"', '"orders:admin"', 'constant.other.permission-scope.openapi-exposure'],
  ['"scopes": { "orders:read"', '"orders:read"', 'constant.other.permission-scope.definition.openapi-exposure'],
  ['"x-codeSamples": [', 'x-codeSamples', 'keyword.other.exposure.code-samples-key.openapi-exposure'],
  ['"lang": "Python"', 'Python', 'constant.other.language.openapi-exposure'],
  ['"source": "import requests', 'import requests', 'string.quoted.double.json meta.embedded.string.python.openapi-exposure'],
  ['"source": "import requests', '\\n', 'constant.character.escape.json'],
  ['"source": "curl', 'curl https://api.example.com/orders', 'meta.embedded.string.openapi-exposure'],
  ['"lang": "Shell"', 'Shell', 'constant.other.language.openapi-exposure'],
  ['{ "lang": "Go", "source": "package main" }', 'package main', 'meta.embedded.string.go.openapi-exposure'],
  ['"responses": { "200"', 'responses', '!openapi-exposure'],
  ['"tokenUrl"', 'tokenUrl', '!openapi-exposure'],
];

for (const [fixture, cases] of [
  ['openapi.yaml', YAML_CASES],
  ['openapi.json', JSON_CASES],
]) {
  const lines = await tokenize(fixture);
  for (const [lineText, text, expected] of cases) {
    test(`${fixture}: ${JSON.stringify(text)} on "${lineText.trim()}" ${expected.startsWith('!') ? 'lacks ' + expected.slice(1) : 'has ' + expected}`, () => {
      const { scopes } = tokenAt(lines, lineText, text);
      if (expected.startsWith('!')) assert.ok(!scopes.includes(expected.slice(1)), scopes);
      else assert.ok(scopes.includes(expected), scopes);
    });
  }
}

test('openapi.json: the injection keeps the JSON grammar in step (no invalid.illegal separators)', async () => {
  const illegal = (await tokenize('openapi.json')).flatMap((l) =>
    l.tokens.filter((t) => /invalid\.illegal\.expected/.test(t.scopes)).map((t) => `${l.line.trim()} → ${t.text}`),
  );
  assert.deepEqual(illegal, []);
});

for (const fixture of ['not-openapi.yaml', 'not-openapi.json']) {
  test(`${fixture}: a document without exposure markers gets none of the injection's scopes`, async () => {
    const ours = (await tokenize(fixture)).flatMap((l) =>
      l.tokens.filter((t) => OUR_SCOPE.test(t.scopes)).map((t) => `${t.text} (${t.scopes})`),
    );
    assert.deepEqual(ours, []);
  });
}

// lang spellings seen in the wild (Redoc, Stoplight, generators): `import` lands in that language's grammar.
const SPELLINGS = {
  'source.shell': ['Shell', 'sh', 'bash', 'zsh', 'cURL', 'console', 'CLI', 'HTTPie'],
  'source.js': ['JavaScript', 'js', 'Node', 'Node.js', 'nodejs'],
  'source.ts': ['TypeScript', 'ts'],
  'source.python': ['Python', 'python3', 'py'],
  'source.go': ['Go', 'golang'],
  'source.java': ['Java'],
  'source.ruby': ['Ruby', 'rb'],
  'source.cs': ['C#', 'csharp', '.NET'],
};
for (const language of CODE_SAMPLE_LANGUAGES) {
  for (const lang of SPELLINGS[language.scope]) {
    test(`lang: ${lang} embeds ${language.scope}`, async () => {
      const yaml = await tokenize(
        'sample.yaml',
        `paths:\n  /a:\n    get:\n      x-codeSamples:\n        - lang: ${lang}\n          source: |\n            import x\n`,
      );
      assert.ok(
        tokenAt(yaml, 'import x', 'import').scopes.includes(`meta.embedded.block.${language.id} ${language.scope} keyword.control.`),
        JSON.stringify(yaml[6]),
      );
      const json = await tokenize('sample.json', `{ "x-codeSamples": [\n  { "lang": "${lang}",\n    "source": "import x" } ] }`);
      assert.ok(
        tokenAt(json, 'import x', 'import x').scopes.includes(`meta.embedded.string.${language.id}.openapi-exposure`),
        JSON.stringify(json[2]),
      );
    });
  }
}

test('lang values that merely start like a known language are not that language', async () => {
  for (const lang of ['Gopher', 'JavaScriptish', 'Shellfish']) {
    const yaml = await tokenize('sample.yaml', `x-codeSamples:\n  - lang: ${lang}\n    source: |\n      import x\n`);
    assert.equal(tokenAt(yaml, 'import x', 'import').scopes, 'source.yaml meta.embedded.block.openapi-exposure', lang);
  }
});
