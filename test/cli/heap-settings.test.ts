import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const DIST = join(__dirname, '..', '..', 'dist');

/**
 * What the entry point does first (src/cli.ts), in a real Node process: V8's heap settings, then the whole
 * bot loaded, then a poll's worth of short-lived garbage with survivors. Prints the young generation's size.
 */
const SCRIPT = `
const { keepHeapSmall } = require(${JSON.stringify(join(DIST, 'cli', 'keep-heap-small.js'))});
keepHeapSmall();
require(${JSON.stringify(join(DIST, 'cli', 'run-cli.js'))});
const kept = [];
for (let i = 0; i < 3e6; i++) { const o = { title: 'item ' + i, at: [i] }; if (i % 3 === 0) kept.push(o); if (kept.length > 2e5) kept.length = 0; }
const young = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
process.stdout.write(String(young.space_size / 1048576));
`;

async function youngGenerationMb(nodeFlags: string[]): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, [...nodeFlags, '-e', SCRIPT], { env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
  return Number(stdout);
}

describe('the heap settings of the entry point', () => {
  it('keeps the young generation at its initial size when Node was started without a cap (V8 would grow it to 32 MB)', async () => {
    expect(await youngGenerationMb([])).toBeLessThanOrEqual(2);
    // The same load without the settings, to show the test can fail: V8's default growth.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', SCRIPT.replace('keepHeapSmall();', '')], { env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 });
    expect(Number(stdout)).toBeGreaterThan(8);
  });

  it('lets it grow to the cap Node was started with, as npm start and the Docker image start it', async () => {
    const mb = await youngGenerationMb(['--max-semi-space-size=4']);
    expect(mb).toBeGreaterThan(2);
    expect(mb).toBeLessThanOrEqual(8);
  });
});
