import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code when the process ends by itself. */
  exited(): Promise<number | null>;
  /** Sends a signal and resolves with the exit code (SIGKILL to its whole process group if it does not end within 60 s). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const CLI_PATH = join(__dirname, '..', '..', 'dist', 'cli.js');

/** Where and as whom the CLI runs: a temp folder as working directory, another user (when the tests run as root). */
export interface CliProcessOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
}

/**
 * A deadline is only a guard against a hung process, never a speed check: on a busy machine (two cores
 * shared with other jobs) a command that takes 2 s alone can take a minute. No run is given less than this.
 */
export const CLI_DEADLINE_MS = 120_000;

/** Every CLI process a test started and that has not ended yet; the hooks below kill what a test left. */
const running = new Map<ChildProcess, string>();

/** SIGKILLs a child's whole process group (it was spawned detached), so grandchildren die with it. */
function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Kills, after each test, the CLI processes it started and did not stop, also when an assertion threw
 * before the test's own cleanup. Registered by importing this module: every file that can start a CLI has it.
 */
async function killLeftovers(): Promise<void> {
  const left = [...running.entries()];
  if (left.length === 0) return;
  await Promise.all(
    left.map(([child, command]) => {
      process.stderr.write(`run-cli: the test left \`${command}\` (pid ${child.pid}) running; killing it\n`);
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      killGroup(child);
      return closed;
    }),
  );
}
afterEach(killLeftovers);
afterAll(killLeftovers);
// Last resort if the jest worker itself is torn down mid-test: no `radar start` may outlive it.
process.on('exit', () => {
  for (const child of running.keys()) killGroup(child);
});

/** Starts the compiled CLI (`node dist/cli.js …`) as a user would, with a clean environment. */
export function startCli(args: string[], env: Record<string, string> = {}, options: CliProcessOptions = {}): RunningCli {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
    // Its own process group: cleanup can kill the CLI and anything it spawned in one go.
    detached: true,
  });
  running.set(child, `radar ${args.join(' ')}`);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return {
    output: () => ({ stdout, stderr }),
    exited: () => exited,
    async stop(signal = 'SIGTERM') {
      if (signal === 'SIGKILL') killGroup(child);
      else child.kill(signal);
      const timer = setTimeout(() => killGroup(child), 60_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/**
 * Runs a CLI command to completion. `timeoutMs` only guards against a hang (never less than
 * CLI_DEADLINE_MS); on expiry the process group is killed and the error carries what it printed.
 */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = CLI_DEADLINE_MS, options: CliProcessOptions = {}): Promise<CliRun> {
  const deadlineMs = Math.max(timeoutMs, CLI_DEADLINE_MS);
  const started = startCli(args, env, options);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void started.stop('SIGKILL');
      reject(new Error(`radar ${args.join(' ')} did not finish within ${deadlineMs} ms\n${started.output().stderr}`));
    }, deadlineMs);
  });
  try {
    const code = await Promise.race([started.exited(), timedOut]);
    return { code, ...started.output() };
  } finally {
    clearTimeout(timer);
  }
}

/** `--json` output as objects, one per line. */
export function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
