// Preloaded (node --require) into a CLI or language server run by cli-launch.test.mjs: records, in order, each worker
// thread the process creates, each bundle of dist/ it loads and each V8 flag it sets, and prints them on stderr at
// exit as one JSON line.
const Module = require('node:module');
const path = require('node:path');
const threads = require('node:worker_threads');
const v8 = require('node:v8');

const events = [];
const OriginalWorker = threads.Worker;
threads.Worker = class extends OriginalWorker {
  constructor(script, options) {
    super(script, options);
    events.push({
      worker: path.basename(String(script)),
      warmUp: options?.workerData?.warmUp ?? null,
      youngGenerationMb: options?.resourceLimits?.maxYoungGenerationSizeMb ?? null,
    });
  }
};
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  events.push({ v8Flags: flags });
  return setFlags(flags);
};
// Bundles loaded by server/src/node/bundle-loader.ts (V8 code cache) are compiled with vm.Script, not Module._load.
const vm = require('node:vm');
const OriginalScript = vm.Script;
vm.Script = class extends OriginalScript {
  constructor(code, options) {
    super(code, options);
    const file = String(options?.filename ?? '');
    if (/dist[\\/][\w-]+\.js$/.test(file))
      events.push({ bundle: path.basename(file), cached: options.cachedData !== undefined && !this.cachedDataRejected });
  }
};
const load = Module._load;
Module._load = function (request) {
  const loaded = load.apply(this, arguments);
  if (/dist[\\/][\w-]+\.js$/.test(request)) events.push({ bundle: path.basename(request) });
  return loaded;
};
process.on('exit', () => process.stderr.write(`\nTRACE ${JSON.stringify(events)}\n`));
