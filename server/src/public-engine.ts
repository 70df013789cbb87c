// Public API of the engine as a library (dist/engine.js, `require('api-exposure-lint')`): the
// transport-free engine with its Node host and worker threads, plus the built-in rule packs, installed.
// Tests and team rulesets use it.
import './builtin-rules';

export * from './node';
export * from '../../rulesets/exposure';
