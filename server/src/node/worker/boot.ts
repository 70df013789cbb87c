// dist/lint-worker.js, the script every lint and quick-fix worker thread starts with: it loads the worker's bundle
// (dist/lint-worker-main.js, from worker/main.ts) with V8's code cache kept beside it, ~0.1–0.2 s sooner than
// Node's loader would (node/bundle-loader.ts). The worker saves that cache after its first lint (main.ts).
import path from 'node:path';
import { loadBundleForThread } from '../bundle-loader';

loadBundleForThread(path.join(__dirname, 'lint-worker-main.js'));
