// Preloaded (node --require) into the CLIs the benchmark runs: writes the process's peak resident memory
// (KB, all threads: Node's own maxRSS) to $BENCH_PEAK_FILE when it exits, so both CLIs are measured alike.
const { writeFileSync } = require('node:fs');

const file = process.env.BENCH_PEAK_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
