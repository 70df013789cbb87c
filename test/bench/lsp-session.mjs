// The real language server as editors run it (`node dist/server.js --stdio`), driven by the test
// suite's LSP client, plus what the benchmark needs on top: incremental typing, waiting for the
// diagnostics of one exact version, and the process's peak memory.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { SERVER_BUNDLE, TestClient, uriOf } from '../lsp/helpers/client.mjs';

const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
// Launched as the VS Code client launches it.
const { SERVER_ENVIRONMENT } = require(SERVER_BUNDLE);

/** Generous: a multi-megabyte lint on a busy 2-core machine can take minutes. */
const DEADLINE_MS = 600_000;

/** USER_HZ: Linux reports process CPU times in 1/100 s on every common configuration (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Maps a UTF-16 offset to an LSP position (the benchmark's texts are plain ASCII lines). */
export function positionAt(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

export class ServerSession {
  constructor(workspaceDir, settings) {
    this.workspaceDir = workspaceDir;
    this.child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, ...SERVER_ENVIRONMENT, SCARF_ANALYTICS: 'false' },
    });
    this.exited = new Promise((resolve) => this.child.on('exit', resolve));
    this.client = new TestClient(
      createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin)),
      { settings },
    );
    this.documents = new Map();
  }

  static async start(workspaceDir, settings) {
    const session = new ServerSession(workspaceDir, settings);
    await session.client.initialize(workspaceDir);
    return session;
  }

  /** Opens a file and resolves with the ms until its first diagnostics (a cold lint: worker start, ruleset load). */
  async open(filePath, text) {
    const uri = uriOf(filePath);
    this.documents.set(uri, { text, version: 1 });
    const start = performance.now();
    const published = this.diagnosticsFor(uri, 1);
    await this.client.open(uri, text);
    await published;
    return { uri, ms: performance.now() - start };
  }

  /** Resolves when diagnostics for exactly this version of the document arrive. */
  diagnosticsFor(uri, version) {
    return this.client.waitForDiagnostics(uri, (p) => p.version === version, DEADLINE_MS, this.client.publishes.length);
  }

  /** Types `chars` at `offset` as one incremental didChange; returns the new version (not waiting for diagnostics). */
  async type(uri, offset, chars) {
    const document = this.documents.get(uri);
    const position = positionAt(document.text, offset);
    document.text = document.text.slice(0, offset) + chars + document.text.slice(offset);
    document.version += 1;
    await this.client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges: [{ range: { start: position, end: position }, text: chars }],
    });
    return document.version;
  }

  /** Keystroke → diagnostics for that version, in ms. */
  async typeAndWait(uri, offset, chars) {
    const version = this.documents.get(uri).version + 1;
    const published = this.diagnosticsFor(uri, version);
    const start = performance.now();
    await this.type(uri, offset, chars);
    const publish = await published;
    return { ms: performance.now() - start, diagnostics: publish.diagnostics.length };
  }

  /** New settings; the server re-lints open documents, and this waits for those lints so they do not leak into the next figure. */
  async changeSettings(settings) {
    const relinted = [...this.documents.keys()].map((uri) => this.client.nextDiagnostics(uri, () => true, DEADLINE_MS));
    await this.client.changeSettings(settings);
    await Promise.all(relinted);
  }

  async timed(method, params) {
    const start = performance.now();
    const result = await this.client.request(method, params);
    return { ms: performance.now() - start, result };
  }

  latestDiagnostics(uri) {
    return this.client.publishesFor(uri).at(-1)?.diagnostics ?? [];
  }

  /**
   * CPU time the server process (all its threads: main, lint worker, GC) has used so far, in ms.
   * Unlike wall time it hardly changes when other programs compete for the cores.
   */
  cpuMs() {
    // Fields 14 and 15 of /proc/<pid>/stat (after the parenthesised name): utime and stime in clock ticks.
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  }

  /** Peak resident memory of the server process; its lint worker is a thread of the same process. */
  peakMemoryKb() {
    return Number(/VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${this.child.pid}/status`, 'utf8'))?.[1]);
  }

  async stop() {
    try {
      await this.client.shutdown();
      await this.client.connection.sendNotification('exit');
    } catch {
      // Already gone: nothing to shut down.
    }
    const timer = setTimeout(() => this.child.kill(), 10_000);
    await this.exited;
    clearTimeout(timer);
    this.client.dispose();
  }
}
