// Preloaded (node --require) into a CLI run by cli-launch.test.mjs: records, in order, each worker thread the
// process creates and each bundle of dist/ it loads, and prints them on stderr at exit as one JSON line.
const Module = require('node:module');
const path = require('node:path');
const threads = require('node:worker_threads');

const events = [];
const OriginalWorker = threads.Worker;
threads.Worker = class extends OriginalWorker {
  constructor(script, options) {
    super(script, options);
    events.push({ worker: path.basename(String(script)), warmUp: options?.workerData?.warmUp ?? null });
  }
};
const load = Module._load;
Module._load = function (request) {
  const loaded = load.apply(this, arguments);
  if (/dist[\\/][\w-]+\.js$/.test(request)) events.push({ bundle: path.basename(request) });
  return loaded;
};
process.on('exit', () => process.stderr.write(`\nTRACE ${JSON.stringify(events)}\n`));
