// Entry of dist/lint-worker.js: runs the engine off the main thread, so a long or endless lint can be
// stopped (terminate) without taking the language server or the CLI down with it.
import '../../builtin-rules';
import { parentPort, workerData } from 'node:worker_threads';
import { Linter } from '../../engine/linter';
import { createNodeHost } from '../host';
import { abortRuleCallsWhen, observeRuleCalls } from '../../engine/ruleset/guard-functions';
import type { FixRequest, FromWorker, LintText, ToWorker } from './messages';
import { applySplice } from './text-splice';
import { saveCodeCacheNow } from '../bundle-loader';
import { getFixAllEdits, getFixes, listFixes, resolveFix } from '../../engine/fixes';
import { CURRENT_RULE_BYTES, LINT_CLOCK_CPU, LINT_CLOCK_WALL, THREAD_ID } from './messages';
import { currentThreadCpuMs, currentThreadId } from '../thread-cpu';
import type { LintProgress } from '../../engine/linter';
import { DEFAULT_RULESET_NAME, isBuiltinRulesetName } from '../../engine/ruleset/builtin-rulesets';
import { BIG_DOCUMENT_CHARS, type WarmUpHint } from './lint-worker-thread';
import { collectGarbage } from '../collect-garbage';
import type { TrustOptions } from '../../engine/host';
import * as nodePath from 'node:path';

const port = parentPort;
if (!port) throw new Error('lint-worker.js must run in a worker thread');

const post = (message: FromWorker) => port.postMessage(message);
const proxy = workerData.proxy as { url?: string; strictSSL?: boolean } | undefined;
const linter = new Linter(
  createNodeHost(
    {
      info: (message) => post({ type: 'log', level: 'info', message }),
      warn: (message) => post({ type: 'log', level: 'warn', message }),
      error: (message) => post({ type: 'log', level: 'error', message }),
    },
    { proxy: proxy?.url || undefined, proxyStrictSSL: proxy?.strictSSL },
  ),
);

const currentRule = new Uint8Array(workerData.currentRule as SharedArrayBuffer);
const currentRuleStart = new Float64Array(workerData.currentRuleStart as SharedArrayBuffer);
const abort = new Int32Array(workerData.abort as SharedArrayBuffer);
// The owner abandoned the running lint: no more rule calls, so it ends soon and this worker stays warm.
abortRuleCallsWhen(() => Atomics.load(abort, 0) !== 0);
const encoder = new TextEncoder();
// This runs around every rule call (~460,000 on Stripe's spec): each name is encoded once, not per call.
const encodedNames = new Map<string, Uint8Array>();
const encodedName = (rule: string): Uint8Array => {
  let bytes = encodedNames.get(rule);
  if (!bytes) {
    const buffer = new Uint8Array(CURRENT_RULE_BYTES);
    const { written } = encoder.encodeInto(rule, buffer.subarray(0, CURRENT_RULE_BYTES - 1));
    encodedNames.set(rule, (bytes = buffer.slice(0, written + 1))); // with its terminating 0
  }
  return bytes;
};
observeRuleCalls((rule) => {
  if (rule === undefined) {
    currentRule[0] = 0;
    return;
  }
  currentRule.set(encodedName(rule));
  currentRuleStart[0] = Date.now();
});

// When the lint's time budget started counting (0: not counting). Start-up is over once a message arrives;
// loading the ruleset pauses the count (see LINT_CLOCK_BYTES).
const lintClock = new Float64Array(workerData.lintClock as SharedArrayBuffer);
lintClock[THREAD_ID] = currentThreadId() ?? 0;
const cpuNow = (): number => currentThreadCpuMs() ?? -1;

/** Starts (or resumes) the budget's count, as if `spent` (wall, CPU) had already been used. */
function startLintClock(spent = { wall: 0, cpu: 0 }): void {
  const cpu = cpuNow();
  lintClock[LINT_CLOCK_CPU] = cpu < 0 ? -1 : cpu - spent.cpu;
  lintClock[LINT_CLOCK_WALL] = Date.now() - spent.wall;
}

// A thread's first Spectral run of a ruleset pays once for compiling Spectral's code paths and the ruleset's
// schemas (about 0.4 s on an idle machine, seconds on a loaded one), which no lint budget should be charged for.
// For a built-in ruleset (no workspace code), run it once on a tiny document while the count is paused.
const WARM_UP_DOCUMENT =
  "openapi: 3.0.3\ninfo: { title: warm-up, version: '1' }\npaths:\n  /a:\n    get:\n      responses: { '200': { description: ok } }\n";
const warmedUp = new Set<string>();
async function warmUp(ruleset: string, trust: TrustOptions): Promise<void> {
  if (!isBuiltinRulesetName(ruleset) || warmedUp.has(ruleset)) return;
  warmedUp.add(ruleset);
  const filePath = nodePath.resolve('api-exposure-lint-warm-up.yaml');
  await linter.lint({ filePath, text: WARM_UP_DOCUMENT, rulesetFile: ruleset, trust }).catch(() => undefined);
}

/**
 * A full collection, after a big document's lint: its next lint (the next keystroke) then does not pile its
 * allocations on this one's garbage (see BIG_DOCUMENT_CHARS).
 */
function collectAfterBigLint(filePath: string): void {
  const { beforeMb, afterMb, ms } = collectGarbage();
  const message = `Linted ${nodePath.basename(filePath)} (big): heap ${beforeMb} → ${afterMb} MB after a collection (${ms} ms)`;
  post({ type: 'log', level: 'info', message });
}

// A worker started ahead of the CLI (cli/launch.ts) would wait idle while the CLI loads: it warms up the run's
// likely ruleset meanwhile. Requests wait for that warm-up, so two lints never run at once in this thread.
const hint = workerData.warmUp as WarmUpHint | undefined;
const NO_WORKSPACE_CODE: TrustOptions = { trustWorkspaceCode: false, allowRemote: false, allowedRoots: [] };
const earlyWarmUp = hint ? warmUp(hint.ruleset ?? DEFAULT_RULESET_NAME, NO_WORKSPACE_CODE) : Promise.resolve();

function budgetClock(trust: TrustOptions): LintProgress {
  let spentBeforeRulesetLoad = { wall: 0, cpu: 0 };
  return {
    rulesetLoading() {
      const cpu = cpuNow();
      spentBeforeRulesetLoad = {
        wall: Date.now() - lintClock[LINT_CLOCK_WALL],
        cpu: cpu < 0 || lintClock[LINT_CLOCK_CPU] < 0 ? 0 : cpu - lintClock[LINT_CLOCK_CPU],
      };
      lintClock[LINT_CLOCK_WALL] = 0;
    },
    async rulesetLoaded(ruleset) {
      if (ruleset) await warmUp(ruleset, trust);
      currentRule[0] = 0;
      startLintClock(spentBeforeRulesetLoad);
    },
  };
}

function runFixes(request: FixRequest): unknown {
  const options = { format: request.format };
  switch (request.kind) {
    case 'all':
      return getFixes(request.text, request.finding, options);
    case 'list':
      return listFixes(request.text, request.finding, options);
    case 'resolve':
      return resolveFix(request.text, request.finding, request.id, options) ?? null;
    case 'fixAll':
      return getFixAllEdits(request.text, request.findings, options);
  }
}

/** The versions of big documents the owner may send the next version of as a splice (WorkerLinter.textFor). */
const heldTexts = new Map<string, string>();

function lintText(filePath: string, text: LintText): string {
  let whole: string;
  if ('whole' in text) {
    whole = text.whole;
  } else {
    const held = heldTexts.get(filePath);
    if (held === undefined) throw new Error(`Internal error: a change of ${nodePath.basename(filePath)} arrived before its text`);
    whole = applySplice(held, text.splice);
  }
  if (text.hold) heldTexts.set(filePath, whole);
  else heldTexts.delete(filePath);
  return whole;
}

// The handler catches its own errors and answers each request with a result or an error message.
port.on('message', (message: ToWorker) => void onMessage(message));

async function onMessage(message: ToWorker): Promise<void> {
  if (message.type === 'invalidate') {
    linter.invalidate(message.path);
    return;
  }
  if (message.type === 'drop') {
    heldTexts.delete(message.path);
    return;
  }
  if (message.type === 'fixes') {
    try {
      post({ type: 'fixes', id: message.id, result: runFixes(message.request) });
    } catch (error) {
      post({ type: 'error', id: message.id, name: 'Error', message: error instanceof Error ? error.message : String(error) });
    }
    return;
  }
  try {
    // Read before any await: the next message may be the next splice of this document.
    const text = lintText(message.options.filePath, message.text);
    await earlyWarmUp;
    currentRule[0] = 0;
    startLintClock();
    const options = { ...message.options, text, disabledRules: message.disabledRules };
    const result = await linter.lint(options, budgetClock(message.options.trust));
    currentRule[0] = 0;
    // Once, before the first result leaves (a CLI may exit as soon as it has it): most of the bundle is compiled now.
    saveCodeCacheNow();
    post({ type: 'result', id: message.id, result, rulesetDependencies: linter.rulesetDependencies() });
    if (text.length >= BIG_DOCUMENT_CHARS) collectAfterBigLint(message.options.filePath);
  } catch (error) {
    const e = error as { name?: string; message?: string; rulesetFile?: string; detail?: string; stack?: string };
    post({
      type: 'error',
      id: message.id,
      name: e.name ?? 'Error',
      message: e.message ?? String(error),
      rulesetFile: e.rulesetFile,
      detail: e.detail ?? e.stack,
    });
  }
}
