import { UserError } from '../shared/errors';
import { DEFAULT_DIGEST_AT, type DigestSchedule } from './digest-schedule';
import type { Delivery, GuildSettings } from './guild-settings';

/** What `/subscribe` was given about delivery; each field undefined = not given. */
export interface DeliveryInput {
  mode?: 'instant' | 'hourly' | 'daily';
  /** Already validated as HH:MM. */
  at?: string;
  /** Already validated as an IANA zone. */
  timeZone?: string;
  compact?: boolean;
}

/** The delivery a channel has now (its subscriptions share one); instant when it has none. */
export function channelDelivery(settings: GuildSettings, channelId: string): Delivery {
  return settings.subscriptions.find((s) => s.channelId === channelId)?.delivery ?? {};
}

/** The channel's digest schedule, or undefined for instant alerts. */
export function digestScheduleOf(delivery: Delivery | undefined): DigestSchedule | undefined {
  if (delivery?.mode !== 'hourly' && delivery?.mode !== 'daily') return undefined;
  return { mode: delivery.mode, at: delivery.mode === 'daily' ? (delivery.at ?? DEFAULT_DIGEST_AT) : undefined, timeZone: delivery.timeZone };
}

/**
 * The channel's next delivery: options not given keep what the channel has (a new channel: instant).
 * `at` only makes sense for a daily digest (hourly ones go out on the hour), and a time zone or `at`
 * only for digests, so those combinations are refused rather than silently ignored.
 */
export function nextDelivery(current: Delivery, input: DeliveryInput, now: Date): Delivery {
  const mode = input.mode ?? current.mode ?? 'instant';
  if (input.at !== undefined && mode !== 'daily') {
    throw new UserError(`\`at\` sets the time of a daily digest; add mode:daily (hourly digests go out on the hour, instant alerts at once). Nothing was changed.`);
  }
  if (input.timeZone !== undefined && mode === 'instant') {
    throw new UserError('`timezone` is for digests (mode:hourly or mode:daily); instant alerts go out at once. Nothing was changed.');
  }
  if (input.compact === true && mode !== 'instant') {
    throw new UserError('`compact` is for instant alerts; a digest is already one line per story. Nothing was changed.');
  }
  const modeChanged = mode !== (current.mode ?? 'instant');
  if (mode === 'instant') {
    // Leaving a digest: what it had collected is not dropped but posted as a last digest (flush-digests.ts).
    const ended = current.mode === 'hourly' || current.mode === 'daily' ? { mode: current.mode, timeZone: current.timeZone, at: now.toISOString() } : current.endedDigest;
    return clean({ compact: input.compact ?? (modeChanged ? undefined : current.compact), endedDigest: ended });
  }
  return clean({
    mode,
    at: mode === 'daily' ? (input.at ?? (modeChanged ? undefined : current.at) ?? DEFAULT_DIGEST_AT) : undefined,
    timeZone: input.timeZone ?? current.timeZone,
  });
}

/** "instant alerts", "compact alerts", "an hourly digest (Asia/Tokyo)", "a daily digest at 08:00 UTC". */
export function describeDelivery(delivery: Delivery | undefined): string {
  const zone = delivery?.timeZone ?? 'UTC';
  if (delivery?.mode === 'hourly') return `an hourly digest${zone === 'UTC' ? '' : ` (${zone} hours)`}`;
  if (delivery?.mode === 'daily') return `a daily digest at ${delivery.at ?? DEFAULT_DIGEST_AT} ${zone}`;
  return delivery?.compact ? 'compact one-line alerts' : 'instant alerts';
}

function clean(delivery: Delivery): Delivery {
  return Object.fromEntries(Object.entries(delivery).filter(([, v]) => v !== undefined && v !== false)) as Delivery;
}
