import type { FeedHealth } from '../bot-deps';
import { discordTime } from './list-reply';

/** One feed's health in a few words, as `/feeds list` and `/status` show it. */
export function feedHealthText(health: FeedHealth | undefined): string {
  if (!health || health.ok === undefined) return '⏳ not polled yet';
  if (health.ok) return `✅ OK${health.lastSuccessAt ? `, last read ${discordTime(health.lastSuccessAt)}` : ''}`;
  const since = health.failingSince ? ` since ${discordTime(health.failingSince)}` : '';
  const next = health.nextAttemptAt ? `; next try ${discordTime(health.nextAttemptAt)}` : '';
  // A day of failures will not fix itself: say so, so someone checks the URL.
  const state = health.failingLong ? '🚨 failing for over 24 h,' : '❌ failing';
  return `${state}${since}: ${health.lastError ?? 'unknown error'}${next}`;
}
