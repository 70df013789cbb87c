// Source of syntaxes/openapi-exposure.injection.tmLanguage.json: the code-sample rules are the same for
// every language, so they are generated from CODE_SAMPLE_LANGUAGES instead of copied eight times.
// Run `node syntaxes/generate-injection.mjs` after editing; a unit test fails when the JSON is stale.
// TextMate matches line by line and cannot look back to an earlier line, so every rule that depends on
// context begins on the line that establishes it (`security:`, `- lang: Python`, `"lang": "Go"`) and ends
// when the indentation (YAML) or the bracket (JSON) closes it. See docs/team-rulesets.md → highlighting.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCOPE_NAME = 'openapi-exposure.injection';
const S = '.openapi-exposure';

/** lang values (case-insensitive) → the VS Code grammar and language id of the embedded code. */
export const CODE_SAMPLE_LANGUAGES = [
  { id: 'shellscript', scope: 'source.shell', names: String.raw`shell|sh|bash|zsh|curl|console|cli|httpie?` },
  { id: 'javascript', scope: 'source.js', names: String.raw`javascript|js|node|node\.?js|ecmascript` },
  { id: 'typescript', scope: 'source.ts', names: String.raw`typescript|ts` },
  { id: 'python', scope: 'source.python', names: String.raw`python[23]?|py` },
  { id: 'go', scope: 'source.go', names: String.raw`go|golang` },
  { id: 'java', scope: 'source.java', names: String.raw`java` },
  { id: 'ruby', scope: 'source.ruby', names: String.raw`ruby|rb` },
  { id: 'csharp', scope: 'source.cs', names: String.raw`c#|csharp|cs|\.net|dotnet` },
];

const EXTERNAL = 'external-public|external-partner';
const INTERNAL = 'company-internal|business-unit-internal|component-internal';

/** Scopes of the markers; themes colour them through the standard first segments (keyword, constant, …). */
export const SCOPES = {
  audienceKey: `keyword.other.exposure.audience-key${S}`,
  audienceExternal: `keyword.other.audience.external${S}`,
  audienceInternal: `keyword.other.audience.internal${S}`,
  audienceUnknown: `invalid.illegal.audience.unknown${S}`,
  internalKey: `keyword.other.exposure.internal-key${S}`,
  lintIgnoreKey: `keyword.other.exposure.lint-ignore-key${S}`,
  ruleName: `entity.name.function.rule${S}`,
  codeSamplesKey: `keyword.other.exposure.code-samples-key${S}`,
  language: `constant.other.language${S}`,
  securityKey: `keyword.other.exposure.security-key${S}`,
  scheme: `variable.other.security-scheme${S}`,
  scope: `constant.other.permission-scope${S}`,
  scopeDefinition: `constant.other.permission-scope.definition${S}`,
  anonymous: `keyword.other.security.anonymous${S}`,
  embeddedUnknown: `meta.embedded.block${S}`,
};

// --- shared pieces ---------------------------------------------------------------------------------
const yamlKey = 'entity.name.tag.yaml';
const yamlColon = 'punctuation.separator.key-value.mapping.yaml';
const yamlDash = 'punctuation.definition.block.sequence.item.yaml';
const yamlComment = 'comment.line.number-sign.yaml';
const yamlPlain = 'string.unquoted.plain.out.yaml';
const yamlBlockIndicator = 'keyword.control.flow.block-scalar.literal.yaml';
const jsonKey = 'string.json support.type.property-name.json';
const jsonQuote = 'punctuation.support.type.property-name.json';
const jsonColon = 'punctuation.separator.dictionary.key-value.json';
const jsonComma = 'punctuation.separator.dictionary.pair.json';
const jsonString = 'string.quoted.double.json';
const jsonEscape = { match: String.raw`\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})`, name: 'constant.character.escape.json' };

/** A line that is not blank and not indented deeper than the rule's start: the end of a YAML block. */
const dedent = (deeper) => String.raw`^(?!${deeper})(?=\s*[^\s#])`;
const YAML_LINE_END = String.raw`\s*(#.*)?$`;
const jsonKeyCaptures = (first) => ({ [first]: { name: jsonQuote }, [first + 1]: { name: jsonKey }, [first + 2]: { name: jsonQuote } });
/** `"name": ` with its scopes: three captures for the quotes and name, one for the colon. */
const jsonKeyPattern = (name) => String.raw`(")(${name})(")\s*(:)\s*`;

// --- YAML ------------------------------------------------------------------------------------------
const yamlAudience = {
  comment: 'x-audience: external-public, also inside flow mappings ({ …, x-audience: company-internal })',
  match: String.raw`(?<![\w-])(x-audience|x-api-audience)\s*(:)\s+(["']?)(?:(${EXTERNAL})|(${INTERNAL})|([^\s,}\]#"']+))\3(?=\s*(?:[,}\]]|#|$))`,
  captures: {
    1: { name: `${yamlKey} ${SCOPES.audienceKey}` },
    2: { name: yamlColon },
    4: { name: SCOPES.audienceExternal },
    5: { name: SCOPES.audienceInternal },
    6: { name: SCOPES.audienceUnknown },
  },
};

const yamlInternal = {
  match: String.raw`(?<![\w-])(x-internal)\s*(:)\s+(?:(true)|(false)|([^\s,}\]#]+))(?=\s*(?:[,}\]]|#|$))`,
  captures: {
    1: { name: `${yamlKey} ${SCOPES.internalKey}` },
    2: { name: yamlColon },
    3: { name: `constant.language.boolean.true.yaml ${SCOPES.audienceInternal}` },
    4: { name: 'constant.language.boolean.false.yaml' },
    5: { name: SCOPES.audienceUnknown },
  },
};

const ruleListItems = [
  { match: String.raw`(?<![\w-])(rule|reason)\s*(:)`, captures: { 1: { name: yamlKey }, 2: { name: yamlColon } } },
  { match: String.raw`"[^"]*"|'[^']*'`, name: 'string.quoted.yaml' },
  { match: String.raw`[A-Za-z][\w-]*`, name: SCOPES.ruleName },
  { match: ',', name: 'punctuation.separator.sequence.flow.yaml' },
];

const yamlLintIgnore = {
  comment: 'x-lint-ignore: [rule, { rule: …, reason: … }] on one line',
  match: String.raw`(?<![\w-])(x-lint-ignore)\s*(:)\s*(\[)(.*)(\])`,
  captures: {
    1: { name: `${yamlKey} ${SCOPES.lintIgnoreKey}` },
    2: { name: yamlColon },
    3: { name: 'punctuation.definition.sequence.begin.yaml' },
    4: { patterns: ruleListItems },
    5: { name: 'punctuation.definition.sequence.end.yaml' },
  },
};

const yamlLintIgnoreBlock = {
  comment: 'x-lint-ignore:\\n  - external-oauth2\\n  - rule: external-rate-limit\\n    reason: …',
  begin: String.raw`^(\s*)(?:(-)\s+)?(x-lint-ignore)\s*(:)${YAML_LINE_END}`,
  beginCaptures: { 2: { name: yamlDash }, 3: { name: `${yamlKey} ${SCOPES.lintIgnoreKey}` }, 4: { name: yamlColon }, 5: { name: yamlComment } },
  end: dedent(String.raw`\1\s|\1-(?:\s|$)`),
  patterns: [
    { match: String.raw`^\s*(-)\s+(?=[A-Za-z])`, captures: { 1: { name: yamlDash } } },
    { match: String.raw`(reason)\s*(:)\s*(.*)$`, captures: { 1: { name: yamlKey }, 2: { name: yamlColon }, 3: { name: yamlPlain } } },
    { match: String.raw`#.*$`, name: yamlComment },
    ...ruleListItems,
  ],
};

const yamlScopeList = {
  begin: String.raw`\[`,
  end: String.raw`\]`,
  beginCaptures: { 0: { name: 'punctuation.definition.sequence.begin.yaml' } },
  endCaptures: { 0: { name: 'punctuation.definition.sequence.end.yaml' } },
  patterns: [
    { match: String.raw`[^\s,\[\]'"#]+|"[^"]*"|'[^']*'`, name: SCOPES.scope },
    { match: ',', name: 'punctuation.separator.sequence.flow.yaml' },
  ],
};

const yamlSecurityParts = [
  { match: String.raw`#.*$`, name: yamlComment },
  { match: String.raw`(?:(-)\s*)?(\{\s*\})`, captures: { 1: { name: yamlDash }, 2: { name: SCOPES.anonymous } } },
  {
    comment: 'a scheme name: `- oauth:` / `oauth:` / `{ oauth: [...] }`',
    match: String.raw`(?:(-)\s+)?([^\s:#\[\]{},'"-][^\s:#\[\]{},]*|"[^"]*"|'[^']*')\s*(:)(?=\s|$)`,
    captures: { 1: { name: yamlDash }, 2: { name: `${yamlKey} ${SCOPES.scheme}` }, 3: { name: yamlColon } },
  },
  yamlScopeList,
  {
    comment: 'a scope in a block list below its scheme: `- orders:read`',
    match: String.raw`^\s*(-)\s+(?![^#]*:(?:\s|$))([^\s#{}\[\]][^\s#]*)`,
    captures: { 1: { name: yamlDash }, 2: { name: SCOPES.scope } },
  },
];

const yamlSecurity = {
  comment: 'security: requirements, block or flow, until the next key at the same indentation',
  begin: String.raw`^(\s*)(?:(-)\s+)?(security)\s*(:)(?=\s|$)`,
  beginCaptures: { 2: { name: yamlDash }, 3: { name: `${yamlKey} ${SCOPES.securityKey}` }, 4: { name: yamlColon } },
  end: dedent(String.raw`\1\s|\1-(?:\s|$)`),
  patterns: yamlSecurityParts,
};

const yamlScopeDefinitions = {
  comment: 'scopes: in an OAuth flow; each key is a permission scope',
  begin: String.raw`^(\s*)(scopes)\s*(:)${YAML_LINE_END}`,
  beginCaptures: { 2: { name: yamlKey }, 3: { name: yamlColon }, 4: { name: yamlComment } },
  end: dedent(String.raw`\1\s`),
  patterns: [
    {
      match: String.raw`^\s*([^\s#'"][^\s#]*?|"[^"]*"|'[^']*')\s*(:)(?=\s|$)(.*)$`,
      captures: { 1: { name: `${yamlKey} ${SCOPES.scopeDefinition}` }, 2: { name: yamlColon }, 3: { name: yamlPlain } },
    },
  ],
};

/** Keys and values of a code sample item other than `source` (label, lang of an unknown language, …). */
const yamlItemKeys = {
  patterns: [
    { match: String.raw`^\s*(-)(?=\s)`, captures: { 1: { name: yamlDash } } },
    {
      match: String.raw`(?<=^|\s)(lang)\s*(:)\s+(["']?)([^#"']*?)\3${YAML_LINE_END}`,
      captures: { 1: { name: yamlKey }, 2: { name: yamlColon }, 4: { name: SCOPES.language }, 5: { name: yamlComment } },
    },
    {
      match: String.raw`(?<=^|\s)([^\s#:'"-][^\s#:]*)\s*(:)(?=\s|$)\s*([^#]*?)${YAML_LINE_END}`,
      captures: { 1: { name: yamlKey }, 2: { name: yamlColon }, 3: { name: yamlPlain }, 4: { name: yamlComment } },
    },
  ],
};

const blockIndicator = String.raw`([|>][-+0-9]*)`;

/** `source: |` and its more-indented block; `language` undefined means unknown (generic embedded scope). */
function yamlSourceBlock(language, withDash) {
  const embedded = language ? `meta.embedded.block.${language.id}` : SCOPES.embeddedUnknown;
  const prefix = withDash ? String.raw`^(\s*)(-)(\s+)` : String.raw`^(\s*)()()`;
  // The block holds the lines indented deeper than the `source` key (dash and its spaces count).
  const deeper = withDash ? String.raw`\1\s\3\s` : String.raw`\1\s`;
  return {
    begin: String.raw`${prefix}(source)\s*(:)\s*${blockIndicator}${YAML_LINE_END}`,
    beginCaptures: { 2: { name: yamlDash }, 4: { name: yamlKey }, 5: { name: yamlColon }, 6: { name: yamlBlockIndicator }, 7: { name: yamlComment } },
    end: dedent(deeper),
    contentName: language ? `${embedded} ${language.scope}` : embedded,
    patterns: language ? [{ include: language.scope }] : [],
  };
}

/** `source: curl …` on one line (plain scalar). */
function yamlSourceLine(language) {
  const embedded = language ? `meta.embedded.line.${language.id}` : `meta.embedded.line${S}`;
  return {
    match: String.raw`^(\s*)(?:(-)\s+)?(source)\s*(:)\s+(?![|>])((?:[^#\s]|\s+(?!#))+)${YAML_LINE_END}`,
    captures: {
      2: { name: yamlDash },
      3: { name: yamlKey },
      4: { name: yamlColon },
      5: language ? { name: `${embedded} ${language.scope}`, patterns: [{ include: language.scope }] } : { name: embedded },
      6: { name: yamlComment },
    },
  };
}

const langValue = (language) => String.raw`(["']?)(?i:(${language.names}))\6${YAML_LINE_END}`;

/** An item whose `lang` precedes `source`: `- lang: Python` (dash on the lang line) or `lang: Python` later in the item. */
function yamlLanguageItem(language, withDash) {
  return {
    begin: withDash ? String.raw`^(\s*)(-)(\s+)(lang)\s*(:)\s+${langValue(language)}` : String.raw`^(\s*)()()(lang)\s*(:)\s+${langValue(language)}`,
    beginCaptures: { 2: { name: yamlDash }, 4: { name: yamlKey }, 5: { name: yamlColon }, 6: { name: 'punctuation.definition.string.yaml' }, 7: { name: SCOPES.language }, 8: { name: yamlComment } },
    // With the dash, the item's keys are indented past it; without, they share the lang key's column.
    end: dedent(withDash ? String.raw`\1\s` : String.raw`\1(?!-\s)`),
    patterns: [yamlSourceBlock(language, false), yamlSourceLine(language), { include: '#yaml-item-keys' }],
  };
}

const yamlCodeSamples = {
  comment: 'x-codeSamples: each item’s source is highlighted as the language its lang names, when lang comes first',
  begin: String.raw`^(\s*)(x-codeSamples|x-code-samples)\s*(:)${YAML_LINE_END}`,
  beginCaptures: { 2: { name: `${yamlKey} ${SCOPES.codeSamplesKey}` }, 3: { name: yamlColon }, 4: { name: yamlComment } },
  end: dedent(String.raw`\1\s|\1-(?:\s|$)`),
  patterns: [
    ...CODE_SAMPLE_LANGUAGES.flatMap((language) => [{ include: `#yaml-lang-${language.id}-dash` }, { include: `#yaml-lang-${language.id}` }]),
    yamlSourceBlock(undefined, true),
    yamlSourceBlock(undefined, false),
    yamlSourceLine(undefined),
    { include: '#yaml-item-keys' },
  ],
};

// --- JSON ------------------------------------------------------------------------------------------
const trailingComma = String.raw`(?:\s*(,))?`;

const jsonAudience = {
  match: String.raw`${jsonKeyPattern('x-audience|x-api-audience')}(")(?:(${EXTERNAL})|(${INTERNAL})|([^"]*))(")${trailingComma}`,
  captures: {
    ...jsonKeyCaptures(1),
    2: { name: `${jsonKey} ${SCOPES.audienceKey}` },
    4: { name: jsonColon },
    5: { name: `${jsonString} punctuation.definition.string.begin.json` },
    6: { name: `${jsonString} ${SCOPES.audienceExternal}` },
    7: { name: `${jsonString} ${SCOPES.audienceInternal}` },
    8: { name: `${jsonString} ${SCOPES.audienceUnknown}` },
    9: { name: `${jsonString} punctuation.definition.string.end.json` },
    10: { name: jsonComma },
  },
};

const jsonInternal = {
  match: String.raw`${jsonKeyPattern('x-internal')}(?:(true)|(false))${trailingComma}`,
  captures: {
    ...jsonKeyCaptures(1),
    2: { name: `${jsonKey} ${SCOPES.internalKey}` },
    4: { name: jsonColon },
    5: { name: `constant.language.json ${SCOPES.audienceInternal}` },
    6: { name: 'constant.language.json' },
    7: { name: jsonComma },
  },
};

const jsonStringValue = { begin: '"', end: '"', name: jsonString, beginCaptures: { 0: { name: 'punctuation.definition.string.begin.json' } }, endCaptures: { 0: { name: 'punctuation.definition.string.end.json' } }, patterns: [jsonEscape] };
const jsonAnyKey = { match: String.raw`("(?:[^"\\]|\\.)*")\s*(:)`, captures: { 1: { name: jsonKey }, 2: { name: jsonColon } } };
const jsonPunctuation = [
  { match: ',', name: 'punctuation.separator.array.json' },
  { match: String.raw`\b(?:true|false|null)\b`, name: 'constant.language.json' },
  { match: String.raw`-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?`, name: 'constant.numeric.json' },
];

/** begin `"key": <open>` … end `<close>` plus the comma after it, so the host grammar sees a complete pair. */
function jsonBracketed(key, open, close, keyScope, patterns) {
  return {
    begin: `${jsonKeyPattern(key)}(\\${open})`,
    beginCaptures: { ...jsonKeyCaptures(1), 2: { name: `${jsonKey} ${keyScope}` }, 4: { name: jsonColon }, 5: { name: 'punctuation.definition.begin.json' } },
    end: `(\\${close})${trailingComma}`,
    endCaptures: { 1: { name: 'punctuation.definition.end.json' }, 2: { name: jsonComma } },
    patterns,
  };
}

const jsonLintIgnore = jsonBracketed('x-lint-ignore', '[', ']', SCOPES.lintIgnoreKey, [
  {
    comment: '{ "rule": "…", "reason": "…" }',
    begin: String.raw`\{`,
    end: String.raw`\}`,
    patterns: [
      { match: String.raw`(")(rule)(")\s*(:)\s*(")([^"]*)(")`, captures: { ...jsonKeyCaptures(1), 4: { name: jsonColon }, 5: { name: jsonString }, 6: { name: `${jsonString} ${SCOPES.ruleName}` }, 7: { name: jsonString } } },
      jsonAnyKey,
      jsonStringValue,
      ...jsonPunctuation,
    ],
  },
  { match: String.raw`(")([A-Za-z][\w-]*)(")`, captures: { 1: { name: jsonString }, 2: { name: `${jsonString} ${SCOPES.ruleName}` }, 3: { name: jsonString } } },
  jsonStringValue,
  ...jsonPunctuation,
]);

const jsonScopeArray = {
  begin: String.raw`("(?:[^"\\]|\\.)*")\s*(:)\s*(\[)`,
  beginCaptures: { 1: { name: `${jsonKey} ${SCOPES.scheme}` }, 2: { name: jsonColon }, 3: { name: 'punctuation.definition.array.begin.json' } },
  end: String.raw`\]`,
  endCaptures: { 0: { name: 'punctuation.definition.array.end.json' } },
  patterns: [{ match: String.raw`"(?:[^"\\]|\\.)*"`, name: `${jsonString} ${SCOPES.scope}` }, ...jsonPunctuation],
};

const jsonSecurity = jsonBracketed('security', '[', ']', SCOPES.securityKey, [
  { match: String.raw`\{\s*\}`, name: SCOPES.anonymous },
  { begin: String.raw`\{`, end: String.raw`\}`, patterns: [jsonScopeArray, ...jsonPunctuation] },
  ...jsonPunctuation,
]);

const jsonScopeDefinitions = {
  begin: String.raw`${jsonKeyPattern('scopes')}(\{)`,
  beginCaptures: { ...jsonKeyCaptures(1), 4: { name: jsonColon }, 5: { name: 'punctuation.definition.dictionary.begin.json' } },
  end: String.raw`(\})${trailingComma}`,
  endCaptures: { 1: { name: 'punctuation.definition.dictionary.end.json' }, 2: { name: jsonComma } },
  patterns: [
    { match: String.raw`("(?:[^"\\]|\\.)*")\s*(:)`, captures: { 1: { name: `${jsonKey} ${SCOPES.scopeDefinition}` }, 2: { name: jsonColon } } },
    jsonStringValue,
    ...jsonPunctuation,
  ],
};

/** `"source": "…"`: the JSON string keeps its string scope; its content is marked with the language. */
function jsonSource(language) {
  return {
    begin: String.raw`${jsonKeyPattern('source')}(")`,
    beginCaptures: { ...jsonKeyCaptures(1), 4: { name: jsonColon }, 5: { name: 'punctuation.definition.string.begin.json' } },
    end: String.raw`(")${trailingComma}`,
    endCaptures: { 1: { name: 'punctuation.definition.string.end.json' }, 2: { name: jsonComma } },
    name: jsonString,
    contentName: language ? `meta.embedded.string.${language.id}${S}` : `meta.embedded.string${S}`,
    patterns: [jsonEscape],
  };
}

function jsonLanguageItem(language) {
  return {
    begin: String.raw`${jsonKeyPattern('lang')}(")(?i:(${language.names}))(")${trailingComma}`,
    beginCaptures: { ...jsonKeyCaptures(1), 4: { name: jsonColon }, 5: { name: jsonString }, 6: { name: `${jsonString} ${SCOPES.language}` }, 7: { name: jsonString }, 8: { name: jsonComma } },
    end: String.raw`(?=\})`,
    patterns: [jsonSource(language), jsonAnyKey, jsonStringValue, ...jsonPunctuation],
  };
}

const jsonCodeSamples = jsonBracketed('x-codeSamples|x-code-samples', '[', ']', SCOPES.codeSamplesKey, [
  {
    begin: String.raw`\{`,
    end: String.raw`\}`,
    beginCaptures: { 0: { name: 'punctuation.definition.dictionary.begin.json' } },
    endCaptures: { 0: { name: 'punctuation.definition.dictionary.end.json' } },
    patterns: [
      ...CODE_SAMPLE_LANGUAGES.map((language) => ({ include: `#json-lang-${language.id}` })),
      {
        match: String.raw`${jsonKeyPattern('lang')}(")([^"]*)(")`,
        captures: { ...jsonKeyCaptures(1), 4: { name: jsonColon }, 5: { name: jsonString }, 6: { name: `${jsonString} ${SCOPES.language}` }, 7: { name: jsonString } },
      },
      jsonSource(undefined),
      jsonAnyKey,
      jsonStringValue,
      ...jsonPunctuation,
    ],
  },
  ...jsonPunctuation,
]);

// --- the grammar -----------------------------------------------------------------------------------
export function buildInjectionGrammar() {
  const repository = {
    yaml: { patterns: [{ include: '#yaml-code-samples' }, { include: '#yaml-security' }, { include: '#yaml-scope-definitions' }, { include: '#yaml-lint-ignore-block' }, { include: '#yaml-lint-ignore' }, { include: '#yaml-audience' }, { include: '#yaml-internal' }] },
    'yaml-audience': yamlAudience,
    'yaml-internal': yamlInternal,
    'yaml-lint-ignore': yamlLintIgnore,
    'yaml-lint-ignore-block': yamlLintIgnoreBlock,
    'yaml-security': yamlSecurity,
    'yaml-scope-definitions': yamlScopeDefinitions,
    'yaml-code-samples': yamlCodeSamples,
    'yaml-item-keys': yamlItemKeys,
    json: { patterns: [{ include: '#json-code-samples' }, { include: '#json-security' }, { include: '#json-scope-definitions' }, { include: '#json-lint-ignore' }, { include: '#json-audience' }, { include: '#json-internal' }] },
    'json-audience': jsonAudience,
    'json-internal': jsonInternal,
    'json-lint-ignore': jsonLintIgnore,
    'json-security': jsonSecurity,
    'json-scope-definitions': jsonScopeDefinitions,
    'json-code-samples': jsonCodeSamples,
  };
  for (const language of CODE_SAMPLE_LANGUAGES) {
    repository[`yaml-lang-${language.id}-dash`] = yamlLanguageItem(language, true);
    repository[`yaml-lang-${language.id}`] = yamlLanguageItem(language, false);
    repository[`json-lang-${language.id}`] = jsonLanguageItem(language);
  }
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'OpenAPI exposure markers',
    comment: 'GENERATED by syntaxes/generate-injection.mjs: edit that file, then run `node syntaxes/generate-injection.mjs`.',
    scopeName: SCOPE_NAME,
    // Not in comments, strings (a description mentioning x-audience) or embedded code.
    injectionSelector: 'L:source.yaml -comment -string -meta.embedded, L:source.json -comment -string -meta.embedded',
    patterns: [{ include: '#yaml' }, { include: '#json' }],
    repository,
  };
}

/** contributes.grammars[].embeddedLanguages for package.json: YAML blocks only (JSON strings stay JSON). */
export function embeddedLanguages() {
  return Object.fromEntries(CODE_SAMPLE_LANGUAGES.flatMap((l) => [[`meta.embedded.block.${l.id}`, l.id], [`meta.embedded.line.${l.id}`, l.id]]));
}

export const GRAMMAR_FILE = fileURLToPath(new URL('./openapi-exposure.injection.tmLanguage.json', import.meta.url));
export const render = () => JSON.stringify(buildInjectionGrammar(), null, 2) + '\n';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(GRAMMAR_FILE, render());
  console.log(`wrote ${GRAMMAR_FILE}`);
}
