type Lookup<K, V> = (keys: K[]) => Promise<V[]>;

interface Waiting<K, V> {
  keys: K[];
  resolve(values: V[]): void;
  reject(error: unknown): void;
}

/**
 * One round trip for many callers: a lookup made while another is in flight waits for it, then goes
 * out together with every other lookup that waited. Feeds finish one by one and each asks the store what
 * it has seen; at most one query is in flight, so a cycle of 10,000 feeds makes a few hundred queries
 * instead of thousands, and a lone caller is never delayed.
 */
export function coalesceLookups<K, V>(lookup: Lookup<K, V>): Lookup<K, V> {
  let waiting: Waiting<K, V>[] = [];
  let running = false;

  async function drain(): Promise<void> {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const values = await lookup(batch.flatMap((w) => w.keys));
        let at = 0;
        for (const w of batch) {
          w.resolve(values.slice(at, at + w.keys.length));
          at += w.keys.length;
        }
      } catch (error: unknown) {
        batch.forEach((w) => w.reject(error));
      }
    }
    running = false;
  }

  return (keys) =>
    new Promise<V[]>((resolve, reject) => {
      waiting.push({ keys, resolve, reject });
      if (!running) void drain();
    });
}
