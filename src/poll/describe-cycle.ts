import type { CycleReport } from './poll-cycle';

/**
 * One readable line for a poll: `12 feeds: 10 ok, 1 not modified, 1 failed; 3 new matching items`, then
 * what was skipped (`2 not due, 1 backing off`) and how long it took. Parts that are zero are left out.
 */
export function describeCycle(report: CycleReport): string {
  const { due, ok, notModified, failed, backingOff = 0, notDue = 0 } = report.feeds;
  const outcomes = [part(ok, 'ok'), part(notModified, 'not modified'), part(failed, 'failed')].filter(Boolean);
  const skipped = [part(notDue, 'not due'), part(backingOff, 'backing off')].filter(Boolean);
  const polled = `${plural(due, 'feed')}${outcomes.length > 0 ? `: ${outcomes.join(', ')}` : ''}`;
  const found = report.cancelled ? 'cancelled by shutdown' : plural(report.matched, 'new matching item');
  const rest = [skipped.length > 0 ? `skipped ${skipped.join(', ')}` : '', `${(report.durationMs / 1000).toFixed(1)} s`].filter(Boolean);
  return `${polled}; ${found} (${rest.join('; ')})`;
}

function part(count: number, label: string): string {
  return count > 0 ? `${count} ${label}` : '';
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
