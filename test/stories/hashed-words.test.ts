import { countShared, holds, sortedHashes, wordHash } from '../../src/stories/hashed-words';

const run = (words: string[]) => Float64Array.from(sortedHashes(words));

describe('hashed words', () => {
  it('gives one string one hash, and different words different hashes', () => {
    expect(wordHash('lynas')).toBe(wordHash('lynas'));
    expect(new Set(['lynas', 'iluka', 'name:lynas', 'word:lynas', '', 'a', 'b'].map(wordHash)).size).toBe(7);
  });

  it('keeps each word once, ascending', () => {
    const hashes = sortedHashes(['terbium', 'lynas', 'terbium', 'iluka']);
    expect(hashes).toHaveLength(3);
    expect([...hashes].sort((a, b) => a - b)).toEqual(hashes);
  });

  it.each([
    [['lynas', 'iluka', 'arafura'], 'iluka', true],
    [['lynas', 'iluka', 'arafura'], 'lynas', true],
    [['lynas', 'iluka', 'arafura'], 'arafura', true],
    [['lynas', 'iluka', 'arafura'], 'terbium', false],
    [['lynas'], 'lynas', true],
    [[], 'lynas', false],
  ])('finds in %p the word %p: %p', (words, word, found) => {
    const hashes = run(words);
    expect(holds(hashes, 0, hashes.length, wordHash(word))).toBe(found);
  });

  it('looks only within the run it is given', () => {
    const hashes = run(['lynas', 'iluka', 'arafura', 'terbium']);
    const last = hashes[3]!;
    expect(holds(hashes, 0, 3, last)).toBe(false);
    expect(holds(hashes, 3, 4, last)).toBe(true);
  });

  it.each([
    [['lynas', 'iluka'], ['iluka', 'lynas'], 2],
    [['lynas', 'iluka', 'terbium'], ['iluka', 'dysprosium'], 1],
    [['lynas'], ['iluka'], 0],
    [[], ['iluka'], 0],
    [['a', 'b', 'c', 'd', 'e', 'f'], ['f', 'e', 'x', 'y', 'a'], 3],
  ])('counts the words %p and %p share: %p', (a, b, shared) => {
    const x = run(a);
    const y = run(b);
    expect(countShared(x, 0, x.length, y, 0, y.length)).toBe(shared);
    expect(countShared(y, 0, y.length, x, 0, x.length)).toBe(shared);
  });
});
