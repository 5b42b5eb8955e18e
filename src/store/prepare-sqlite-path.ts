import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { UserError } from '../shared/errors';

/** Kernel pseudo-filesystems: `mkdir -p` under /proc spins at full CPU instead of failing. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/**
 * Makes the store's folder and checks that this process can write there, so a wrong path or a folder
 * owned by another user stops start-up with one line naming the path and the fix, not SQLITE_CANTOPEN.
 */
export function prepareSqlitePath(path: string): void {
  const file = resolve(path);
  const folder = dirname(file);
  const system = SYSTEM_FOLDERS.find((root) => folder === root || folder.startsWith(`${root}${sep}`));
  if (system) throw new UserError(`store path ${file} is under ${system}, a system folder: choose a file in a writable folder, e.g. --store sqlite://data/radar.sqlite`);
  makeFolder(folder, file);
  if (!isWritable(folder)) throw new UserError(`store folder ${folder} is not writable by this process (${whoAmI()}): ${ownershipFix(folder)}`);
  if (exists(file) && !isWritable(file)) throw new UserError(`store file ${file} is read-only for this process (${whoAmI()}): ${ownershipFix(file)}`);
}

function makeFolder(folder: string, file: string): void {
  try {
    mkdirSync(folder, { recursive: true });
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new UserError(`store path ${file} is inside a file, not a folder: ${nearestExisting(folder)} exists and is not a folder; choose another store path`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new UserError(`cannot create store folder ${folder} (${code}, ${whoAmI()}): ${ownershipFix(nearestExisting(folder))}`);
    throw new UserError(`cannot create store folder ${folder} (${code ?? 'unknown error'}): choose another store path`);
  }
  if (!statSync(folder).isDirectory()) throw new UserError(`store path ${file} is inside a file, not a folder: choose another store path`);
}

/** The part of the path that exists as a file: `data` in `data/radar.sqlite` when `data` is a file. */
function nearestExisting(folder: string): string {
  let current = folder;
  while (dirname(current) !== current && !exists(current)) current = dirname(current);
  return current;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function whoAmI(): string {
  return process.getuid ? `uid ${process.getuid()}` : 'this user';
}

/** In Docker the usual cause is a bind mount owned by the host user; the container runs as uid 1000. */
function ownershipFix(path: string): string {
  const uid = process.getuid?.();
  const owner = uid === undefined ? 'this user' : `${uid}:${process.getgid?.() ?? uid}`;
  return `make it writable by this user, e.g. \`chown -R ${owner} ${path}\` (in Docker, on the host for a bind-mounted /app/data), or choose another store path`;
}
