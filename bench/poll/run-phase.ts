import { fork } from 'node:child_process';
import { join } from 'node:path';
import { shapeEnvironment, type FarmShape } from './farm-plan';
import type { PhaseRequest, PhaseResult } from './poll-phase';
import type { TypicalRequest } from './typical-bot-process';

type PhaseReply = { ok: true; result: PhaseResult } | { ok: false; error: string };

/** Runs one poll phase in a fresh process (see poll-phase-process.ts) and returns what it measured; its feed farm inherits the shape. */
export function runPhase(request: PhaseRequest): Promise<PhaseResult> {
  return runInProcess('poll-phase-process.js', request.shape, request, DOCKER_IMAGE_ENVIRONMENT, START_FLAGS);
}

/**
 * Ours runs as the Docker image starts it: glibc limited to two malloc arenas (Dockerfile). Without it, the
 * threads of libuv, V8 and SQLite each get an arena of their own, and freed memory stays in them: the first
 * poll of 2,000 feeds peaked at 248 MB instead of 222 MB, side by side. MALLOC_ARENA_MAX given to the bench wins.
 */
const DOCKER_IMAGE_ENVIRONMENT = { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' };

/** And with the young generation's cap that `npm start` and the image give Node (src/cli/keep-heap-small.ts). */
const START_FLAGS = ['--max-semi-space-size=4'];

/** The same shape, polled by the typical bot (typical-bot-process.ts) instead of ours. */
export function runTypicalBot(shape: FarmShape, request: TypicalRequest): Promise<PhaseResult> {
  return runInProcess('typical-bot-process.js', shape, request);
}

function runInProcess(file: string, shape: FarmShape, request: PhaseRequest | TypicalRequest, environment: NodeJS.ProcessEnv = {}, nodeFlags: string[] = []): Promise<PhaseResult> {
  const child = fork(join(__dirname, file), [], { env: { ...shapeEnvironment(shape), ...environment }, execArgv: [...process.execArgv, ...nodeFlags], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let replied = false;
    child.once('message', (reply: PhaseReply) => {
      replied = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.error));
    });
    child.once('exit', (code) => {
      if (!replied) reject(new Error(`${file} exited with code ${code} without a result`));
    });
    child.send(request);
  });
}
