import { createRandom } from '../support/random';
import type { FeedEntry } from '../support/rss-document';
import { writeNewsItem } from '../support/write-news-item';

/** One default topic per channel, and a headline that only that topic's rules match. */
export const TOPIC_HEADLINES: ReadonlyArray<{ topicId: string; headline: (k: number) => string }> = [
  { topicId: 'heavy-rare-earths', headline: (k) => `Dysprosium supply tightens at separation plant no. ${k}` },
  { topicId: 'japan-supply-chain', headline: (k) => `JOGMEC backs a new offtake, deal no. ${k}` },
  { topicId: 'producers-projects', headline: (k) => `Lynas lifts output at its plant, update no. ${k}` },
  { topicId: 'prices-markets', headline: (k) => `NdPr oxide quotes move, report no. ${k}` },
  { topicId: 'policy-trade', headline: (k) => `Ministers sign critical minerals agreement no. ${k}` },
];

/** Story k of the latency run: topic k mod 5, a ~1 KB summary that names no watched term. */
export function latencyStory(k: number, published: Date): FeedEntry & { topicId: string } {
  const topic = TOPIC_HEADLINES[k % TOPIC_HEADLINES.length] as (typeof TOPIC_HEADLINES)[number];
  return {
    ...writeNewsItem(createRandom(500 + k), 0),
    title: topic.headline(k),
    guid: `latency-${k}`,
    link: `https://wire.example/latency/${k}`,
    published,
    topicId: topic.topicId,
  };
}
