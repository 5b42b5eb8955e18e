import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FromFarm, ToFarm } from './farm-protocol';

export interface FeedFarm {
  /** Origin per host index (`http://<hostAddress(i)>:<port>`). */
  readonly origins: readonly string[];
  /** Moves the farm to `cycle`: half the feeds publish new items. Resolves when it serves them. */
  advance(cycle: number): Promise<Extract<FromFarm, { kind: 'cycle-ready' }>>;
  stop(): Promise<void>;
}

/** Forks the feed-farm process and waits until all its servers listen. */
export async function startFeedFarm(): Promise<FeedFarm> {
  const child = fork(join(__dirname, 'feed-farm-process.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage(child, 'ready');
  const send = (message: ToFarm) => child.send(message);
  return {
    origins: ready.origins,
    async advance(cycle) {
      const reply = nextMessage(child, 'cycle-ready');
      send({ kind: 'cycle', cycle });
      return reply;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      send({ kind: 'stop' });
      await exited;
    },
  };
}

function nextMessage<K extends FromFarm['kind']>(child: ChildProcess, kind: K): Promise<Extract<FromFarm, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromFarm) => {
      if (message.kind !== kind) return;
      cleanup();
      resolve(message as Extract<FromFarm, { kind: K }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`feed farm exited (code ${code}) before '${kind}'`));
    };
    const cleanup = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
