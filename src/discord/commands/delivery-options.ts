import type { DeliveryInput } from '../../guilds/channel-delivery';
import { digestScheduleOf } from '../../guilds/channel-delivery';
import { nextDue, parseDigestTime, parseTimeZone, timeZoneNames } from '../../guilds/digest-schedule';
import type { Delivery } from '../../guilds/guild-settings';
import { UserError } from '../../shared/errors';
import type { AutocompleteContext, Choice } from '../interactions/command-route';
import { MAX_CHOICES } from './topic-options';

/** Validates the raw options; a bad time or zone is refused before anything is stored. */
export function readDeliveryInput(args: { mode?: string; at?: string; timezone?: string; compact?: boolean }): DeliveryInput {
  const input: DeliveryInput = {};
  if (args.mode !== undefined) {
    if (args.mode !== 'instant' && args.mode !== 'hourly' && args.mode !== 'daily') throw new UserError(`Unknown mode "${args.mode}"; pick instant, hourly or daily. Nothing was changed.`);
    input.mode = args.mode;
  }
  if (args.at !== undefined) {
    const at = parseDigestTime(args.at);
    if (!at.ok) throw new UserError(`${capitalise(at.error)}. Nothing was changed.`);
    input.at = at.value;
  }
  if (args.timezone !== undefined) {
    const zone = parseTimeZone(args.timezone);
    if (!zone.ok) throw new UserError(`${capitalise(zone.error)}. Nothing was changed.`);
    input.timeZone = zone.value;
  }
  if (args.compact !== undefined) input.compact = args.compact;
  return input;
}

/** For `/subscriptions`: how the channel gets its alerts, and when its next digest is due. */
export function deliveryNote(delivery: Delivery | undefined, now: Date): string {
  const schedule = digestScheduleOf(delivery);
  if (!schedule) return delivery?.compact ? ' · compact' : '';
  const zone = schedule.timeZone ?? 'UTC';
  const when = schedule.mode === 'daily' ? `daily digest at ${schedule.at} ${zone}` : `hourly digest${zone === 'UTC' ? '' : ` (${zone})`}`;
  const next = Math.floor(nextDue(schedule, now).getTime() / 1000);
  return ` · ${when}, next <t:${next}:f> (<t:${next}:R>)`;
}

/** IANA zones matching what was typed: names starting with it first, then containing it. */
export async function suggestTimeZones(_context: AutocompleteContext, typed: string): Promise<Choice[]> {
  const text = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const names = timeZoneNames();
  const starts = names.filter((n) => n.toLowerCase().startsWith(text) || n.toLowerCase().split('/').some((part) => part.startsWith(text)));
  const contains = names.filter((n) => !starts.includes(n) && n.toLowerCase().includes(text));
  return [...starts, ...contains].slice(0, MAX_CHOICES).map((n) => ({ name: n, value: n }));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
