/** Takes a batch of inputs, answers one output per input, in order. */
type Batched<K, V> = (inputs: K[]) => Promise<V[]>;

interface Waiting<K, V> {
  keys: K[];
  resolve(values: V[]): void;
  reject(error: unknown): void;
}

/**
 * One run for many callers: a call made while another is in flight waits for it, then goes out together
 * with every other call that waited, as one batch. Feeds finish one by one and each asks the store what it
 * has seen, or hands its items over; at most one run is in flight, so a cycle of 10,000 feeds makes a few
 * hundred round trips instead of thousands, and a lone caller is never delayed. Runs never overlap.
 */
export function coalesceCalls<K, V>(lookup: Batched<K, V>): Batched<K, V> {
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
