import { wallTimeToUtc } from './feed-date-zone';

/** Real dates are under 60 characters; a longer text is not read at all, so a hostile one costs nothing. */
const MAX_DATE_CHARS = 200;
/** Before the web had feeds: epoch-0 and similar placeholder dates. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);

/** A date as written: calendar and clock fields, and the zone text ("" when none). */
interface WrittenDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  zone: string;
}

const ISO_DATE =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})(?:[T ](?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:[.,](?<fraction>\d+))?)?)?\s*(?<zone>.*)$/i;
const CJK_DATE =
  /^(?<year>\d{4})年(?<month>\d{1,2})月(?<day>\d{1,2})日\s*(?:(?<hour>\d{1,2})[:時时](?<minute>\d{1,2})(?:[:分](?<second>\d{1,2})秒?|分)?)?\s*(?<zone>.*)$/;

/**
 * Tolerant but strict feed date parser: RFC 822/2822 and its common variants (see readWrittenDate),
 * W3C/ISO 8601 (seconds and fractions optional, date only), CJK `2026年9月15日 10:00`, and Unix seconds.
 * Dates without a zone are read as UTC, never in the host's zone, so results do not depend on where the
 * bot runs. Undefined — never a guess — when the text is unreadable, names an impossible date or time
 * (30 February, hour 25), has words it does not know, or names an unknown or ambiguous zone.
 */
export function parseFeedDate(text: string): Date | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_DATE_CHARS) return undefined;
  const value = trimmed.replace(/\s+/g, ' ');
  const ms = /^\d{9,10}$/.test(value) ? Number(value) * 1000 : toUtcMs(readDate(value));
  if (ms === undefined || Number.isNaN(ms) || ms < EARLIEST_PLAUSIBLE_MS) return undefined;
  return new Date(ms);
}

function readDate(value: string): WrittenDate | undefined {
  const groups = (ISO_DATE.exec(value) ?? CJK_DATE.exec(value))?.groups;
  if (groups === undefined) return readWrittenDate(value);
  const number = (name: string) => Number(groups[name] ?? 0);
  return {
    year: number('year'), month: number('month'), day: number('day'),
    hour: number('hour'), minute: number('minute'), second: number('second'),
    millisecond: millisecondsOf(groups.fraction),
    zone: (groups.zone ?? '').trim(),
  };
}

/** `.25` → 250: digits past milliseconds are dropped. */
function millisecondsOf(fraction: string | undefined): number {
  return Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** Full names, three-letter abbreviations, and `Sept`. */
const MONTH_NAMES = new Map<string, number>([...MONTHS.flatMap((name, i): [string, number][] => [[name, i + 1], [name.slice(0, 3), i + 1]]), ['sept', 9]]);
const WEEKDAYS = new Set(['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
/** Words some feeds put between the date and the time (`September 15, 2026 at 10:00`). */
const FILLERS = new Set(['at']);
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s?([ap])\.?m\.?)?$/i;
const DAY_MONTH_YEAR = /^(\d{1,2})-([a-z]+)-(\d{2,4})$/i;

/**
 * RFC 822/2822 and the variants feeds write: any case, a weekday or not (one that disagrees with the
 * date is ignored: the date is what the publisher typed), month before or after the day
 * (`Sep 15 2026`, asctime's `Tue Sep 15 10:00:00 2026`), `15-Sep-2026`, two-digit years (RFC 2822
 * §4.3: 00–49 → 20xx), no seconds, `10:00 PM`, a zone only after the time, `(comments)`. Every word
 * must be known, so `Sun, Dec x 2012` is no date rather than 1 December.
 */
function readWrittenDate(value: string): WrittenDate | undefined {
  const withoutComments = value.includes('(') ? value.replace(/\([^()]*\)/g, ' ') : value;
  const tokens: string[] = [];
  for (const word of withoutComments.replace(/(\d)\s+([ap]\.?m\b\.?)/gi, '$1$2').split(/[\s,]+/)) {
    const parts = word.includes('-') ? DAY_MONTH_YEAR.exec(word) : null;
    if (parts) tokens.push(parts[1] ?? '', parts[2] ?? '', parts[3] ?? '');
    else if (word !== '') tokens.push(word);
  }
  const numbers: string[] = [];
  let month: number | undefined;
  let time: RegExpExecArray | undefined;
  const zone: string[] = [];
  for (const token of tokens) {
    const name = token.toLowerCase().replace(/\.$/, '');
    const clock = TIME.exec(token);
    if (time !== undefined && !clock) zone.push(token);
    else if (/^\d{1,4}$/.test(token)) numbers.push(token);
    else if (MONTH_NAMES.has(name) && month === undefined) month = MONTH_NAMES.get(name);
    else if (clock && time === undefined) time = clock;
    else if (!WEEKDAYS.has(name) && !FILLERS.has(name)) return undefined;
  }
  return assemble(numbers, month, time, zone);
}

/**
 * Puts the parts in place. asctime's year follows the time (and maybe a zone); `GMT +0800` is one zone,
 * and in `+0800 CST` the offset says which CST is meant.
 */
function assemble(numbers: string[], month: number | undefined, time: RegExpExecArray | undefined, zone: string[]): WrittenDate | undefined {
  const trailingYear = zone.length > 0 && /^\d{4}$/.test(zone[zone.length - 1] ?? '') ? zone.pop() : undefined;
  if (trailingYear !== undefined) numbers.push(trailingYear);
  const dayAndYear = readDayAndYear(numbers);
  if (month === undefined || dayAndYear === undefined || zone.length > 2) return undefined;
  const meridiem = time?.[5];
  const hour = Number(time?.[1] ?? 0);
  const offset = zone[0] ?? '';
  return {
    year: dayAndYear.year, month, day: dayAndYear.day,
    hour: meridiem === undefined ? hour : toHour24(hour, meridiem.toLowerCase()),
    minute: Number(time?.[2] ?? 0), second: Number(time?.[3] ?? 0), millisecond: millisecondsOf(time?.[4]),
    zone: zone.length === 2 && /^[+-]\d/.test(offset) ? offset : zone.join(''),
  };
}

/** Two numbers: a four-digit one is the year; else the first is the day (`15 Sep 26`, `Sep 15 26`). */
function readDayAndYear(numbers: readonly string[]): { day: number; year: number } | undefined {
  if (numbers.length !== 2) return undefined;
  const [first = '', second = ''] = numbers;
  const [day, year] = first.length === 4 ? [second, first] : [first, second];
  if (day.length > 2 || (year.length !== 2 && year.length !== 4)) return undefined;
  // RFC 2822 §4.3: a two-digit year 00–49 is 20xx, 50–99 is 19xx.
  const shortYear = Number(year);
  return { day: Number(day), year: year.length === 4 ? shortYear : shortYear + (shortYear < 50 ? 2000 : 1900) };
}

/** 12 AM is midnight and 12 PM noon; an hour outside 1–12 with AM/PM is no time. */
function toHour24(hour: number, meridiem: string): number {
  if (hour < 1 || hour > 12) return Number.NaN;
  return (hour % 12) + (meridiem === 'p' ? 12 : 0);
}

/** The instant, or undefined when a field is out of range (Date.UTC would roll 30 February into March). */
function toUtcMs(date: WrittenDate | undefined): number | undefined {
  if (date === undefined) return undefined;
  const { year, month, day, hour, minute, second, millisecond, zone } = date;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const endOfDay = hour === 24 && minute === 0 && second === 0 && millisecond === 0; // ISO 8601's 24:00
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && (hour <= 23 || endOfDay) && minute <= 59 && second <= 60;
  if (!valid) return undefined;
  // A leap second (:60) is read as :59, not as the next minute.
  return wallTimeToUtc(zone, Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millisecond));
}
