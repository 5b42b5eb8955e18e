/** Zone abbreviations V8's Date.parse does not know but feeds use (feed-quirks §7). */
const ZONE_OFFSETS: Readonly<Record<string, string>> = {
  JST: '+0900', KST: '+0900', HKT: '+0800', SGT: '+0800', AWST: '+0800', WIB: '+0700',
  CET: '+0100', CEST: '+0200', MEZ: '+0100', MESZ: '+0200', EET: '+0200', EEST: '+0300',
  WET: '+0000', WEST: '+0100', MSK: '+0300', BRT: '-0300',
  ACST: '+0930', ACDT: '+1030', AEST: '+1000', AEDT: '+1100', NZST: '+1200', NZDT: '+1300',
};
/** China Standard Time or US Central? Guessing wrong shifts by 14 hours, so such dates count as unknown. */
const AMBIGUOUS_ZONES = new Set(['CST', 'IST', 'BST', 'AST']);
/** Before the web had feeds: epoch-0 and similar placeholder dates. */
const EARLIEST_PLAUSIBLE_MS = Date.UTC(1990, 0, 1);

/**
 * Tolerant feed date parser: RFC 822 (with named zones such as JST, CEST, AEST), ISO 8601, CJK
 * `2026年9月15日 10:00`, and Unix seconds. Dates without a zone are read as UTC, never in the host's
 * zone, so results do not depend on where the bot runs. Undefined when unreadable or ambiguous.
 */
export function parseFeedDate(text: string): Date | undefined {
  const value = text.trim().replace(/\s+/g, ' ');
  if (value === '') return undefined;
  const normalised = /^\d{9,10}$/.test(value) ? Number(value) * 1000 : parseWrittenDate(value);
  if (normalised === undefined || Number.isNaN(normalised) || normalised < EARLIEST_PLAUSIBLE_MS) return undefined;
  return new Date(normalised);
}

function parseWrittenDate(value: string): number | undefined {
  const cjk = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:時](\d{1,2})(?:[:分](\d{1,2}))?)?/.exec(value);
  if (cjk) {
    const [, year, month, day, hour, minute, second] = cjk.map((part) => Number(part ?? 0));
    return Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
  }
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(.*)$/.exec(value);
  if (iso) return parseIso(iso[1] ?? '', iso[2], (iso[3] ?? '').trim());
  return parseRfc822(value);
}

function parseIso(date: string, time: string | undefined, zone: string): number | undefined {
  if (zone !== '' && !/^(Z|[+-]\d{2}:?\d{2})$/i.test(zone)) return undefined;
  return Date.parse(`${date}T${time ?? '00:00'}${zone === '' ? 'Z' : zone}`);
}

function parseRfc822(value: string): number | undefined {
  const zone = /\b([A-Z]{2,5})$/.exec(value)?.[1];
  if (zone !== undefined && AMBIGUOUS_ZONES.has(zone)) return undefined;
  const offset = zone === undefined ? undefined : ZONE_OFFSETS[zone];
  if (offset !== undefined) return Date.parse(`${value.slice(0, -(zone ?? '').length)}${offset}`);
  // A time at the very end means no zone at all: read it as UTC rather than host-local time.
  if (/\d{1,2}:\d{2}(:\d{2})?$/.test(value)) return Date.parse(`${value} +0000`);
  return Date.parse(value);
}
