import { cleanFeedText } from '../../../src/discord/format/clean-feed-text';
import { fitMarkedText } from '../../../src/discord/format/fit-marked-text';
import { joinWithin } from '../../../src/discord/format/join-within';

const fit = (raw: string, maxChars: number, spans: [number, number][] = [], maxTextChars?: number): string =>
  fitMarkedText(cleanFeedText(raw, spans.map(([start, end]) => ({ start, end }))), { maxChars, maxTextChars, escape: true, emphasis: true });

describe('fitMarkedText', () => {
  // Every row has all six values: jest passes `done` in place of a missing trailing argument.
  it.each<[string, string, number, [number, number][], string, number]>([
    ['text that fits', 'rare earths', 20, [], 'rare earths', Infinity],
    ['exactly the limit', 'rare earths', 11, [], 'rare earths', Infinity],
    ['at the last space', 'heavy rare earths prices', 20, [], 'heavy rare earths…', Infinity],
    ['mid-word when the last space is too early', 'a dysprosiumterbiumholmium', 12, [], 'a dysprosiu…', Infinity],
    ['never between a backslash and what it escapes', 'a*b*c*d*e*f', 8, [], 'a\\*b\\*c…', Infinity],
    ['outside our bold markers', 'x dysprosium y', 10, [[2, 12]], 'x **dys**…', Infinity],
    ['after a whole bold word when it can', 'price of dysprosium rose sharply', 25, [[9, 19]], 'price of **dysprosium**…', Infinity],
    ['never inside a surrogate pair', '🪨🪨🪨🪨', 6, [], '🪨🪨…', Infinity],
    ['with the clean text capped', 'one two three four five', 100, [], 'one two…', 10],
    ['to nothing but the ellipsis when only it fits', 'dysprosium', 1, [], '…', Infinity],
  ])('cuts %s', (_case, raw, maxChars, spans, expected, maxText) => {
    const result = fit(raw, maxChars, spans, maxText);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(maxChars);
  });

  it('stays within the limit for every limit from 1 to 80 on hostile text', () => {
    const raw = '**a** 🪨 `b` \\c @everyone <@&1> _d_ [e](http://f) dysprosium'.repeat(3);
    for (let maxChars = 1; maxChars <= 80; maxChars++) {
      const result = fit(raw, maxChars, [[57, 67]]);
      expect(result.length).toBeLessThanOrEqual(maxChars);
      expect(result).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});

describe('joinWithin', () => {
  it.each([
    [['a', 'b', 'c'], 20, 'a, b, c'],
    [[], 20, ''],
    [['alpha', 'beta', 'gamma', 'delta'], 14, 'alpha +3 more'],
    [['alpha', 'beta', 'gamma', 'delta'], 20, 'alpha, beta +2 more'],
    [['a-long-piece'], 12, 'a-long-piece'],
    [['a-long-piece', 'b'], 12, '+2 more'],
  ])('joins %j within %i characters', (pieces, maxChars, expected) => {
    const result = joinWithin(pieces, ', ', maxChars);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(maxChars);
  });
});
