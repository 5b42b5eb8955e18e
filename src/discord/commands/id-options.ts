import type { GuildSettings } from '../../guilds/guild-settings';
import type { CatalogTopic } from '../../guilds/topic-catalog';
import type { Choice } from '../interactions/command-route';
import { CHOICE_LENGTH, MAX_CHOICES } from './topic-options';

interface Candidate {
  id: string;
  /** What the user recognises the entry by: the rule's expression, the feed's name and address. */
  label: string;
}

// 0: the id or the label starts with the text; 1: a word of the label does; 2: the text appears anywhere.
function rank(candidate: Candidate, typed: string): number | undefined {
  const label = candidate.label.toLowerCase();
  if (candidate.id.startsWith(typed) || label.startsWith(typed)) return 0;
  if (label.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(typed))) return 1;
  if (label.includes(typed)) return 2;
  return undefined;
}

function cut(text: string): string {
  return text.length <= CHOICE_LENGTH ? text : `${text.slice(0, CHOICE_LENGTH - 1)}…`;
}

/** Entries matching what was typed, best first, at most 25; the choice shows the label, its value is the id. */
export function suggestIds(candidates: readonly Candidate[], typed: string): Choice[] {
  const text = typed.trim().toLowerCase();
  return candidates
    .map((candidate, order) => ({ candidate, order, rank: text ? rank(candidate, text) : 0 }))
    .filter((entry): entry is { candidate: Candidate; order: number; rank: number } => entry.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, MAX_CHOICES)
    .map(({ candidate }) => ({ name: cut(`${candidate.id}: ${candidate.label}`), value: candidate.id }));
}

/** `/rule remove`: this server's rules (built-in ones cannot be removed), labelled with expression and topic. */
export function suggestRules(settings: GuildSettings, catalog: readonly CatalogTopic[], typed: string): Choice[] {
  return suggestIds(
    settings.rules.map((r) => {
      const topic = catalog.find((t) => t.id === r.topicId)?.name ?? r.topicId;
      return { id: r.id, label: `${r.expression} (${topic})` };
    }),
    typed,
  );
}

/** `/feed remove`: this server's feeds, labelled with name and address. */
export function suggestFeeds(settings: GuildSettings, typed: string): Choice[] {
  return suggestIds(settings.feeds.map((f) => ({ id: f.id, label: `${f.name} — ${f.url}` })), typed);
}
