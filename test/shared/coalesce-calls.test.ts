import { coalesceCalls } from '../../src/shared/coalesce-calls';

/** A lookup whose answers the test releases, recording the batches it was asked. */
function controlledLookup() {
  const batches: string[][] = [];
  const releases: Array<(fail?: Error) => void> = [];
  const lookup = (keys: string[]) => {
    batches.push(keys);
    return new Promise<string[]>((resolve, reject) => releases.push((fail) => (fail ? reject(fail) : resolve(keys.map((k) => k.toUpperCase())))));
  };
  return { lookup, batches, release: (fail?: Error) => releases.shift()?.(fail) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceCalls', () => {
  it('sends a lone lookup at once', async () => {
    const { lookup, batches, release } = controlledLookup();
    const coalesced = coalesceCalls(lookup);
    const answer = coalesced(['a', 'b']);
    expect(batches).toEqual([['a', 'b']]);
    release();
    await expect(answer).resolves.toEqual(['A', 'B']);
  });

  it('sends the lookups made while one is in flight as one batch, and answers each caller its own keys', async () => {
    const { lookup, batches, release } = controlledLookup();
    const coalesced = coalesceCalls(lookup);
    const first = coalesced(['a']);
    const second = coalesced(['b', 'c']);
    const third = coalesced(['d']);
    expect(batches).toEqual([['a']]);
    release();
    await flush();
    expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    release();
    await expect(Promise.all([first, second, third])).resolves.toEqual([['A'], ['B', 'C'], ['D']]);
  });

  it('fails every caller of a failed batch, and later lookups still go out', async () => {
    const { lookup, batches, release } = controlledLookup();
    const coalesced = coalesceCalls(lookup);
    const first = coalesced(['a']);
    const second = coalesced(['b']);
    release(new Error('store down'));
    await expect(first).rejects.toThrow('store down');
    await flush();
    release(new Error('still down'));
    await expect(second).rejects.toThrow('still down');
    const third = coalesced(['c']);
    expect(batches).toEqual([['a'], ['b'], ['c']]);
    release();
    await expect(third).resolves.toEqual(['C']);
  });
});
