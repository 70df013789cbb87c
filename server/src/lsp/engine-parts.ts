// Entry point of dist/server-engine.js: the parts of the language server that run the engine in its own thread. The
// server lints in worker threads; its thread parses documents only for the reverse $ref index (on the first
// multi-file description it meets) and lints only with the in-process backend (tests). dist/server-main.js is built
// without these (scripts/build.mjs sends its dynamic imports of the modules below here).
// The in-process Linter's own registry of the built-in rules (this bundle has its own copy of the engine).
import '../builtin-rules';

export { Linter } from '../engine/linter';
export { createNodeHost } from '../node/host';
export { referencedFiles } from '../engine/ref-graph';
