import type { Row } from './bench-result';

/** Formats a figure with at most 3 significant digits and thousands separators: 12,300 / 45.2 / 0.913. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return value.toLocaleString('en', { maximumFractionDigits: digits });
}

/** The rows as one plain-text table: suite, measure, value, target, verdict, note. */
export function formatTable(rows: readonly Row[]): string {
  const cells = rows.map((r) => [
    r.suite,
    r.measure,
    `${formatNumber(r.value)} ${r.unit}`,
    r.target?.text ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
    r.note ?? '',
  ]);
  const header = ['Suite', 'Measure', 'Value', 'Target', 'Result', 'Note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}
