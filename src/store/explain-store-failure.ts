import { resolve } from 'node:path';
import { errorMessage, UserError } from '../shared/errors';
import { createSecretScrubber } from '../shared/scrub-secrets';

/** How long start-up waits for Redis to accept a first connection before giving up with a message. */
export const STORE_CONNECT_TIMEOUT_MS = 5_000;

const scrub = createSecretScrubber();

/** What SQLite's error codes mean for someone starting the bot, and what to do about it. */
const SQLITE_PROBLEMS: Record<string, string> = {
  SQLITE_CANTOPEN: 'cannot be opened: check that the folder exists and is writable by this user',
  SQLITE_READONLY: 'is read-only: make the file and its folder writable by this user',
  SQLITE_PERM: 'is not accessible: make the file and its folder writable by this user',
  SQLITE_NOTADB: 'is not a SQLite database: point the store at another file',
  SQLITE_CORRUPT: 'is damaged: restore it from a backup or move it aside to start afresh',
  SQLITE_FULL: 'cannot grow: the disk is full',
  SQLITE_IOERR: 'could not be read or written (I/O error): check the disk and the mount',
};

/**
 * Turns a failure to open the store into one line that names the store (password scrubbed) and the fix.
 * Anything unrecognised keeps its own message, still behind the store's name.
 */
export function explainStoreFailure(url: string, error: unknown): Error {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown }).code;
  if (url.startsWith('sqlite://')) {
    const file = resolve(url.slice('sqlite://'.length));
    const problem = typeof code === 'string' ? SQLITE_PROBLEMS[code.split('_').slice(0, 2).join('_')] : undefined;
    return new UserError(`store file ${file} ${problem ?? `could not be opened: ${errorMessage(error)}`}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
  const where = scrub(url);
  if (/not connected|failed to connect|ECONNREFUSED|ENOTFOUND|timeout/i.test(errorMessage(error))) {
    return new UserError(
      `cannot reach Redis at ${where} within ${STORE_CONNECT_TIMEOUT_MS / 1000} s: check that it is running and that --store, RADAR_STORE or the config's store names it`,
    );
  }
  return new UserError(`Redis at ${where} refused to work: ${scrub(errorMessage(error))}`);
}
