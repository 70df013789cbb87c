// A tiny test runner for the VS Code extension host (no mocha): tests run one after another, each with
// plain node:assert; run() rejects when any failed, which the extension host turns into exit code 1.
// CommonJS on purpose: every VS Code the extension supports (engines.vscode ^1.91) can load it.
const tests = [];

/** Registers a test; `fn` may be async. */
function test(name, fn) {
  tests.push({ name, fn });
}

function log(line) {
  // The launcher prints the extension host's console; desktop VS Code prints it to the terminal.
  console.log(line);
}

async function runRegisteredTests(suiteName) {
  const started = Date.now();
  const failures = [];
  log(`# ${suiteName}: ${tests.length} tests`);
  for (const { name, fn } of tests) {
    const testStarted = Date.now();
    try {
      await fn();
      log(`ok - ${name} (${Date.now() - testStarted} ms)`);
    } catch (error) {
      failures.push(name);
      log(`not ok - ${name}\n${indent(error instanceof Error ? (error.stack ?? error.message) : String(error))}`);
    }
  }
  log(`# ${suiteName}: ${tests.length - failures.length} passed, ${failures.length} failed (${Date.now() - started} ms)`);
  if (failures.length > 0) throw new Error(`${failures.length} of ${tests.length} tests failed: ${failures.join('; ')}`);
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

module.exports = { test, runRegisteredTests };
