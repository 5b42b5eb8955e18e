// Preloaded into a CLI child (NODE_OPTIONS=--require …) by tests that bound its memory: when the process
// exits, its peak resident set size (getrusage maxrss, in KiB) is written to RADAR_TEST_PEAK_RSS_FILE.
// A process that dies of an uncatchable fault (heap out of memory, SIGKILL) writes nothing.
const { writeFileSync } = require('node:fs');

const file = process.env.RADAR_TEST_PEAK_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
