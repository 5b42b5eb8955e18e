/** Where progress goes: stderr in practice, a fake stream in tests. */
export interface ProgressStream {
  write(text: string): unknown;
}

export interface Progress {
  /** One feed finished (fetched, not modified or failed). */
  tick(feedId: string): void;
  /** Clears an unfinished line (an aborted poll), so whatever follows starts on a clean one. */
  done(): void;
}

const NO_PROGRESS: Progress = { tick: () => {}, done: () => {} };
/** Enough room for "feeds 123/456 google-heavy-rare-earths" on an 80-column terminal. */
const LINE_WIDTH = 79;

/**
 * "feeds 12/40 mining-com" rewritten in place with `\r` while `once` polls. Only for a person at a
 * terminal: when stderr is piped or logged (`isTTY` false), nothing at all is written, and it never
 * touches stdout, which carries the command's output (and `--json`).
 */
export function createProgress(options: { total: number; stream: ProgressStream; isTTY: boolean }): Progress {
  if (!options.isTTY || options.total <= 0) return NO_PROGRESS;
  let count = 0;
  let shown = false;
  return {
    tick(feedId) {
      if (count === options.total) return;
      count += 1;
      const line = `feeds ${count}/${options.total} ${feedId}`.slice(0, LINE_WIDTH);
      // Padding overwrites a longer previous line. The last feed ends the line: the final count stays
      // visible and the cycle's log lines start below it.
      const last = count === options.total;
      options.stream.write(`\r${line.padEnd(LINE_WIDTH)}${last ? '\n' : ''}`);
      shown = !last;
    },
    done() {
      if (shown) options.stream.write(`\r${' '.repeat(LINE_WIDTH)}\r`);
      shown = false;
    },
  };
}
