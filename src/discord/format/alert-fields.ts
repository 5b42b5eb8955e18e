import type { APIEmbedField } from 'discord.js';
import type { AlertTopic } from '../../delivery/alert';
import type { TermHit } from '../../rules/compile-rule-set';
import { cleanFeedText } from './clean-feed-text';
import { DiscordLimit } from './discord-limits';
import { fitMarkedText } from './fit-marked-text';
import { joinWithin } from './join-within';

const TOPIC_CHARS = 200;
const CATEGORY_CHARS = 60;
/** Categories are a hint, not the story: a few hundred characters of them at most. */
const TAGS_FIELD_CHARS = 240;

/** "Heavy rare earths (dysprosium, terbium) · Japan's supply chain (Japan)", within a field value. */
export function topicsField(topics: readonly AlertTopic[]): APIEmbedField | undefined {
  const pieces = topics.map((topic) => {
    const terms = [...new Set(topic.terms)].join(', ');
    const label = terms === '' ? topic.name : `${topic.name} (${terms})`;
    return fitMarkedText(cleanFeedText(label), { maxChars: TOPIC_CHARS, escape: true, emphasis: false });
  });
  const value = joinWithin(pieces.filter((piece) => piece !== ''), ' · ', DiscordLimit.fieldValue);
  if (value === '') return undefined;
  return { name: topics.length === 1 ? 'Topic' : 'Topics', value };
}

/** The item's categories, the matched ones' terms in bold, deduplicated, within a short field value. */
export function tagsField(categories: readonly string[], hits: readonly TermHit[]): APIEmbedField | undefined {
  const seen = new Set<string>();
  const pieces: string[] = [];
  categories.forEach((category, index) => {
    const spans = hits.filter((hit) => hit.field === 'categories' && hit.index === index);
    const marked = cleanFeedText(category, spans);
    const key = marked.text.toLowerCase();
    if (key === '' || seen.has(key)) return;
    seen.add(key);
    pieces.push(fitMarkedText(marked, { maxChars: CATEGORY_CHARS, escape: true, emphasis: true }));
  });
  const value = joinWithin(pieces, ', ', TAGS_FIELD_CHARS);
  return value === '' ? undefined : { name: 'Tags', value };
}
