// Public API of the transport-free engine. dist/engine.js is built from this file;
// tests and team ruleset packages use it as a library.
export * from './types';
export * from './host';
export * from './lint-options';
