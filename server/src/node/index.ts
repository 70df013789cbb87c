// The engine as Node runs it: everything server/src/engine/ exports (transport-free, I/O through an injected
// EngineHost), plus the Node host (disk, network through the user's proxy) and the worker threads that make a
// lint stoppable. The CLI, the language server, the testing helper and dist/engine.js import this; the engine
// itself never imports anything in this folder.
export * from '../engine';
export { createNodeHost } from './host';
export type { NodeHostOptions } from './host';
export { WorkerLinter, LintCancelledError } from './worker/worker-linter';
export type { WorkerLinterOptions, LintCancellationToken } from './worker/worker-linter';
export { FixWorker } from './worker/fix-worker';
