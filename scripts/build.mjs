// One esbuild script builds every bundle: the VS Code client, the language server,
// the CLI, the lint worker and the engine library used by tests and team rulesets.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { patchSource } from './patch-source.mjs';
import { lazyAsyncApiSpecs, lazyNodeFetchInRefReaders, lazyNodeFetchInSpectralRuntime } from './lazy-requires.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const production = process.argv.includes('--production');

/**
 * Spectral compiles a new ajv validator for every example it checks; on big specs most of that time goes to
 * ajv's code optimizer (a pass that renames and inlines variables of the generated code; it never changes
 * what the code validates). Its default becomes "off" unless a caller asks for it: the same validators,
 * compiled several times faster. The equivalence tests compare every finding with Spectral's own.
 */
const ajvCompileFast = {
  name: 'ajv-no-default-code-optimize',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]ajv[\\/]dist[\\/]core\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patch = [
        'const optimize = _optz === true || _optz === undefined ? 1 : _optz || 0;',
        'const optimize = _optz === true ? 1 : _optz || 0;',
      ];
      return { contents: patchSource(source, [patch], args.path, 'ajv'), loader: 'js' };
    });
  },
};

/**
 * Spectral's $ref resolver (@stoplight/json-ref-resolver) keeps its references in dependency-graph's DepGraph,
 * whose membership tests scan arrays: adding an edge scans the node's edges, and ordering the nodes scans the
 * result for every node. On a spec where thousands of operations share a component (Microsoft Graph's) both
 * are quadratic. The same edges, in the same order, with a Set beside each array for the membership tests.
 */
const dependencyGraphFast = {
  name: 'dependency-graph-set-membership',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]dependency-graph[\\/]lib[\\/]dep_graph\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patches = [
        [
          'function createDFS(edges, leavesOnly, result, circular) {',
          // A Set mirroring an edge array; rebuilt when the array changed other than through addDependency (removals).
          'var EDGE_SETS = new WeakMap();\nfunction edgeSet(list) {\n  var set = EDGE_SETS.get(list);\n  if (!set || set.size !== list.length) EDGE_SETS.set(list, (set = new Set(list)));\n  return set;\n}\nfunction createDFS(edges, leavesOnly, result, circular) {',
        ],
        [
          '    if (this.outgoingEdges[from].indexOf(to) === -1) {\n      this.outgoingEdges[from].push(to);\n    }\n    if (this.incomingEdges[to].indexOf(from) === -1) {\n      this.incomingEdges[to].push(from);\n    }',
          '    var outgoing = edgeSet(this.outgoingEdges[from]);\n    if (!outgoing.has(to)) {\n      this.outgoingEdges[from].push(to);\n      outgoing.add(to);\n    }\n    var incoming = edgeSet(this.incomingEdges[to]);\n    if (!incoming.has(from)) {\n      this.incomingEdges[to].push(from);\n      incoming.add(from);\n    }',
        ],
        [
          '        keys\n          .filter(function (node) {\n            return result.indexOf(node) === -1;\n          })',
          '        var inResult = new Set(result);\n        keys\n          .filter(function (node) {\n            return !inResult.has(node);\n          })',
        ],
      ];
      return { contents: patchSource(source, patches, args.path, 'dependency-graph'), loader: 'js' };
    });
  },
};

/**
 * When it inlines local $refs, Spectral's resolver (@stoplight/json-ref-resolver) asks its stem graph for the
 * dependencies of a target and decodes each of them into a path once for every place the target is used,
 * though both depend on the target alone (Stripe's spec: ~0.8 s of a 6 s lint). Computed once per target,
 * on the first place, so anything the first call throws is still thrown at the same point. The prefix test of
 * each place against each stem is @stoplight/json's `startsWith` without its slow paths for equal segments
 * (server/src/engine/ref-path-prefix.ts; both are arrays from pointerToPath there).
 */
const refResolverStemsOnce = {
  name: 'json-ref-resolver-stems-once',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@stoplight[\\/]json-ref-resolver[\\/]runner\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const from = `                                for (const dependant of dependants) {
                                    let isCircular;
                                    const dependantPath = (0, json_1.pointerToPath)(dependant);
                                    const dependantStems = crawler.pointerStemGraph.dependenciesOf(pointer);
                                    for (const stem of dependantStems) {
                                        if ((0, json_1.startsWith)(dependantPath, (0, json_1.pointerToPath)(stem))) {`;
      const to = `                                let stemPaths;
                                for (const dependant of dependants) {
                                    let isCircular;
                                    const dependantPath = (0, json_1.pointerToPath)(dependant);
                                    stemPaths = stemPaths || crawler.pointerStemGraph.dependenciesOf(pointer).map((stem) => (0, json_1.pointerToPath)(stem));
                                    for (const stemPath of stemPaths) {
                                        if (pathStartsWith(dependantPath, stemPath)) {`;
      const prefix = JSON.stringify(path.join(root, 'server/src/engine/ref-path-prefix.ts'));
      const header = [
        'const json_1 = require("@stoplight/json");',
        `const json_1 = require("@stoplight/json");\nconst { pathStartsWith } = require(${prefix});`,
      ];
      return { contents: patchSource(source, [[from, to], header], args.path, 'json-ref-resolver'), loader: 'js' };
    });
  },
};

/**
 * Spectral's Ruleset validates every definition it is given, and the first validation in a thread compiles its
 * ruleset schema with ajv (~60 ms of each lint worker's start). The engine marks its built-in definitions, which the
 * tests validate with Spectral's own validator (server/src/engine/ruleset/known-valid.ts); those are not validated
 * again. Any other definition, a user's ruleset and what it adds to a built-in one, is validated as before.
 */
const knownValidRulesets = {
  name: 'spectral-known-valid-rulesets',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@stoplight[\\/]spectral-core[\\/]dist[\\/]ruleset[\\/]ruleset\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const knownValid = "globalThis[Symbol.for('api-exposure-lint/known-valid-rulesets')]?.has(maybeDefinition)";
      const patches = [
        [
          "            (0, index_1.assertValidRuleset)({ extends: [], ...def }, 'js',",
          `            if (!${knownValid}) (0, index_1.assertValidRuleset)({ extends: [], ...def }, 'js',`,
        ],
        [
          "            (0, index_1.assertValidRuleset)(maybeDefinition, 'js',",
          `            if (!${knownValid}) (0, index_1.assertValidRuleset)(maybeDefinition, 'js',`,
        ],
      ];
      return { contents: patchSource(source, patches, args.path, 'spectral-core'), loader: 'js' };
    });
  },
};

/**
 * Spectral writes a ruleset function's name into what users read (`"truthy" function does not accept any options`), but
 * esbuild renames functions whose names collide in the bundle (truthy → truthy2). Each function Spectral's packages give
 * to createRulesetFunction gets its written name back on the function they export, and createRulesetFunction's messages
 * read it from there: the same messages as `spectral lint` (test/unit/engine-rulesets.test.mjs).
 */
const spectralFunctionNames = {
  name: 'spectral-function-names',
  setup(b) {
    const functionFile =
      /[\\/]node_modules[\\/]@stoplight[\\/]spectral-(?:functions[\\/]dist[\\/](?:[^\\/]+|schema[\\/]index)|rulesets[\\/]dist[\\/].+[\\/]functions[\\/][^\\/]+)\.js$/;
    b.onLoad({ filter: functionFile }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      // `exports.default = (0, spectral_core_1.createRulesetFunction)({ …options… }, function truthy(input) {`
      const named = /^exports\.default = \(0, spectral_core_1\.createRulesetFunction\)\([\s\S]*?^\}, function (\w+)\(/m.exec(source);
      if (!named) return undefined; // helpers, indexes, and functions without a name (Spectral says "<unknown>" too)
      const rename = `Object.defineProperty(exports.default, 'name', { value: ${JSON.stringify(named[1])} });`;
      return { contents: `${source}\n${rename}\n`, loader: 'js' };
    });
    b.onLoad({ filter: /[\\/]node_modules[\\/]@stoplight[\\/]spectral-core[\\/]dist[\\/]ruleset[\\/]function\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patches = [
        ['`"${fn.name || \'<unknown>\'}" function does not accept', '`"${wrappedFn.name || \'<unknown>\'}" function does not accept'],
        ['new RulesetFunctionValidationError(fn.name || ', 'new RulesetFunctionValidationError(wrappedFn.name || '],
        ['`"functionOptions" of "${fn.name || ', '`"functionOptions" of "${wrappedFn.name || '],
      ];
      return { contents: patchSource(source, patches, args.path, 'spectral-core'), loader: 'js' };
    });
  },
};

/**
 * Spectral maps every result of a rule run on the resolved tree (local $refs inlined, one object shared by every
 * place that uses it) back to where it is written, then prints its range, message and path, before dropping the
 * duplicates at the end of the run. On bungie.net's spec typed-enum reports 664,521 results that are 2,444
 * findings: nearly the whole lint went to mapping and printing copies. Three changes, same findings:
 * - findAssociatedItemForPath follows the root document's local $refs one segment at a time, from the key met
 *   so far and the segment alone: each step (the segment encoded, the `$ref`s followed) is computed once per
 *   document and looked up afterwards. A path that meets a `$ref` to another file takes Spectral's own loop.
 * - processTargetResults skips a result whose rule, written document, written path, missing property path and
 *   raw message are those of one it already handled in this run: everything it would push is computed from these,
 *   so Spectral's de-duplication would have dropped it (it keeps the first of equal results; this one is later).
 * - before that, it skips a result that repeats one handled below the same shared object, without mapping it: one
 *   mapping per call instead of one per result (server/src/engine/memo/repeated-results.ts says when it maps alike).
 */
const spectralResultsOnce = {
  name: 'spectral-results-mapped-once',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@stoplight[\\/]spectral-core[\\/]dist[\\/]documentInventory\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const patches = [
        [
          'class DocumentInventory {',
          `// The key of refMap a path leads to through local $refs, a step per segment (memoized per refMap); undefined
// when a step meets a $ref to another document (Spectral's own loop handles those).
const LOCAL_REF_STEPS = new WeakMap();
function followLocalRefs(refMap, key) {
    while (key in refMap) {
        const ref = refMap[key];
        if (!(0, json_1.isLocalRef)(ref)) return undefined;
        key = ref;
    }
    return key;
}
function localRefMapKey(refMap, path) {
    let steps = LOCAL_REF_STEPS.get(refMap);
    if (steps === undefined) LOCAL_REF_STEPS.set(refMap, (steps = new Map()));
    let key = followLocalRefs(refMap, '#');
    for (const segment of path) {
        if (key === undefined) return undefined;
        let next = steps.get(key);
        if (next === undefined) steps.set(key, (next = new Map()));
        let to = next.get(segment);
        if (to === undefined) {
            to = followLocalRefs(refMap, key + '/' + String((0, json_1.encodePointerUriFragment)(segment)));
            if (to !== undefined) next.set(segment, to);
        }
        key = to;
    }
    return key;
}
class DocumentInventory {`,
        ],
        [
          `            const adjustedPath = ['#', ...path.map(json_1.encodePointerUriFragment).map(String)];
            let refMapKey = '';
            for (const segment of adjustedPath) {`,
          `            let refMapKey = localRefMapKey(refMap, path);
            if (refMapKey === undefined) {
            const adjustedPath = ['#', ...path.map(json_1.encodePointerUriFragment).map(String)];
            refMapKey = '';
            for (const segment of adjustedPath) {`,
        ],
        [
          `            }
            const closestPath = (0, spectral_runtime_1.getClosestJsonPath)(resolvedDoc.data, this.convertRefMapKeyToPath(refMapKey));`,
          `            }
            }
            const closestPath = (0, spectral_runtime_1.getClosestJsonPath)(resolvedDoc.data, this.convertRefMapKeyToPath(refMapKey));`,
        ],
      ];
      return { contents: patchSource(source, patches, args.path, 'spectral-core'), loader: 'js' };
    });
    b.onLoad({ filter: /[\\/]node_modules[\\/]@stoplight[\\/]spectral-core[\\/]dist[\\/]runner[\\/]lintNode\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const repeated = JSON.stringify(path.join(root, 'server/src/engine/memo/repeated-results.ts'));
      const patches = [
        ['exports.lintNode = void 0;', `exports.lintNode = void 0;\nconst { repeatedResults } = require(${repeated});`],
        ['processTargetResults(context, _fnContext, results)));', 'processTargetResults(context, _fnContext, results, target.value)));'],
        [
          '                processTargetResults(context, fnContext, targetResults);',
          '                processTargetResults(context, fnContext, targetResults, target.value);',
        ],
        [
          'function processTargetResults(context, fnContext, results) {',
          `// The results a run already handled, by context, rule and written document: keys of what a result is made from.
const HANDLED = new WeakMap();
function firstOfItsKind(context, rule, document, path, associatedItem, message) {
    if (typeof message !== 'string') return true;
    let byRule = HANDLED.get(context);
    if (byRule === undefined) HANDLED.set(context, (byRule = new Map()));
    let byDocument = byRule.get(rule);
    if (byDocument === undefined) byRule.set(rule, (byDocument = new Map()));
    let keys = byDocument.get(document);
    if (keys === undefined) byDocument.set(document, (keys = new Set()));
    const missing = associatedItem === null || associatedItem === void 0 ? void 0 : associatedItem.missingPropertyPath;
    const key = JSON.stringify([path, missing === void 0 ? 0 : missing, message]);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
}
function processTargetResults(context, fnContext, results, targetValue) {
    // Repeats of a result already handled below a shared object, skipped before they are mapped (memo/repeated-results.ts).
    const repeats = results.length === 0 ? undefined : repeatedResults(context, fnContext.rule, targetValue, fnContext.path, spectral_runtime_1.decodeSegmentFragment);`,
        ],
        [
          `    for (const result of results) {
        const escapedJsonPath =`,
          `    for (const result of results) {
        if (repeats !== undefined && repeats(result))
            continue;
        const escapedJsonPath =`,
        ],
        [
          `        const document = (_c = associatedItem === null || associatedItem === void 0 ? void 0 : associatedItem.document) !== null && _c !== void 0 ? _c : context.documentInventory.document;
`,
          `        const document = (_c = associatedItem === null || associatedItem === void 0 ? void 0 : associatedItem.document) !== null && _c !== void 0 ? _c : context.documentInventory.document;
        if (!firstOfItsKind(context, rule, document, path, associatedItem, result.message))
            continue;
`,
        ],
      ];
      return { contents: patchSource(source, patches, args.path, 'spectral-core'), loader: 'js' };
    });
  },
};

/**
 * Spectral's schema function compiles one ajv validator per schema object, and `oasExample` passes a fresh copy of
 * the schema on every call: a compile per example checked (2,587 on GitHub's spec, ~3.5 s), most of them for schemas
 * that differ only in their description or example. On a miss, the validator an equal schema compiled earlier on
 * the same ajv instance is reused (server/src/engine/memo/shared-validators.ts says when two are equal), and a plain
 * schema's valid data needs no validator at all (server/src/engine/memo/plain-schema-validator.ts).
 */
const ajvValidatorsByContent = {
  name: 'ajv-validators-by-content',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@stoplight[\\/]spectral-functions[\\/]dist[\\/]schema[\\/]ajv\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const shared = JSON.stringify(path.join(root, 'server/src/engine/memo/shared-validators.ts'));
      const patches = [
        ['exports.createAjvInstances = void 0;', `exports.createAjvInstances = void 0;\nconst { validatorFor } = require(${shared});`],
        [
          'actualCompiledSchemas.set(schema, ajv.compile(schema)).get(schema);',
          'actualCompiledSchemas.set(schema, validatorFor(ajv, schema)).get(schema);',
        ],
      ];
      return { contents: patchSource(source, patches, args.path, 'spectral-functions'), loader: 'js' };
    });
  },
};

/** Dependencies' HTTP client and AsyncAPI schemas, required where used instead of at start-up (scripts/lazy-requires.mjs). */
const lazyRequires = {
  name: 'lazy-requires',
  setup(b) {
    const transforms = [
      [/[\\/]node_modules[\\/]@stoplight[\\/]json-ref-readers[\\/]http\.js$/, lazyNodeFetchInRefReaders],
      [/[\\/]node_modules[\\/]@stoplight[\\/]spectral-runtime[\\/]dist[\\/]fetch\.js$/, lazyNodeFetchInSpectralRuntime],
      [/[\\/]node_modules[\\/]@asyncapi[\\/]specs[\\/]index\.js$/, lazyAsyncApiSpecs],
    ];
    for (const [filter, transform] of transforms) {
      b.onLoad({ filter }, async (args) => ({ contents: transform(await readFile(args.path, 'utf8')), loader: 'js' }));
    }
  },
};

/**
 * The CLI's main thread (dist/cli.js) and the language server's (dist/server-main.js) hand documents to lint workers,
 * where the engine runs; the few parts of each that run the engine in the main thread (the CLI's sub-commands, --fix,
 * SARIF's rule descriptions…; the server's reverse $ref index and in-process backend) are imported dynamically and
 * listed in an `engine-parts.ts`, the entry of a second bundle (dist/cli-engine.js, dist/server-engine.js). In the main
 * bundle each of those dynamic imports becomes a load of that bundle (through the bundle loader, with its code cache):
 * a main thread no longer reads, compiles and holds the ~7 MB engine unless it runs it (docs/benchmarks.md, round 14).
 * test/unit/cli-launch.test.mjs and test/unit/main-threads-light.test.mjs check that it stays out.
 */
const CLI_ENGINE_PARTS = { entry: 'server/src/cli/engine-parts.ts', bundle: 'cli-engine.js' };
const SERVER_ENGINE_PARTS = { entry: 'server/src/lsp/engine-parts.ts', bundle: 'server-engine.js' };

async function engineSplit({ entry, bundle }) {
  const file = path.join(root, entry);
  const specifiers = [...(await readFile(file, 'utf8')).matchAll(/^export \{[^}]*\} from '([^']+)';$/gm)].map((m) => m[1]);
  if (specifiers.length === 0) throw new Error(`${entry} lists no \`export { … } from '…';\`: nothing to split into ${bundle}`);
  const parts = new Set(specifiers.map((specifier) => path.resolve(path.dirname(file), specifier)));
  const loader = JSON.stringify(path.join(root, 'server/src/node/bundle-loader.ts'));
  return {
    name: 'engine-split',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import' || !parts.has(path.resolve(args.resolveDir, args.path))) return undefined;
        return { path: bundle, namespace: 'engine-split' };
      });
      // One load per process, its code cache saved at exit when it had none (as the main bundle's).
      b.onLoad({ filter: /.*/, namespace: 'engine-split' }, () => ({
        contents: `const { loadBundle } = require(${loader});
const bundle = loadBundle(require('node:path').join(__dirname, ${JSON.stringify(bundle)}), module);
process.once('exit', bundle.saveCodeCache);
module.exports = bundle.exports;
`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  // Every thread reads and compiles its bundle, so whitespace is minified: ~10 → ~6.7 MB to read, hold and deserialize per
  // thread (docs/benchmarks.md, round 11). Nothing more, in every build (the VSIX included): minifying syntax drops the
  // names of function expressions and minifying identifiers renames them, and Spectral writes function and class names
  // into what users read (spectralFunctionNames above); esbuild's keepNames costs ~8% of a lint (a call per closure made).
  minifyWhitespace: true,
  // Spectral's dependencies publish ESM under "module"; "main" alone pulls in UMD builds esbuild cannot analyse.
  mainFields: ['module', 'main'],
  external: ['fsevents'],
  // Spectral imports nimma's "legacy" build, whose private fields are emulated with Babel WeakMap helpers
  // (~15% of a big spec's tree walk). It gets nimma's modern build (same version, native private fields)
  // through a subclass whose walk replays the matches below shared objects (server/src/engine/walk/).
  alias: { 'nimma/legacy': './server/src/engine/walk/memo-nimma.ts' },
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
  plugins: [
    ajvCompileFast,
    ajvValidatorsByContent,
    dependencyGraphFast,
    refResolverStemsOnce,
    spectralResultsOnce,
    spectralFunctionNames,
    knownValidRulesets,
    lazyRequires,
  ],
};

/**
 * The bundles only server/src/node/bundle-loader.ts loads come already wrapped as the function a CommonJS module
 * runs in (the loader's CJS_WRAPPER, checked by test/unit/bundle-loader.test.mjs): V8 then compiles the text as read,
 * where wrapping it at load time would copy 10 MB once more (~30–70 ms in a new thread, 10 MB kept per thread).
 */
const CJS_WRAPPER = { banner: { js: '(function (exports, require, module, __filename, __dirname) {' }, footer: { js: '})' } };

const entries = [
  { in: 'client/src/extension.ts', out: 'dist/extension.js', external: ['vscode'] },
  { in: 'server/src/lsp/boot.ts', out: 'dist/server.js' },
  { in: 'server/src/lsp/main.ts', out: 'dist/server-main.js', ...CJS_WRAPPER, plugins: [await engineSplit(SERVER_ENGINE_PARTS)] },
  { in: SERVER_ENGINE_PARTS.entry, out: `dist/${SERVER_ENGINE_PARTS.bundle}`, ...CJS_WRAPPER },
  { in: 'server/src/cli/main.ts', out: 'dist/cli.js', plugins: [await engineSplit(CLI_ENGINE_PARTS)] },
  { in: CLI_ENGINE_PARTS.entry, out: `dist/${CLI_ENGINE_PARTS.bundle}`, ...CJS_WRAPPER },
  { in: 'server/src/cli/launch.ts', out: 'dist/cli-launch.js' },
  { in: 'server/src/node/worker/boot.ts', out: 'dist/lint-worker.js' },
  { in: 'server/src/node/worker/main.ts', out: 'dist/lint-worker-main.js', ...CJS_WRAPPER },
  { in: 'server/src/public-engine.ts', out: 'dist/engine.js' },
  { in: 'server/src/testing/index.ts', out: 'dist/testing.js' },
];

/**
 * esbuild escapes non-ASCII characters in strings but copies comments and regular expression literals as they
 * are, and a few dependencies have some (typographic quotes in comments, « » in a URL regex). One such character
 * makes Node decode the whole ~10 MB bundle as UTF-8 and V8 hold and scan it as a two-byte string: ~100 ms more
 * to read it and ~10 MB more memory in every thread that loads it (docs/benchmarks.md). Escaped as \uXXXX they
 * mean the same in a comment, a string or a regular expression (with or without the u flag, a surrogate pair
 * escaped unit by unit is one code point); only the source map's columns after them on those lines shift.
 */
function escapeNonAscii(file) {
  const text = readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(text)) return;
  writeFileSync(
    file,
    text.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// V8 code caches of the previous bundles (server/src/node/bundle-loader.ts): never valid for new ones (their names
// say so), only taking room. The loader makes new ones on first use.
const distDir = path.join(root, 'dist');
for (const name of existsSync(distDir) ? readdirSync(distDir) : []) {
  if (/\.code-cache(\.[\w-]+\.tmp)?$/.test(name)) rmSync(path.join(distDir, name), { force: true });
}

await Promise.all(
  entries
    .filter((e) => existsSync(path.join(root, e.in)))
    .map(async (e) => {
      await build({
        ...common,
        entryPoints: [e.in],
        outfile: e.out,
        external: [...common.external, ...(e.external ?? [])],
        plugins: [...common.plugins, ...(e.plugins ?? [])],
        banner: e.banner,
        footer: e.footer,
      });
      escapeNonAscii(path.join(root, e.out));
    }),
);

// SARIF's descriptions of the built-in rules, for the CLI's main thread, which never loads the engine
// (server/src/cli/builtin-rules-file.ts): written from the engine bundle just built, so they cannot drift from the
// rule modules (test/unit/cli-launch.test.mjs compares them).
const { loadBundle } = createRequire(import.meta.url)(path.join(distDir, 'cli.js'));
const cliEngine = loadBundle(path.join(distDir, CLI_ENGINE_PARTS.bundle)).exports;
writeFileSync(path.join(distDir, 'builtin-rules.json'), `${JSON.stringify(cliEngine.builtinRuleMetadata(), null, 2)}\n`);
