import type { Topic } from '../config/to-domain';
import { cleanLink } from '../feeds/clean-link';
import { itemTime } from '../feeds/news-item';
import type { AlertSink, MatchedItem } from '../poll/matched-item';
import type { Rule } from '../rules/rule';

export interface ConsoleSinkOptions {
  json: boolean;
  topics: readonly Topic[];
  rules: readonly Rule[];
  write: (line: string) => void;
}

/** The `--json` line: the contract other tools read, so keys are fixed. */
export interface JsonAlertLine {
  feed: string;
  id: string;
  title: string;
  link: string;
  published: string;
  topics: string[];
  matches: { topic: string; rule: string; terms: string[] }[];
}

/**
 * Prints alerts to stdout, one readable block or one JSON object per matching item. An item that repeats
 * a story already printed (another outlet's rewrite, see track-stories.ts) is not printed again.
 */
export function createConsoleSink(options: ConsoleSinkOptions): AlertSink {
  const topicName = new Map(options.topics.map((t) => [t.id, t.name]));
  const ruleText = new Map(options.rules.map((r) => [r.id, r.expression]));
  return {
    async deliver(items) {
      for (const matched of items) {
        if (matched.story?.joined === true) continue;
        const line = toJsonLine(matched, ruleText);
        options.write(options.json ? JSON.stringify(line) : formatReadable(matched, line, topicName));
      }
    },
  };
}

function toJsonLine({ item, matches }: MatchedItem, ruleText: Map<string, string>): JsonAlertLine {
  return {
    feed: item.feedId,
    id: item.id,
    title: item.title,
    link: cleanLink(item.link), // idempotent: also clean for items that did not come through normaliseItem
    published: itemTime(item),
    topics: [...new Set(matches.map((m) => m.topicId))],
    matches: matches.map((m) => ({ topic: m.topicId, rule: ruleText.get(m.ruleId) ?? m.ruleId, terms: m.terms })),
  };
}

function formatReadable(matched: MatchedItem, line: JsonAlertLine, topicName: Map<string, string>): string {
  const when = line.published.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  const topics = line.topics.map((id) => {
    const terms = [...new Set(matched.matches.filter((m) => m.topicId === id).flatMap((m) => m.terms))];
    return `${topicName.get(id) ?? id} (${terms.join(', ')})`;
  });
  return [`[${when}] ${matched.item.source}: ${line.title || '(no title)'}`, `  ${line.link || '(no link)'}`, `  matched: ${topics.join('; ')}`, ''].join('\n');
}
