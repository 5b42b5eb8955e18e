import type { APIEmbed } from 'discord.js';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { assertWithinDiscordLimits } from '../support/discord-limits';
import { startBotHarness, type BotHarness } from './bot-harness';
import { eventually } from '../support/eventually';
import { ADMIN } from '../support/app-rig';


describe('a burst of stories into one channel', () => {
  let h: BotHarness;
  let channelId: string;
  let items: Rss2Item[] = [];
  const publish = async (count: number, from: number) => {
    const base = Date.now() - 60_000;
    const fresh = Array.from({ length: count }, (_, i) => ({
      title: `Terbium market note ${from + i} on separation capacity`,
      link: `https://wire.example/burst-${from + i}`,
      guid: `burst-${from + i}`,
      pubDate: new Date(base + (from + i) * 1000).toUTCString(),
    }));
    items = [...fresh.reverse(), ...items];
    h.feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items }) });
    await h.poll();
  };
  const titles = () => h.twin.messages(channelId).flatMap((m) => (m.embeds as APIEmbed[]).map((e) => e.title));

  beforeAll(async () => {
    h = await startBotHarness({ feedPaths: ['/wire.xml'] });
    h.feeds.route('/wire.xml', { body: rss2({ title: 'Wire', items: [] }) });
    const guild = h.twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    channelId = guild.channelId('alerts');
    await h.start();
    await h.twin.invokeCommand({ guildId: guild.id, channelId, userId: ADMIN, name: 'subscribe' });
  });
  afterAll(() => h.close());

  it('posts a few stories one message each', async () => {
    await publish(3, 1);
    await eventually(() => expect(titles()).toHaveLength(3));
    expect(h.twin.messages(channelId).map((m) => m.embeds.length)).toEqual([1, 1, 1]);
  });

  it('packs a long queue into messages of up to 10 embeds, every story once and in publication order', async () => {
    const before = h.twin.messages(channelId).length;
    await publish(25, 4);
    const expected = Array.from({ length: 25 }, (_, i) => `Terbium market note ${4 + i} on separation capacity`);
    await eventually(() => expect(titles().slice(3)).toEqual(expected), 15_000);
    const packed = h.twin.messages(channelId).slice(before);
    expect(packed.length).toBeLessThanOrEqual(4);
    for (const message of packed) {
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      assertWithinDiscordLimits({ content: message.content, embeds: message.embeds as APIEmbed[] });
      expect(message.allowed_mentions).toMatchObject({ parse: [] });
    }
  });
});
