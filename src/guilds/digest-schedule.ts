/**
 * When digests are due. All arithmetic is on local wall-clock time read through Intl, so a daily digest at
 * 08:00 Europe/Berlin goes out at 08:00 local on both sides of a DST change (07:00 UTC in winter, 06:00
 * in summer). No timezone library: Node's ICU knows every IANA zone.
 */
export type DigestMode = 'hourly' | 'daily';

export interface DigestSchedule {
  mode: DigestMode;
  /** Local "HH:MM"; daily only. */
  at?: string;
  /** IANA name; default UTC. */
  timeZone?: string;
}

/** Daily digests without `at` go out at this local time. */
export const DEFAULT_DIGEST_AT = '08:00';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** `HH:MM` or `H:MM`, 24-hour clock: `07:30`, `7:30`, `23:59`. Minutes always take two digits. */
export function parseDigestTime(input: string): ParseResult<string> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(input.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    return { ok: false, error: `"${input.trim()}" is not a time of day; write it as HH:MM on a 24-hour clock, e.g. 07:30 or 18:00` };
  }
  return { ok: true, value: `${String(hour).padStart(2, '0')}:${match[2]}` };
}

/** Every IANA zone Node knows, plus UTC (which Intl.supportedValuesOf leaves out). */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

/** The zone's canonical spelling (case-insensitive match), or an error naming what went wrong. */
export function parseTimeZone(input: string): ParseResult<string> {
  const wanted = input.trim().toLowerCase();
  const known = timeZoneNames().find((name) => name.toLowerCase() === wanted);
  if (known) return { ok: true, value: known };
  try {
    // Aliases such as "Asia/Calcutta" are accepted by Intl but not listed.
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: input.trim() }).resolvedOptions().timeZone;
    return { ok: true, value: resolved };
  } catch {
    return { ok: false, error: `"${input.trim()}" is not a time zone I know; pick one from the list, e.g. Europe/Berlin or Asia/Tokyo` };
  }
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function localTime(instant: number, timeZone: string): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0 };
}

/** The zone's offset from UTC at that instant, in ms (seconds ignored: no zone has used them since 1972). */
function offsetMs(instant: number, timeZone: string): number {
  const local = localTime(instant, timeZone);
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant a local wall-clock time happens. In a spring-forward gap (02:30 that never exists) it falls
 * an hour later, after the gap; a fall-back time that happens twice is taken the first time.
 */
export function localToInstant(local: LocalTime, timeZone: string): number {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  if (first === second) return first;
  // Two candidates: the earlier one that reads back as the wanted wall time, else the later (the gap).
  const readsBack = (t: number) => {
    const l = localTime(t, timeZone);
    return l.hour === local.hour && l.minute === local.minute;
  };
  const [early, late] = first < second ? [first, second] : [second, first];
  return readsBack(early) ? early : late;
}

/** The latest due time at or before `now`. */
export function previousDue(schedule: DigestSchedule, now: Date): Date {
  const zone = schedule.timeZone ?? 'UTC';
  const t = now.getTime();
  const local = localTime(t, zone);
  if (schedule.mode === 'hourly') return new Date(Math.floor(t / 60_000) * 60_000 - local.minute * 60_000);
  const [hour, minute] = (schedule.at ?? DEFAULT_DIGEST_AT).split(':').map(Number) as [number, number];
  for (let back = 0; back <= 2; back++) {
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day - back));
    const due = localToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute }, zone);
    if (due <= t) return new Date(due);
  }
  return new Date(t - 86_400_000);
}

/** The first due time strictly after `now`. */
export function nextDue(schedule: DigestSchedule, now: Date): Date {
  const zone = schedule.timeZone ?? 'UTC';
  const t = now.getTime();
  if (schedule.mode === 'hourly') return new Date(previousDue(schedule, now).getTime() + 3_600_000);
  const local = localTime(t, zone);
  const [hour, minute] = (schedule.at ?? DEFAULT_DIGEST_AT).split(':').map(Number) as [number, number];
  for (let ahead = 0; ahead <= 2; ahead++) {
    const day = new Date(Date.UTC(local.year, local.month - 1, local.day + ahead));
    const due = localToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute }, zone);
    if (due > t) return new Date(due);
  }
  return new Date(t + 86_400_000);
}
