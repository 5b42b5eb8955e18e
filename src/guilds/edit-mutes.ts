import { UserError } from '../shared/errors';
import type { Edit } from './edit-subscriptions';
import { activeMutes, type GuildSettings } from './guild-settings';
import { GUILD_LIMITS } from './guild-limits';
import { parseDuration } from './parse-duration';
import type { CatalogTopic } from './topic-catalog';

/** Mutes a topic for the whole server, for a duration or until `/unmute`. Re-muting replaces the old mute. */
export function mute(settings: GuildSettings, topic: CatalogTopic, duration: string | undefined, now: Date): Edit {
  let until: string | undefined;
  if (duration !== undefined && duration.trim() !== '') {
    const parsed = parseDuration(duration);
    if (!parsed.ok) throw new UserError(parsed.error);
    until = new Date(now.getTime() + parsed.ms).toISOString();
  }
  const others = activeMutes(settings, now).filter((m) => m.topicId !== topic.id);
  if (others.length >= GUILD_LIMITS.mutes) throw new UserError(`This server already has ${GUILD_LIMITS.mutes} mutes.`);
  const unix = until ? Math.floor(Date.parse(until) / 1000) : undefined;
  return {
    settings: { ...settings, mutes: [...others, { topicId: topic.id, until, createdAt: now.toISOString() }] },
    message: unix ? `Muted **${topic.name}** until <t:${unix}:f> (<t:${unix}:R>).` : `Muted **${topic.name}** until you /unmute it.`,
  };
}

export function unmute(settings: GuildSettings, topic: CatalogTopic, now: Date): Edit {
  const active = activeMutes(settings, now);
  if (!active.some((m) => m.topicId === topic.id)) throw new UserError(`**${topic.name}** is not muted. See /mutes.`);
  return {
    settings: { ...settings, mutes: active.filter((m) => m.topicId !== topic.id) },
    message: `Unmuted **${topic.name}**: its alerts will be posted again.`,
  };
}
