import { boundKey, storyKeysOf, MAX_PLAIN_KEY_CHARS } from '../../src/stories/story-keys';
import { makeItem } from '../support/builders';

const DAY_MS = 86_400_000;

describe('boundKey', () => {
  test.each([
    ['a short key', 'item:wire:g-1', 'item:wire:g-1'],
    ['a key at the limit', `link:${'x'.repeat(MAX_PLAIN_KEY_CHARS - 5)}`, `link:${'x'.repeat(MAX_PLAIN_KEY_CHARS - 5)}`],
  ])('keeps %s as it is', (_case, key, expected) => {
    expect(boundKey(key)).toBe(expected);
  });

  test.each([
    ['one character over the limit', `link:${'x'.repeat(MAX_PLAIN_KEY_CHARS - 4)}`],
    ['a 2.4 MB guid', `item:wire:${'g'.repeat(2_400_000)}`],
    ['a key cut inside a surrogate pair', `${'x'.repeat(99)}${'🧲'.repeat(400)}`],
  ])('turns %s into a short key, the same every time', (_case, key) => {
    const bounded = boundKey(key);
    expect(bounded.length).toBeLessThanOrEqual(MAX_PLAIN_KEY_CHARS);
    expect(bounded).toMatch(/#sha256:[0-9a-f]{64}$/);
    expect(bounded).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half surrogate pair
    expect(boundKey(`${key}`)).toBe(bounded);
    expect(boundKey(`${key}!`)).not.toBe(bounded);
  });
});

describe('storyKeysOf', () => {
  it('remembers an item with a very long id and link under short keys that match on the next poll', () => {
    const item = makeItem({ id: `urn:wire:${'g'.repeat(2_000)}`, canonicalLink: `https://news.example/${'l'.repeat(2_000)}` });
    const keys = storyKeysOf(item, 30 * DAY_MS);
    expect(keys.map((k) => k.key.length).every((length) => length <= MAX_PLAIN_KEY_CHARS)).toBe(true);
    expect(keys.map((k) => k.key)).toEqual(storyKeysOf({ ...item }, 30 * DAY_MS).map((k) => k.key));
    expect(keys[0]?.key).toMatch(/^item:/);
  });
});
