import { spawn } from 'node:child_process';
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
  /** Sends a signal and resolves with the exit code (SIGKILL after 15 s if it does not end). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export const CLI_PATH = join(__dirname, '..', '..', 'dist', 'cli.js');

/** Where and as whom the CLI runs: a temp folder as working directory, another user (when the tests run as root). */
export interface CliProcessOptions {
  cwd?: string;
  uid?: number;
  gid?: number;
}

/** Starts the compiled CLI (`node dist/cli.js …`) as a user would, with a clean environment. */
export function startCli(args: string[], env: Record<string, string> = {}, options: CliProcessOptions = {}): RunningCli {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return {
    output: () => ({ stdout, stderr }),
    exited: () => exited,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Runs a CLI command to completion; fails if it takes longer than `timeoutMs`. */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 20_000, options: CliProcessOptions = {}): Promise<CliRun> {
  const running = startCli(args, env, options);
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void running.stop('SIGKILL');
      reject(new Error(`radar ${args.join(' ')} did not finish within ${timeoutMs} ms\n${running.output().stderr}`));
    }, timeoutMs);
  });
  try {
    const code = await Promise.race([running.exited(), timedOut]);
    return { code, ...running.output() };
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
