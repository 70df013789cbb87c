// dist/server.js: loads the language server's bundle (dist/server-main.js, from lsp/main.ts) with V8's code cache
// kept beside it, ~0.2 s sooner than Node's loader would (node/bundle-loader.ts), and runs it when it is the
// process's entry point (an editor starting the server); required as a module (tests), it only re-exports.
import path from 'node:path';
import { loadBundle } from '../node/bundle-loader';
import { setProcessV8Flags } from '../node/v8-flags';
import { collectGarbage } from '../node/collect-garbage';

const entryPoint = require.main === module;
// V8 takes a code cache only under the flags it was made with, and the server's cache is made at exit, under the
// flags main() sets: set them before the bundle compiles (main() sets them again for a server started otherwise).
if (entryPoint) setProcessV8Flags();
const loaded = loadBundle(path.join(__dirname, 'server-main.js'), module);
// Reading and compiling left ~20 MB of garbage (the file's bytes, its text before the wrapper) that an idle server,
// allocating nothing, would keep resident: 90 MB idle instead of ~70.
if (entryPoint) collectGarbage();
const server = loaded.exports as typeof import('./main');

export const { startServer, SERVER_ENVIRONMENT } = server;
export type { ServerOptions, ServerHandle, LintBackend, LintCancellation } from './main';

if (entryPoint) {
  // At exit, when the functions a session used are compiled (a no-op when they came from the cache).
  process.once('exit', loaded.saveCodeCache);
  server.main();
}
