import { startBotHarness, waitUntil } from '../support/bot-harness';
import { matchingStories, oldStory } from '../support/matching-stories';
import { rssDocument } from '../support/rss-document';
import { idealMakespanMs } from './ideal-makespan';
import { readSendLog, type SendLog } from './read-twin-log';

export interface DeliveryFigures extends SendLog {
  channels: number;
  alerts: number;
  /** First accepted post to last, as the twin saw them. */
  makespanMs: number;
  /** The fastest schedule the limits allow for the messages the bot posted (see idealMakespanMs). */
  idealMakespanMs: number;
  /** The same for one message per alert, as before packing. */
  unpackedIdealMs: number;
  /** idealMakespanMs / makespanMs: the share of the rate the limits allow that delivery achieved. */
  efficiency: number;
  /** From the end of the poll that queued the alerts to the last one accepted. */
  drainMs: number;
  alertsPerSecond: number;
}

/**
 * `stories` new matching stories with every channel subscribed to every topic, so stories × channels
 * alerts, delivered by the bot's own outbox, delivery runner and discord.js REST under Discord's default
 * limits. The bot packs a channel's alerts into shared messages when 6 or more wait.
 */
export async function deliverThroughBot(channels: number, stories: number): Promise<DeliveryFigures> {
  const path = '/wire.xml';
  const harness = await startBotHarness({ channels, feeds: { [path]: rssDocument('Wire', 'https://wire.example/', [oldStory()]) } });
  try {
    await restQuiet(harness.twin.requests);
    const since = Date.now();
    harness.feeds.publish(path, rssDocument('Wire', 'https://wire.example/', [...matchingStories(stories, new Date()).reverse(), oldStory()]));
    await harness.app.runCycle();
    const queuedAt = Date.now();
    const alerts = stories * channels;
    await waitUntil(() => harness.alertCount() >= alerts, 5 * 60_000, `${alerts} alerts`);
    const drainMs = Date.now() - queuedAt;
    const log = readSendLog(harness.twin.requests, since);
    const makespanMs = log.lastAt - log.firstAt;
    const ideal = idealMakespanMs(log.perChannel);
    return {
      ...log,
      channels,
      alerts,
      makespanMs,
      idealMakespanMs: ideal,
      unpackedIdealMs: idealMakespanMs(Array(channels).fill(stories)),
      efficiency: ideal === 0 ? Number.NaN : ideal / makespanMs,
      drainMs,
      alertsPerSecond: (alerts / drainMs) * 1000,
    };
  } finally {
    await harness.close();
  }
}

/** Discord's global window as discord.js counts it: one second from the first request after the last one closed. */
const GLOBAL_WINDOW_MS = 1_000;

/**
 * Waits until the bot's start-up requests (login, command registration) are more than a global window
 * old. A running bot is in that state when a poll brings news; right after start-up, the burst would
 * share its first window with those requests and the measure would depend on their timing.
 */
async function restQuiet(log: readonly { at: number }[]): Promise<void> {
  const quietFor = () => Date.now() - (log[log.length - 1]?.at ?? 0);
  while (quietFor() <= GLOBAL_WINDOW_MS + 100) await new Promise((resolve) => setTimeout(resolve, GLOBAL_WINDOW_MS + 150 - quietFor()));
}
