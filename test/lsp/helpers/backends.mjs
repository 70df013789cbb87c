// LintBackends for tests: the real engine, optionally held at a gate the test opens, so a lint can
// be kept "running" while the test edits the document or asks for hovers and code actions.
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';

const require = createRequire(import.meta.url);
const { Linter } = require('../../../dist/engine.js');

/** A minimal Node host for the engine (the server's own is inside its bundle). */
export const nodeHost = {
  fs: {
    readFile: (p) => fs.readFile(p, 'utf8'),
    exists: (p) =>
      fs.access(p).then(
        () => true,
        () => false,
      ),
    mtime: (p) =>
      fs.stat(p).then(
        (s) => s.mtimeMs,
        () => undefined,
      ),
    realPath: (p) => fs.realpath(p),
    fileInfo: (p) =>
      fs.stat(p).then(
        (s) => ({ isFile: s.isFile(), size: s.size }),
        () => undefined,
      ),
  },
  log: { info() {}, warn() {}, error() {} },
};

/** Every lint waits until the test calls release(); records what was asked and whether it was cancelled. */
export function gatedBackend() {
  const linter = new Linter(nodeHost);
  const calls = [];
  let waiting = [];
  return {
    calls,
    /** Number of lints currently held at the gate. */
    get held() {
      return waiting.length;
    },
    release() {
      const released = waiting;
      waiting = [];
      for (const open of released) open();
    },
    async lint(options, token) {
      const call = { text: options.text, token, done: false };
      calls.push(call);
      await new Promise((resolve) => waiting.push(resolve));
      const result = await linter.lint(options);
      call.done = true;
      return result;
    },
    invalidate: (p) => linter.invalidate(p),
    rulesetFor: (options) => linter.rulesetFor(options),
    rulesetDependencies: () => linter.rulesetDependencies(),
  };
}
