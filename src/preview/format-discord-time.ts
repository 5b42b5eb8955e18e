/** How the preview shows times: Discord renders them in the reader's zone; the preview picks one. */
export interface TimeContext {
  now: Date;
  /** IANA zone; UTC by default so pictures do not depend on the machine. */
  timeZone?: string;
}

/**
 * Discord's `<t:unix:style>` markup as the English client shows it. `R` is relative to `now`;
 * the others are fixed formats (t 9:41 AM, T 9:41:30 AM, d 03/04/2025, D March 4, 2025, f and F with the time).
 */
export function formatDiscordTime(unixSeconds: number, style: string, ctx: TimeContext): string {
  const date = new Date(unixSeconds * 1000);
  const timeZone = ctx.timeZone ?? 'UTC';
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-US', { timeZone, ...options }).format(date);
  switch (style) {
    case 'R':
      return relativeTime(date, ctx.now);
    case 't':
      return format({ hour: 'numeric', minute: '2-digit' });
    case 'T':
      return format({ hour: 'numeric', minute: '2-digit', second: '2-digit' });
    case 'd':
      return format({ year: 'numeric', month: '2-digit', day: '2-digit' });
    case 'D':
      return format({ dateStyle: 'long' });
    case 'F':
      return `${format({ weekday: 'long' })}, ${format({ dateStyle: 'long' })} ${format({ hour: 'numeric', minute: '2-digit' })}`;
    default:
      return `${format({ dateStyle: 'long' })} ${format({ hour: 'numeric', minute: '2-digit' })}`;
  }
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** "in 3 minutes", "2 hours ago": the largest whole unit, as Discord does. */
export function relativeTime(date: Date, now: Date): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat('en-US', { numeric: 'always' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** Message and embed timestamps: "Today at 9:41 AM", "Yesterday at …", else the date and time. */
export function formatCalendarTime(date: Date, ctx: TimeContext): string {
  const timeZone = ctx.timeZone ?? 'UTC';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(date);
  if (day(date) === day(ctx.now)) return `Today at ${clock}`;
  if (day(date) === day(new Date(ctx.now.getTime() - 86_400_000))) return `Yesterday at ${clock}`;
  return `${new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date)} ${clock}`;
}
