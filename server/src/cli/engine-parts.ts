// Entry point of dist/cli-engine.js: the parts of the CLI that run the engine in its main thread. A plain lint's main
// thread only reads arguments and files, hands the documents to lint workers and writes reports; dist/cli.js is
// built without these (scripts/build.mjs sends its dynamic imports of the modules below here), so it loads in a
// fraction of the time and memory, and the run that needs one of them loads this bundle then.
export { runDiff } from './diff/command';
export { runReport } from './report/command';
export { addRootsOfChangedFragments } from './changed-roots';
export { fixFiles } from './fix-files';
// For the build, which writes dist/builtin-rules.json with it (the CLI reads that file: builtin-rules-file.ts).
export { builtinRuleMetadata } from './rule-metadata';
export { looksLikeFragment } from '../engine/fragments';
