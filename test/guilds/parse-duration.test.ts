import { parseDuration } from '../../src/guilds/parse-duration';

describe('parseDuration', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['6h', 6 * 3_600_000],
    ['2d', 2 * 86_400_000],
    ['1w', 7 * 86_400_000],
    ['1d12h', 36 * 3_600_000],
    [' 90 min ', 90 * 60_000],
    ['2D', 2 * 86_400_000],
  ])('reads %p', (input, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, ms });
  });

  it.each([
    ['', 'empty duration'],
    ['soon', 'is not a duration'],
    ['5', 'is not a duration'],
    ['10s', 'is not a duration'],
    ['-2h', 'is not a duration'],
    ['0m', 'at least 1 minute'],
    ['60w', 'at most 1 year'],
  ])('refuses %p', (input, message) => {
    const result = parseDuration(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toContain(message);
  });
});
