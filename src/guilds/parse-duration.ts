const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
const MAX_DURATION_MS = 365 * 86_400_000;

export type DurationResult = { ok: true; ms: number } | { ok: false; error: string };

/**
 * `30m`, `6h`, `2d`, `1w`, or combinations like `1d12h`. Minutes are the smallest unit a mute needs;
 * a year is the longest (longer than that, mute without a duration).
 */
export function parseDuration(input: string): DurationResult {
  const text = input.trim().toLowerCase().replace(/\s+/g, '');
  if (!text) return { ok: false, error: 'empty duration; use e.g. 30m, 6h, 2d or 1w' };
  const parts = [...text.matchAll(/(\d{1,6})(min|m|h|d|w)/g)];
  if (parts.map((p) => p[0]).join('') !== text) {
    return { ok: false, error: `"${input.trim()}" is not a duration; use e.g. 30m, 6h, 2d or 1w` };
  }
  const ms = parts.reduce((sum, [, amount, unit]) => sum + Number(amount) * (UNIT_MS[unit ?? ''] ?? 0), 0);
  if (ms < 60_000) return { ok: false, error: 'a duration must be at least 1 minute' };
  if (ms > MAX_DURATION_MS) return { ok: false, error: 'a duration can be at most 1 year; omit it to mute until /unmute' };
  return { ok: true, ms };
}
