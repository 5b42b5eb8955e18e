import type { Row, SuiteResult } from './bench-result';

/** What a benchmark's main function returns; run-child adds the process-level figures. */
export interface SuiteOutput {
  rows: Row[];
  details: Record<string, unknown>;
}

/**
 * Runs one benchmark as the main function of a child process and sends its result to the parent over IPC.
 * Each benchmark gets its own process so its CPU time and peak RSS are its own, not the run's.
 */
export function runChild(suite: string, main: (args: readonly string[]) => Promise<SuiteOutput>): void {
  const started = performance.now();
  main(process.argv.slice(2)).then(
    (output) => {
      const result: SuiteResult = {
        suite,
        ...output,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        durationS: (performance.now() - started) / 1000,
      };
      send({ kind: 'result', result });
    },
    (error: unknown) => {
      send({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exitCode = 1;
    },
  );
}

export type ChildMessage = { kind: 'result'; result: SuiteResult } | { kind: 'error'; message: string };

function send(message: ChildMessage): void {
  if (!process.send) {
    console.log(JSON.stringify(message, null, 2));
    process.exit(process.exitCode ?? 0);
  }
  // Exit once the message is flushed: lingering handles (keep-alive sockets, timers) must not hold the run.
  process.send(message, () => process.exit(process.exitCode ?? 0));
}

/** Progress on stderr, so a long run shows signs of life without mixing into the table. */
export function progress(suite: string, message: string): void {
  process.stderr.write(`[${suite}] ${message}\n`);
}
