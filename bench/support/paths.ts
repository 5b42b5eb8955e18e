import { resolve } from 'node:path';

/** The repository root: compiled benchmarks live in dist/bench/bench/<folder>/. */
export const REPO_ROOT = resolve(__dirname, '../../../..');
