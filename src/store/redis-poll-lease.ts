import { randomUUID } from 'node:crypto';
import { createClient } from '@keyv/redis';

/** node-cron 4's RunCoordinator shape (structural, so store/ need not import the scheduler library). */
export interface PollCoordinator {
  shouldRun(key: string, ttlMs: number): Promise<boolean>;
  onComplete(key: string): Promise<void>;
  close(): Promise<void>;
}

const RELEASE_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW_IF_OWNER = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * Elects one instance per scheduled tick across the fleet, with two Redis keys:
 * - the tick's slot key (`SET NX`), so each tick runs at most once whoever sees it;
 * - a running lease, renewed while the poll lasts and released at its end, so a poll slower than the
 *   interval never overlaps the next tick's poll on another instance. If the polling instance dies,
 *   the lease expires (after `leaseMs`) and the next tick is free for any instance.
 */
export async function createRedisPollCoordinator(options: { url: string; leaseMs?: number; prefix?: string }): Promise<PollCoordinator> {
  const client = createClient({ url: options.url });
  client.on('error', () => {}); // reconnects on its own; a failed call below fails closed
  await client.connect();
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  const runningKey = `${options.prefix ?? 'radar'}:poll:running`;
  let renewal: NodeJS.Timeout | undefined;

  return {
    async shouldRun(key, ttlMs) {
      const slot = await client.set(`${options.prefix ?? 'radar'}:poll:slot:${key}`, owner, { NX: true, PX: Math.max(ttlMs, 1000) });
      if (slot !== 'OK') return false;
      const running = await client.set(runningKey, owner, { NX: true, PX: leaseMs });
      if (running !== 'OK') return false;
      renewal = setInterval(() => {
        void client.eval(RENEW_IF_OWNER, { keys: [runningKey], arguments: [owner, String(leaseMs)] }).catch(() => {});
      }, Math.floor(leaseMs / 3));
      renewal.unref();
      return true;
    },
    async onComplete() {
      clearInterval(renewal);
      renewal = undefined;
      await client.eval(RELEASE_IF_OWNER, { keys: [runningKey], arguments: [owner] });
    },
    async close() {
      clearInterval(renewal);
      if (client.isOpen) await client.quit();
    },
  };
}
