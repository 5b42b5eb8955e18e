import { nextDue, parseDigestTime, parseTimeZone, previousDue } from '../../src/guilds/digest-schedule';

describe('digest times typed in /subscribe', () => {
  test.each([
    ['07:30', '07:30'],
    ['7:30', '07:30'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
    [' 18:05 ', '18:05'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseDigestTime(input)).toEqual({ ok: true, value: expected });
  });

  test.each(['25:00', '24:00', '9:7', '12:60', '1230', '7', 'noon', '', '12:30:00', '-1:00'])('refuses %j with a hint', (input) => {
    const result = parseDigestTime(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/HH:MM/);
  });
});

describe('time zones typed in /subscribe', () => {
  test.each([
    ['Asia/Tokyo', 'Asia/Tokyo'],
    ['europe/berlin', 'Europe/Berlin'],
    ['UTC', 'UTC'],
    ['America/New_York', 'America/New_York'],
  ])('accepts %j as %s', (input, expected) => {
    expect(parseTimeZone(input)).toEqual({ ok: true, value: expected });
  });

  test.each(['Mars/Olympus', 'Tokyo', 'GMT+25', ''])('refuses %j', (input) => {
    expect(parseTimeZone(input).ok).toBe(false);
  });
});

describe('when a digest is due', () => {
  const at = (iso: string) => new Date(iso);
  test.each([
    // [schedule, now, previous due, next due]
    [{ mode: 'hourly' as const }, '2026-03-10T10:20:00Z', '2026-03-10T10:00:00.000Z', '2026-03-10T11:00:00.000Z'],
    [{ mode: 'hourly' as const }, '2026-03-10T11:00:00Z', '2026-03-10T11:00:00.000Z', '2026-03-10T12:00:00.000Z'],
    // India is UTC+5:30: its hours start at half past the UTC hour.
    [{ mode: 'hourly' as const, timeZone: 'Asia/Kolkata' }, '2026-03-10T10:20:00Z', '2026-03-10T09:30:00.000Z', '2026-03-10T10:30:00.000Z'],
    [{ mode: 'daily' as const, at: '08:00' }, '2026-03-10T07:59:00Z', '2026-03-09T08:00:00.000Z', '2026-03-10T08:00:00.000Z'],
    [{ mode: 'daily' as const, at: '09:00', timeZone: 'Asia/Tokyo' }, '2026-03-10T01:00:00Z', '2026-03-10T00:00:00.000Z', '2026-03-11T00:00:00.000Z'],
    // Berlin leaves CET (UTC+1) for CEST (UTC+2) on 29 March 2026: 08:00 local moves from 07:00 to 06:00 UTC.
    [{ mode: 'daily' as const, at: '08:00', timeZone: 'Europe/Berlin' }, '2026-03-28T12:00:00Z', '2026-03-28T07:00:00.000Z', '2026-03-29T06:00:00.000Z'],
    [{ mode: 'daily' as const, at: '08:00', timeZone: 'Europe/Berlin' }, '2026-03-29T06:30:00Z', '2026-03-29T06:00:00.000Z', '2026-03-30T06:00:00.000Z'],
    // New York leaves EDT (UTC-4) for EST (UTC-5) on 1 November 2026.
    [{ mode: 'daily' as const, at: '07:00', timeZone: 'America/New_York' }, '2026-10-31T12:00:00Z', '2026-10-31T11:00:00.000Z', '2026-11-01T12:00:00.000Z'],
    // 02:30 does not exist in Berlin on 29 March 2026: that day's digest goes out just after the gap.
    [{ mode: 'daily' as const, at: '02:30', timeZone: 'Europe/Berlin' }, '2026-03-29T00:00:00Z', '2026-03-28T01:30:00.000Z', '2026-03-29T01:30:00.000Z'],
    // 01:30 happens twice in New York on 1 November 2026: the first one counts.
    [{ mode: 'daily' as const, at: '01:30', timeZone: 'America/New_York' }, '2026-11-01T04:00:00Z', '2026-10-31T05:30:00.000Z', '2026-11-01T05:30:00.000Z'],
  ])('%j at %s: previous %s, next %s', (schedule, now, previous, next) => {
    expect(previousDue(schedule, at(now)).toISOString()).toBe(previous);
    expect(nextDue(schedule, at(now)).toISOString()).toBe(next);
  });
});
