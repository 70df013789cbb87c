// A small LSP client for tests: talks JSON-RPC to the real server over in-memory streams (or a
// child process), answers workspace/configuration from settings the test controls, and records
// everything the server pushes so tests can wait for it (event-driven, with a deadline; no sleeps).
import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scratchDirAsync } from '../../shared/scratch.mjs';

const require = createRequire(import.meta.url);
const { createConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');
const { createMessageConnection, StreamMessageReader: ClientReader, StreamMessageWriter: ClientWriter } = require('vscode-jsonrpc/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = path.join(root, 'test/fixtures/lsp');
export const SERVER_BUNDLE = path.join(root, 'dist/server.js');
export const DEFAULT_DEADLINE_MS = 20000;

export const uriOf = (filePath) => pathToFileURL(filePath).href;

/**
 * Clients not yet disposed. If the event loop empties while a test still awaits one of them (node:test then says only
 * "Promise resolution is still pending but the event loop has already resolved"), the request or notification it
 * awaits and what the in-process server holds are written to stderr, so a rare failure explains itself.
 */
const liveClients = new Set();
process.on('beforeExit', () => {
  for (const client of liveClients) {
    if (client.inFlight.size === 0) continue;
    const now = Date.now();
    const pending = [...client.inFlight].map(({ method, since }) => `${method} (${now - since} ms)`).join(', ');
    const counts = client.server ? JSON.stringify(client.server.resourceCounts()) : 'not in process';
    const logs = client.logs.slice(-5).map((l) => l.message.slice(0, 200));
    process.stderr.write(
      `[lsp test client] event loop empty while awaiting: ${pending}; server holds ${counts}; last logs: ${JSON.stringify(logs)}\n`,
    );
  }
});

/** A fresh temp workspace with the LSP fixtures copied in, so tests may edit files freely. */
export async function makeWorkspace() {
  const dir = await scratchDirAsync('ael-lsp-');
  await fs.cp(FIXTURES, dir, { recursive: true });
  return {
    dir,
    file: (relative) => path.join(dir, relative),
    uri: (relative) => uriOf(path.join(dir, relative)),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

export class TestClient {
  constructor(connection, { settings = {}, settingsFor } = {}) {
    this.connection = connection;
    /** Settings returned for every scope unless `settingsFor(uri)` says otherwise. */
    this.settings = settings;
    this.settingsFor = settingsFor;
    this.publishes = [];
    this.messages = [];
    this.statuses = [];
    this.logs = [];
    this.registrations = [];
    this.configurationRequests = [];
    this.versions = new Map();
    this.waiters = new Set();
    /** What the test is awaiting from the server: reported if the event loop empties meanwhile. */
    this.inFlight = new Set();
    liveClients.add(this);

    connection.onNotification('textDocument/publishDiagnostics', (params) => this.record(this.publishes, params));
    connection.onNotification('window/showMessage', (params) => this.record(this.messages, params));
    connection.onNotification('apiExposureLint/status', (params) => this.record(this.statuses, params));
    connection.onNotification('window/logMessage', (params) => this.record(this.logs, params));
    connection.onRequest('workspace/configuration', (params) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (this.settingsFor ? this.settingsFor(item.scopeUri) : undefined) ?? this.settings);
    });
    connection.onRequest('client/registerCapability', (params) => {
      this.record(this.registrations, ...params.registrations);
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  /** Resolves as `promise` does, noting meanwhile that the test awaits `method`. */
  async track(method, promise) {
    const entry = { method, since: Date.now() };
    this.inFlight.add(entry);
    try {
      return await promise;
    } finally {
      this.inFlight.delete(entry);
    }
  }

  record(list, ...items) {
    list.push(...items);
    for (const waiter of [...this.waiters]) waiter();
  }

  /** `folders` (absolute paths) makes a multi-root workspace; by default the one folder `workspaceDir`. */
  async initialize(workspaceDir, { initializationOptions, capabilities, folders = [workspaceDir] } = {}) {
    const result = await this.request('initialize', {
      processId: null,
      rootUri: uriOf(workspaceDir),
      workspaceFolders: folders.map((dir) => ({ uri: uriOf(dir), name: path.basename(dir) })),
      initializationOptions,
      capabilities: capabilities ?? {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          hover: { contentFormat: ['markdown'] },
        },
      },
    });
    await this.notify('initialized', {});
    return result;
  }

  /** Resolves with check()'s first truthy value; rejects after the deadline. Re-checked on every message. */
  waitUntil(check, label, deadlineMs = DEFAULT_DEADLINE_MS) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        let value;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error);
          return;
        }
        if (value) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${deadlineMs} ms waiting for ${label}`));
      }, deadlineMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(attempt);
      };
      this.waiters.add(attempt);
      attempt();
    });
  }

  publishesFor(uri) {
    return this.publishes.filter((p) => p.uri === uri);
  }

  /** The first publish for `uri` (after `afterIndex` in this.publishes) that satisfies the predicate. */
  waitForDiagnostics(uri, predicate = () => true, deadlineMs = DEFAULT_DEADLINE_MS, afterIndex = 0) {
    return this.waitUntil(
      () => this.publishes.slice(afterIndex).find((p) => p.uri === uri && predicate(p)),
      `diagnostics for ${uri}`,
      deadlineMs,
    );
  }

  /** The next publish for uri, ignoring those already received. */
  nextDiagnostics(uri, predicate = () => true, deadlineMs = DEFAULT_DEADLINE_MS) {
    return this.waitForDiagnostics(uri, predicate, deadlineMs, this.publishes.length);
  }

  async open(uri, text, languageId = 'yaml') {
    this.versions.set(uri, { version: 1, text });
    await this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return 1;
  }

  async openFile(filePath, languageId) {
    const text = await fs.readFile(filePath, 'utf8');
    const uri = uriOf(filePath);
    await this.open(uri, text, languageId ?? (filePath.endsWith('.json') ? 'json' : 'yaml'));
    return { uri, text };
  }

  /** Full-text change; returns the new version. */
  async change(uri, text) {
    const version = this.versions.get(uri).version + 1;
    this.versions.set(uri, { version, text });
    await this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  textOf(uri) {
    return this.versions.get(uri).text;
  }

  async close(uri) {
    this.versions.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  async changeSettings(settings) {
    this.settings = settings;
    await this.notify('workspace/didChangeConfiguration', { settings: null });
  }

  async fileChanged(filePath, type = 2) {
    await this.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(filePath), type }] });
  }

  notify(method, params) {
    return this.track(method, this.connection.sendNotification(method, params));
  }

  request(method, params) {
    return this.track(method, this.connection.sendRequest(method, params));
  }

  async shutdown() {
    await this.track('shutdown', this.connection.sendRequest('shutdown'));
  }

  dispose() {
    liveClients.delete(this);
    this.connection.dispose();
  }
}

export function applyTextEdits(text, edits) {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 0, text), edits);
}

/**
 * Starts dist/server.js's startServer in this process over a real JSON-RPC connection on two
 * in-memory streams. The streams are never ended: the node connection exits the process on 'end'.
 */
export function startInMemoryServer({ serverOptions, ...clientOptions } = {}) {
  const { startServer } = require(SERVER_BUNDLE);
  const clientToServer = new PassThrough();
  const serverToClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(clientToServer), new StreamMessageWriter(serverToClient));
  const server = startServer(serverConnection, serverOptions);
  const clientConnection = createMessageConnection(new ClientReader(serverToClient), new ClientWriter(clientToServer));
  const client = new TestClient(clientConnection, clientOptions);
  /** The server's introspection handle (resourceCounts()), in-process only. */
  client.server = server;
  const dispose = client.dispose.bind(client);
  client.dispose = () => {
    dispose();
    serverConnection.dispose();
  };
  return client;
}

/** Everything a test needs: a temp workspace, a started and initialized server, and cleanup. */
export async function setup({ settings = {}, serverOptions, initializationOptions, capabilities, settingsFor, folders } = {}) {
  const workspace = await makeWorkspace();
  const client = startInMemoryServer({ settings, serverOptions, settingsFor });
  await client.initialize(workspace.dir, { initializationOptions, capabilities, folders: folders?.map((f) => workspace.file(f)) });
  return {
    client,
    workspace,
    async teardown() {
      await client.shutdown().catch(() => undefined);
      client.dispose();
      await workspace.remove();
    },
  };
}

export const codesOf = (publish) => publish.diagnostics.map((d) => d.code).sort();
