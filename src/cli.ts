#!/usr/bin/env node
import { keepHeapSmall } from './cli/keep-heap-small';

/**
 * The `radar` entry point (`node dist/cli.js`, the npm bin, the Docker image). V8's heap settings come
 * first, before any other module is loaded: loading the bot alone grows V8's young generation, and once
 * grown it never shrinks (keep-heap-small.ts). Everything else, the commands included, loads after.
 */
if (require.main === module) {
  keepHeapSmall();
  void import('./cli/run-cli.js').then(({ runCli }) => runCli(process.argv.slice(2)));
}
