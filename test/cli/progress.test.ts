import { createProgress } from '../../src/cli/progress';

function captured() {
  const writes: string[] = [];
  return { stream: { write: (text: string) => writes.push(text) }, writes };
}

describe('createProgress', () => {
  it('rewrites one line in place with the count of feeds done', () => {
    const { stream, writes } = captured();
    const progress = createProgress({ total: 3, stream, isTTY: true });
    progress.tick('mining-com');
    progress.tick('scmp-lynas');
    expect(writes.map((w) => w.trimEnd())).toEqual(['\rfeeds 1/3 mining-com', '\rfeeds 2/3 scmp-lynas']);
    expect(writes.every((w) => !w.includes('\n'))).toBe(true);
  });

  it('ends the line at the last feed, leaving the final count visible', () => {
    const { stream, writes } = captured();
    const progress = createProgress({ total: 2, stream, isTTY: true });
    progress.tick('mining-com');
    progress.tick('scmp-lynas');
    progress.done();
    expect(writes.at(-1)).toBe(`\r${'feeds 2/2 scmp-lynas'.padEnd(79)}\n`);
  });

  it('clears an unfinished line when done, so the next output starts clean', () => {
    const { stream, writes } = captured();
    const progress = createProgress({ total: 3, stream, isTTY: true });
    progress.tick('mining-com');
    progress.done();
    expect(writes.at(-1)).toMatch(/^\r +\r$/);
  });

  it('writes nothing when stderr is not a terminal', () => {
    const { stream, writes } = captured();
    const progress = createProgress({ total: 5, stream, isTTY: false });
    progress.tick('mining-com');
    progress.done();
    expect(writes).toEqual([]);
  });

  it('writes nothing for an empty poll, and nothing on done without a tick', () => {
    const { stream, writes } = captured();
    createProgress({ total: 0, stream, isTTY: true }).tick('x');
    createProgress({ total: 2, stream, isTTY: true }).done();
    expect(writes).toEqual([]);
  });

  it('never counts past the total and keeps long feed ids within the line', () => {
    const { stream, writes } = captured();
    const progress = createProgress({ total: 2, stream, isTTY: true });
    progress.tick('b'.repeat(200));
    expect(writes.at(-1)).toMatch(/^\rfeeds 1\/2 b+$/);
    expect(writes.at(-1)).toHaveLength(80);
    progress.tick('a');
    progress.tick('c');
    expect(writes).toHaveLength(2);
  });
});
