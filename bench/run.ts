import { execFileSync, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Row, SuiteResult } from './support/bench-result';
import { machineInfo } from './support/machine-info';
import { REPO_ROOT } from './support/paths';
import { formatTable } from './support/print-table';
import type { ChildMessage } from './support/run-child';

/**
 * `npm run bench`: runs each benchmark in its own process (so CPU time and peak RSS are its own), then
 * prints one table and writes bench/results.json (or `--out FILE`). `--only matching,poll` runs some;
 * `--profile` writes a CPU profile per benchmark to bench/profiles/ (open in Chrome DevTools). Every other
 * flag goes to the suites: `--feeds N`, `--store redis`, `--shapes never-304`, `--no-typical` (poll).
 */

const SUITES = [
  { key: 'matching', file: 'matching/matching-bench.js' },
  { key: 'parsing', file: 'parsing/parsing-bench.js' },
  { key: 'poll', file: 'poll/poll-cycle-bench.js' },
  { key: 'delivery', file: 'delivery/delivery-bench.js' },
  { key: 'latency', file: 'latency/latency-bench.js' },
] as const;

const RESULTS_FILE = join(REPO_ROOT, 'bench/results.json');
const PROFILE_DIR = join(REPO_ROOT, 'bench/profiles');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = valueOf(args, '--only')?.split(',');
  const profile = args.includes('--profile');
  const resultsFile = valueOf(args, '--out') ?? RESULTS_FILE;
  const suiteArgs = withoutRunFlags(args);
  const chosen = SUITES.filter((s) => !only || only.includes(s.key));
  if (chosen.length === 0) throw new Error(`--only takes some of: ${SUITES.map((s) => s.key).join(', ')}`);
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });

  const started = Date.now();
  const loadBefore = loadavg();
  // Read before the suites run: a long run may outlast a commit made meanwhile, and the figures belong to this one.
  const commit = gitDescription();
  const results: SuiteResult[] = [];
  const failures: string[] = [];
  for (const suite of chosen) {
    process.stderr.write(`\n== ${suite.key}\n`);
    try {
      const loadBeforeSuite = round(loadavg()[0]);
      const result = await runSuite(suite.file, profile, suiteArgs);
      // Other work on the machine slows every figure: each suite records the load it ran under.
      results.push({ ...result, loadAverage1m: { before: loadBeforeSuite, after: round(loadavg()[0]) } });
    } catch (error: unknown) {
      failures.push(`${suite.key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const rows: Row[] = results.flatMap((r) => r.rows);
  const report = {
    machine: machineInfo(),
    loadAverage1m: { before: round(loadBefore[0]), after: round(loadavg()[0]) },
    commit,
    mallocArenaMax: process.env.MALLOC_ARENA_MAX ?? 'unset (the poll suite gives ours 2, as the Docker image does)',
    startedAt: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    partial: chosen.length < SUITES.length,
    failures,
    rows,
    suites: results,
  };
  writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
  const { cpuModel, cores, node } = report.machine;
  console.log(`\nRare Earth Radar benchmarks — ${cpuModel}, ${cores} cores, Node ${node}, load ${report.loadAverage1m.before} → ${report.loadAverage1m.after}, ${report.durationS} s\n`);
  console.log(formatTable(rows));
  console.log(`\nWritten to ${resultsFile}`);
  if (failures.length > 0) {
    console.error(`\nBenchmarks that failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

function runSuite(file: string, profile: boolean, suiteArgs: readonly string[]): Promise<SuiteResult> {
  const execArgv = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = fork(join(__dirname, file), [...suiteArgs], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let settled = false;
    child.on('message', (message: ChildMessage) => {
      settled = true;
      if (message.kind === 'result') resolve(message.result);
      else reject(new Error(message.message));
    });
    child.on('exit', (code) => {
      if (!settled) reject(new Error(`${file} exited with code ${code} without a result`));
    });
  });
}

/** The arguments meant for the suites: all but run.ts's own `--only X`, `--out F` and `--profile`. */
function withoutRunFlags(args: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--only' || args[i] === '--out') i++;
    else if (args[i] !== '--profile') rest.push(args[i] as string);
  }
  return rest;
}

function valueOf(args: readonly string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The commit measured, with "+changes" when the working tree differs from it. */
function gitDescription(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

function round(value: number | undefined): number {
  return Math.round((value ?? 0) * 100) / 100;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
