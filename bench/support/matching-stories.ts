import { createRandom } from './random';
import { companyName } from './news-vocabulary';
import type { FeedEntry } from './rss-document';
import { writeNewsItem } from './write-news-item';

const DAY_MS = 86_400_000;

/** `count` distinct stories that the default rules match (they name Lynas), each ~1 KB, published `at`. */
export function matchingStories(count: number, at: Date, seed = 11): FeedEntry[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, k) => {
    const item = writeNewsItem(random, 0.03);
    return {
      ...item,
      title: `${companyName(seed * 1000 + k)} agrees supply terms with Lynas (${seed}-${k})`,
      guid: `story-${seed}-${k}`,
      link: `https://wire.example/stories/${seed}-${k}`,
      published: new Date(at.getTime() - (count - k) * 1_000),
    };
  });
}

/** An item old enough that a feed's first poll files it silently (older than maxItemAgeHours). */
export function oldStory(): FeedEntry {
  return { ...writeNewsItem(createRandom(1), 0.03), guid: 'old-0', link: 'https://wire.example/old', published: new Date(Date.now() - 30 * DAY_MS) };
}
