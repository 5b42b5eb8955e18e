import type { APIEmbed } from 'discord.js';
import { row, type Row } from '../support/bench-result';
import { startBotHarness, waitUntil, type BotHarness } from '../support/bot-harness';
import { oldStory } from '../support/matching-stories';
import { rssDocument, type FeedEntry } from '../support/rss-document';
import { progress, runChild } from '../support/run-child';
import { maximum, median, roundTo } from '../support/stats';
import { latencyStory, TOPIC_HEADLINES } from './latency-stories';

const SUITE = 'end-to-end latency';
const STORIES = 20;
/**
 * Twenty stories over one minute, evenly spread, so the waits for the next tick span 0–60 s; spread
 * over five topic channels, no channel gets more than its 5-per-5-s limit from one tick.
 */
const SPACING_MS = 3_000;
const SCHEDULE = '* * * * *';
const POLL_INTERVAL_S = 60;
const PATH = '/wire.xml';

interface StoryLatency {
  title: string;
  visibleAt: number;
  /** When the bot next fetched the feed: the tick that found the story. */
  fetchedAt: number;
  deliveredAt: number;
}

async function main(): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const feed = (stories: FeedEntry[]) => rssDocument('Wire', 'https://wire.example/', [...stories].reverse().concat(oldStory()));
  const harness = await startBotHarness({ topics: TOPIC_HEADLINES.map((t) => t.topicId), feeds: { [PATH]: feed([]) }, schedule: SCHEDULE });
  try {
    const stories: FeedEntry[] = [];
    const visibleAt: number[] = [];
    const started = Date.now();
    for (let k = 0; k < STORIES; k++) {
      await sleepUntil(started + 1_500 + k * SPACING_MS);
      stories.push(latencyStory(k, new Date()));
      harness.feeds.publish(PATH, feed(stories));
      visibleAt.push(Date.now());
    }
    progress(SUITE, `published ${STORIES} stories over ${((Date.now() - started) / 1000).toFixed(0)} s; waiting for the last tick`);
    await waitUntil(() => deliveredTimes(harness).size >= STORIES, (POLL_INTERVAL_S + 60) * 1000, `${STORIES} alerts`);
    const latencies = measure(harness, stories, visibleAt);
    return summarise(latencies);
  } finally {
    await harness.close();
  }
}

function measure(harness: BotHarness, stories: readonly FeedEntry[], visibleAt: readonly number[]): StoryLatency[] {
  const delivered = deliveredTimes(harness);
  const fetches = harness.feeds.requestTimes(PATH);
  return stories.map(({ title }, k) => {
    const at = visibleAt[k] ?? Number.NaN;
    return { title, visibleAt: at, fetchedAt: fetches.find((t) => t >= at) ?? Number.NaN, deliveredAt: delivered.get(title) ?? Number.NaN };
  });
}

/** Title → when the twin stored the first message carrying it. */
function deliveredTimes(harness: BotHarness): Map<string, number> {
  const times = new Map<string, number>();
  for (const channelId of harness.channelIds) {
    for (const message of harness.twin.messages(channelId)) {
      for (const embed of message.embeds as APIEmbed[]) {
        if (embed.title && !times.has(embed.title)) times.set(embed.title, Date.parse(message.timestamp));
      }
    }
  }
  return times;
}

function summarise(latencies: StoryLatency[]): { rows: Row[]; details: Record<string, unknown> } {
  const total = latencies.map((l) => (l.deliveredAt - l.visibleAt) / 1000);
  const ownCost = latencies.map((l) => (l.deliveredAt - l.fetchedAt) / 1000);
  progress(SUITE, `latency median ${median(total).toFixed(1)} s, worst ${maximum(total).toFixed(1)} s; fetch → alert median ${median(ownCost).toFixed(2)} s`);
  return {
    rows: [
      row(SUITE, `visible → alert in Discord, 1-minute schedule: median of ${STORIES}`, roundTo(median(total)), 's', { op: '<=', value: POLL_INTERVAL_S + 1, text: '≤ 61 s' }, `worst ${maximum(total).toFixed(1)} s`),
      row(SUITE, 'of which the bot\'s own part: feed fetched → alert in Discord (median)', roundTo(median(ownCost)), 's', undefined, `worst ${maximum(ownCost).toFixed(2)} s`),
    ],
    details: { stories: STORIES, spacingMs: SPACING_MS, schedule: SCHEDULE, latencies },
  };
}

async function sleepUntil(time: number): Promise<void> {
  const wait = time - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

runChild(SUITE, main);
