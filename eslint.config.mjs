// `npm run lint`: the layers' import boundaries, reported in the editor and failing `npm test`, and a small set
// of correctness rules (bugs, not style; formatting is not ESLint's job here). test/unit/layers.test.mjs proves
// the same boundaries on resolved paths; these rules say it where the import is written.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** How deep a folder's files can sit below it; each level gets the `../` count that climbs out of the folder. */
const MAX_DEPTH = 5;

/**
 * One config object per depth below `folder` (flat config does not merge a rule's options across objects, so
 * every restriction of a folder is in the same object): relative imports that climb out of the folder into one
 * of `siblings` (or anywhere, with `siblings: '*'`), and `packages` (regexes of bare specifiers).
 */
function boundary(folder, { siblings = [], packages = [], message }) {
  return Array.from({ length: MAX_DEPTH }, (_, i) => {
    const up = `^(\\.\\./){${i + 1}}`;
    const relative = siblings === '*' ? [up] : siblings.map((s) => `${up}${s}(/|$)`);
    return {
      name: `boundary/${folder}/depth-${i + 1}`,
      files: [`${folder}/${'*/'.repeat(i)}*.ts`],
      rules: {
        'no-restricted-imports': ['error', { patterns: [...relative, ...packages].map((regex) => ({ regex, message })) }],
      },
    };
  });
}

const correctness = {
  // Possible bugs (ESLint core).
  'no-async-promise-executor': 'error',
  'no-compare-neg-zero': 'error',
  'no-cond-assign': 'error',
  'no-constant-binary-expression': 'error',
  'no-constant-condition': ['error', { checkLoops: false }],
  'no-debugger': 'error',
  'no-dupe-else-if': 'error',
  'no-dupe-keys': 'error',
  'no-duplicate-case': 'error',
  'no-empty-pattern': 'error',
  'no-fallthrough': 'error',
  'no-import-assign': 'error',
  'no-loss-of-precision': 'error',
  'no-self-assign': 'error',
  'no-self-compare': 'error',
  'no-sparse-arrays': 'error',
  'no-unreachable': 'error',
  'no-unsafe-finally': 'error',
  'no-unsafe-negation': 'error',
  'no-unsafe-optional-chaining': 'error',
  'no-unused-private-class-members': 'error',
  'no-useless-catch': 'error',
  'use-isnan': 'error',
  'valid-typeof': 'error',
};

const typescriptCorrectness = {
  // Dead code hides mistakes; `_`-prefixed names and rest siblings say "unused on purpose".
  '@typescript-eslint/no-unused-vars': [
    'error',
    { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
  ],
  '@typescript-eslint/no-duplicate-enum-values': 'error',
  '@typescript-eslint/no-extra-non-null-assertion': 'error',
  '@typescript-eslint/no-misused-new': 'error',
  '@typescript-eslint/no-non-null-asserted-optional-chain': 'error',
  '@typescript-eslint/no-unsafe-declaration-merging': 'error',
  '@typescript-eslint/prefer-as-const': 'error',
  // A promise nobody awaits loses its rejection (an LSP handler that fails silently, a worker that never
  // answers); `void` marks the few that are fire-and-forget on purpose. These two need the type checker.
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
};

const ENGINE_MESSAGE =
  'server/src/engine/ is transport-free and I/O-free: no editor, LSP, file system, worker or process APIs, nothing outside the engine. ' +
  'Files and network come through the injected EngineHost; Node code lives in server/src/node/.';

export default defineConfig([
  // Fixtures are inputs (rulesets the tests load), not our code; results folders are generated.
  {
    ignores: [
      'dist/**',
      '**/node_modules/**',
      '.cache/**',
      'coverage/**',
      'test/fixtures/**',
      'test/e2e/.results/**',
      'test/bench/.results/**',
    ],
  },
  {
    name: 'sources',
    files: ['client/src/**/*.ts', 'server/src/**/*.ts', 'rulesets/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: fileURLToPath(new URL('.', import.meta.url)) },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: { ...correctness, ...typescriptCorrectness },
  },
  {
    name: 'scripts and tests',
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...correctness,
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  // package.json has no "type": plain .js files are CommonJS, like .cjs.
  { name: 'commonjs', files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },

  // The engine: transport-free and I/O-free.
  ...boundary('server/src/engine', {
    siblings: '*',
    packages: ['^vscode($|-languageserver|-languageclient)', '^(node:)?fs($|/)', '^(node:)?worker_threads$', '^(node:)?child_process$'],
    message: ENGINE_MESSAGE,
  }),
  // Rule packs see the engine only through its rule API.
  ...boundary('rulesets', {
    packages: ['(^|/)server/src/(?!engine/rules-api$)'],
    message: 'rulesets/ imports the engine only through server/src/engine/rules-api.ts.',
  }),
  // The VS Code extension shares only the protocol with the server.
  ...boundary('client/src', {
    packages: ['(^|/)server/(?!src/protocol$)'],
    message: 'client/ imports nothing from the server but server/src/protocol.ts.',
  }),
  // The two front ends, and what they share, stay apart.
  ...boundary('server/src/lsp', {
    siblings: ['cli'],
    message:
      'The language server does not import the CLI: move what both need to a shared place (server/src/report/, server/src/node/, the engine).',
  }),
  ...boundary('server/src/cli', {
    siblings: ['lsp'],
    message:
      'The CLI does not import the language server: move what both need to a shared place (server/src/report/, server/src/node/, the engine).',
  }),
  ...boundary('server/src/report', {
    siblings: ['lsp', 'cli'],
    message: 'server/src/report/ is shared by the CLI and the language server: it imports neither.',
  }),
]);
