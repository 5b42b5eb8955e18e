import { keepHeapSmall } from '../../src/cli/keep-heap-small';
import type { PhaseRequest } from './poll-phase';

/**
 * The process one poll phase runs in. It starts as `npm start` does (src/cli.ts, with the start flags of run-phase.ts): V8's heap settings
 * first, then the bot's modules, so the young generation is sized as in production.
 */
process.once('message', (request: PhaseRequest) => {
  keepHeapSmall();
  import('./poll-phase.js').then(({ pollPhase }) => pollPhase(request)).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
});
