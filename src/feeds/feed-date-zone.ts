const HOUR_MS = 3_600_000;

/** Fixed-offset zone names feeds write, in hours east of UTC: RFC 822's own, then common ones (feed-quirks §7). */
const FIXED_ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0, WET: 0, WEST: 1,
  EST: -5, EDT: -4, CDT: -5, MST: -7, MDT: -6, PST: -8, PDT: -7, ADT: -3, AKST: -9, AKDT: -8, HST: -10,
  CET: 1, CEST: 2, MET: 1, MEST: 2, MEZ: 1, MESZ: 2, EET: 2, EEST: 3, MSK: 3, BRT: -3,
  JST: 9, KST: 9, HKT: 8, SGT: 8, AWST: 8, WIB: 7,
  ACST: 9.5, ACDT: 10.5, AEST: 10, AEDT: 11, NZST: 12, NZDT: 13,
};

/**
 * North American generic names say "local time" without saying whether it is daylight time, so they
 * are read in their region's zone, daylight saving included (ET is -05:00 in January, -04:00 in July).
 */
const REGIONAL_ZONES: Readonly<Record<string, string>> = {
  AT: 'America/Halifax', ET: 'America/New_York', CT: 'America/Chicago', MT: 'America/Denver', PT: 'America/Los_Angeles',
};

/**
 * Names that mean several zones hours apart: CST is China (+08:00) as often as US Central (-06:00) in
 * the feeds we read; IST is India, Ireland or Israel; BST British or Bangladesh; AST Atlantic or Arabia.
 * Guessing shifts a date by up to 14 hours, so they count as no zone known. So do RFC 822's military
 * letters other than Z: RFC 1123 §5.2.14 notes their signs were defined backwards and are unreliable.
 */
const AMBIGUOUS_ZONES = new Set(['CST', 'IST', 'BST', 'AST']);

/** `+08:00`, `-0101`, `+08`, and after GMT/UTC/UT also a one-digit hour (`GMT+7`, `UTC-05:00`). */
const NUMERIC_OFFSET = /^(?:(?:GMT|UTC|UT)([+-])(\d{1,2})(?::?(\d{2}))?|([+-])(\d{2})(?::?(\d{2}))?)$/i;
/** Real offsets lie between -12:00 and +14:00; anything further is not a zone. */
const MAX_OFFSET_HOURS = 14;

/**
 * The UTC time of a wall-clock time written in `zone`, given as `wallMs` (the wall-clock fields read as
 * if they were UTC). `zone` is "" (none: read as UTC, so results never depend on the host's zone), a
 * numeric offset, a name from the tables above, or an IANA name such as `Etc/GMT` or `Asia/Shanghai`.
 * Undefined when the zone is unknown or ambiguous.
 */
export function wallTimeToUtc(zone: string, wallMs: number): number | undefined {
  if (zone === '') return wallMs;
  const offsetHours = numericOffsetHours(zone) ?? namedOffsetHours(zone.toUpperCase());
  if (offsetHours !== undefined) return Number.isNaN(offsetHours) ? undefined : wallMs - offsetHours * HOUR_MS;
  const region = Object.hasOwn(REGIONAL_ZONES, zone.toUpperCase()) ? REGIONAL_ZONES[zone.toUpperCase()] : zone.includes('/') ? zone : undefined;
  return region === undefined ? undefined : regionalToUtc(region, wallMs);
}

function numericOffsetHours(zone: string): number | undefined {
  const match = NUMERIC_OFFSET.exec(zone);
  if (!match) return undefined;
  const [sign = '+', hours = '0', minutes = '0'] = (match[1] === undefined ? match.slice(4) : match.slice(1, 4)).map((part) => part ?? '0');
  if (Number(minutes) > 59 || Number(hours) > MAX_OFFSET_HOURS) return Number.NaN;
  return (sign === '-' ? -1 : 1) * (Number(hours) + Number(minutes) / 60);
}

function namedOffsetHours(zone: string): number | undefined {
  if (AMBIGUOUS_ZONES.has(zone)) return Number.NaN;
  return Object.hasOwn(FIXED_ZONES, zone) ? FIXED_ZONES[zone] : undefined;
}

/** Two steps settle the offset, also across a daylight-saving change; undefined for an unknown IANA name. */
function regionalToUtc(zone: string, wallMs: number): number | undefined {
  const format = formatterFor(zone);
  if (format === undefined) return undefined;
  const guess = wallMs - offsetMsAt(format, wallMs);
  return wallMs - offsetMsAt(format, guess);
}

/**
 * Only zones ICU knows are kept, under their lower-case name (ICU ignores case), so feeds cannot grow
 * this beyond the few hundred zones that exist.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  const key = zone.toLowerCase();
  const cached = formatters.get(key);
  if (cached !== undefined) return cached;
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(key, format);
    return format;
  } catch {
    return undefined; // RangeError: not a zone this Node's ICU knows
  }
}

/** The zone's offset at an instant: its wall clock then, read as UTC, minus the instant. */
function offsetMsAt(format: Intl.DateTimeFormat, utcMs: number): number {
  const fields = new Map(format.formatToParts(utcMs).map((part) => [part.type, Number(part.value)]));
  const field = (type: Intl.DateTimeFormatPartTypes) => fields.get(type) ?? Number.NaN;
  const wall = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}
