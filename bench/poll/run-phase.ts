import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { PhaseRequest, PhaseResult } from './poll-phase-process';

type PhaseReply = { ok: true; result: PhaseResult } | { ok: false; error: string };

/** Runs one poll phase in a fresh process (see poll-phase-process.ts) and returns what it measured. */
export function runPhase(request: PhaseRequest): Promise<PhaseResult> {
  const child = fork(join(__dirname, 'poll-phase-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let replied = false;
    child.once('message', (reply: PhaseReply) => {
      replied = true;
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.error));
    });
    child.once('exit', (code) => {
      if (!replied) reject(new Error(`poll phase exited with code ${code} without a result`));
    });
    child.send(request);
  });
}
