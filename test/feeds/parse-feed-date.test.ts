import { parseFeedDate } from '../../src/feeds/parse-feed-date';

describe('parseFeedDate', () => {
  test.each([
    ['RFC 822 with a numeric offset', 'Tue, 15 Sep 2026 18:26:02 +0000', '2026-09-15T18:26:02.000Z'],
    ['RFC 822 with +0200', 'Tue, 15 Sep 2026 10:15:00 +0200', '2026-09-15T08:15:00.000Z'],
    ['RFC 822 in GMT', 'Tue, 15 Sep 2026 07:00:00 GMT', '2026-09-15T07:00:00.000Z'],
    ['RFC 822 in EDT', 'Tue, 15 Sep 2026 07:00:00 EDT', '2026-09-15T11:00:00.000Z'],
    ['JST as +09:00', 'Fri, 11 Sep 2026 09:30:00 JST', '2026-09-11T00:30:00.000Z'],
    ['KST as +09:00', 'Fri, 11 Sep 2026 09:30:00 KST', '2026-09-11T00:30:00.000Z'],
    ['CET as +01:00', 'Fri, 11 Sep 2026 09:30:00 CET', '2026-09-11T08:30:00.000Z'],
    ['CEST as +02:00', 'Mon, 14 Sep 2026 07:45:00 CEST', '2026-09-14T05:45:00.000Z'],
    ['AEST as +10:00', 'Mon, 14 Sep 2026 10:00:00 AEST', '2026-09-14T00:00:00.000Z'],
    ['AEDT as +11:00', 'Mon, 14 Dec 2026 11:00:00 AEDT', '2026-12-14T00:00:00.000Z'],
    ['GMT+7', 'Mon, 14 Sep 2026 07:00:00 GMT+0700', '2026-09-14T00:00:00.000Z'],
    ['RFC 822 without a zone, as UTC', 'Mon, 14 Sep 2026 07:00:00', '2026-09-14T07:00:00.000Z'],
    ['ISO 8601 with Z', '2026-09-13T08:00:00Z', '2026-09-13T08:00:00.000Z'],
    ['ISO 8601 with an offset', '2026-09-10T15:00:00+09:00', '2026-09-10T06:00:00.000Z'],
    ['ISO 8601 with fractions', '2026-09-10T15:00:00.250+09:00', '2026-09-10T06:00:00.250Z'],
    ['ISO 8601 date only', '2026-09-11', '2026-09-11T00:00:00.000Z'],
    ['ISO 8601 with a space and no zone, as UTC', '2025-06-10 04:00:00', '2025-06-10T04:00:00.000Z'],
    ['a CJK date with a time', '2026年9月15日 10:30', '2026-09-15T10:30:00.000Z'],
    ['a CJK date alone', '2025年06月10日', '2025-06-10T00:00:00.000Z'],
    ['Unix seconds', '1789460100', '2026-09-15T08:15:00.000Z'],
    ['surrounding whitespace', '  Tue, 15 Sep 2026 18:26:02 +0000\n', '2026-09-15T18:26:02.000Z'],
  ])('reads %s', (_form, input, expected) => {
    expect(parseFeedDate(input)?.toISOString()).toBe(expected);
  });

  test.each([
    ['an empty string', ''],
    ['words', 'not a date'],
    ['CST, which may be China or US Central', 'Thu, 10 Sep 2026 08:00:00 CST'],
    ['IST, which may be India, Ireland or Israel', 'Thu, 10 Sep 2026 08:00:00 IST'],
    ['an epoch-zero placeholder', 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ['an ISO date with a junk zone', '2026-09-10T15:00:00 nowhere'],
    ['an impossible month', '2026-13-45T99:00:00Z'],
  ])('refuses %s', (_form, input) => {
    expect(parseFeedDate(input)).toBeUndefined();
  });
});
