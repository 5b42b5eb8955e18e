import { findTopic, topicsFor, type CatalogTopic } from '../../guilds/topic-catalog';
import type { GuildSettings } from '../../guilds/guild-settings';
import { UserError } from '../../shared/errors';
import type { BotDeps } from '../bot-deps';
import type { AutocompleteContext, Choice } from '../interactions/command-route';

/** Discord shows at most 25 suggestions, each name and value at most 100 characters. */
export const MAX_CHOICES = 25;
export const CHOICE_LENGTH = 100;

/** Built-in topics plus this server's own. */
export function catalogOf(deps: Pick<BotDeps, 'builtInTopics'>, settings: GuildSettings): CatalogTopic[] {
  return topicsFor(deps.builtInTopics, settings);
}

/** The topic a user named (by id or name), or a UserError listing the ones that exist. */
export function requireTopic(catalog: readonly CatalogTopic[], query: string): CatalogTopic {
  const topic = findTopic(catalog, query);
  if (topic) return topic;
  throw new UserError(`Unknown topic "${query.trim()}". Topics: ${catalog.map((t) => t.name).join(', ') || 'none yet'}.`);
}

export function topicLabel(topic: CatalogTopic): string {
  return topic.builtIn ? topic.name : `${topic.name} (this server)`;
}

// 0: name or id starts with the text; 1: a word of the name does; 2: the text appears anywhere.
function rank(topic: CatalogTopic, typed: string): number | undefined {
  const name = topic.name.toLowerCase();
  if (name.startsWith(typed) || topic.id.startsWith(typed)) return 0;
  if (name.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(typed))) return 1;
  if (name.includes(typed) || topic.id.includes(typed)) return 2;
  return undefined;
}

/** Topics matching what the user typed so far, best matches first, as autocomplete choices (value = topic id). */
export function suggestTopics(catalog: readonly CatalogTopic[], typed: string): Choice[] {
  const text = typed.trim().toLowerCase();
  const ranked = catalog
    .map((topic, order) => ({ topic, order, rank: text ? rank(topic, text) : 0 }))
    .filter((entry): entry is { topic: CatalogTopic; order: number; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, MAX_CHOICES).map(({ topic }) => ({
    name: topicLabel(topic).slice(0, CHOICE_LENGTH),
    value: topic.id.slice(0, CHOICE_LENGTH),
  }));
}

/** Autocomplete for any `topic` option: this server's catalog, filtered by what is typed. */
export async function suggestTopicsFor(context: AutocompleteContext, typed: string): Promise<Choice[]> {
  const settings = await context.deps.guilds.get(context.guildId);
  return suggestTopics(catalogOf(context.deps, settings), typed);
}
