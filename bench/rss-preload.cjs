// Preloaded into every timed process: on exit, append its peak resident memory (KB) to BENCH_RSS_FILE.
const file = process.env.BENCH_RSS_FILE;
if (file) process.on('exit', () => require('node:fs').appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
