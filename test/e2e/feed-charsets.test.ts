import type { APIEmbed } from 'discord.js';
import iconv from 'iconv-lite';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { eventually, startBotHarness, type BotHarness } from './bot-harness';

const ADMIN = '400000000000000001';
const HOUR_MS = 3_600_000;

/** Headlines with the punctuation windows-1252 keeps in 0x80–0x9F, where Node's own decoder loses it. */
const STORIES = [
  { title: '“Dysprosium” tops $400 – €380/kg, don’t expect relief', summary: 'Buyers say “tight” – terbium’s premium hit €1,200.' },
  { title: 'Terbium’s “new normal” – €1,150 and rising', summary: 'Traders quote €1,150 – a “floor”, they say.' },
];

describe('windows-1252 feeds in Discord', () => {
  let h: BotHarness;
  let channelId: string;
  const old: Rss2Item = { title: 'Quiet week for cerium', link: 'https://wire.example/old', guid: 'old', pubDate: new Date(Date.now() - 2 * HOUR_MS).toUTCString() };
  /**
   * Serves the items as windows-1252 bytes from two feeds: one with the charset in the header, one with
   * none anywhere. Each feed links its own copy of a story, so both are posted.
   */
  const serve = (items: Rss2Item[]) => {
    const feed = (name: string) => rss2({ title: 'Wire', items: items.map((item) => ({ ...item, link: `${String(item.link)}/${name}`, guid: `${String(item.guid)}-${name}` })) });
    const declared = feed('declared').replace('encoding="UTF-8"', 'encoding="windows-1252"');
    const undeclared = feed('undeclared').replace(' encoding="UTF-8"', '');
    expect(undeclared).toMatch(/^<\?xml version="1.0"\?>/);
    h.feeds.route('/declared.xml', { body: iconv.encode(declared, 'windows-1252'), contentType: 'application/rss+xml; charset=windows-1252' });
    h.feeds.route('/undeclared.xml', { body: iconv.encode(undeclared, 'windows-1252'), contentType: 'application/rss+xml' });
  };
  const story = (i: number): Rss2Item => ({ title: STORIES[i]!.title, description: STORIES[i]!.summary, link: `https://wire.example/${i}`, guid: `story-${i}`, pubDate: new Date(Date.now() - 60_000).toUTCString() });
  const embeds = () => h.twin.messages(channelId).flatMap((m) => m.embeds as APIEmbed[]);

  beforeAll(async () => {
    h = await startBotHarness({ feedPaths: ['/declared.xml', '/undeclared.xml'] });
    serve([old]);
    const guild = h.twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    channelId = guild.channelId('alerts');
    await h.app.start();
    await eventually(() => expect(h.twin.commands.global.length).toBeGreaterThan(0));
    await h.app.settle();
    await h.twin.invokeCommand({ guildId: guild.id, channelId, userId: ADMIN, name: 'subscribe' });
  });
  afterAll(() => h.close());

  it('shows smart quotes, dashes and the euro sign exactly as a browser does, declared or not, when only the new item is parsed', async () => {
    serve([story(0), old]); // the old item is unchanged: only the new one is parsed again
    await h.poll();
    await eventually(() => expect(embeds()).toHaveLength(2));
    for (const embed of embeds()) {
      expect(embed.title).toBe('“Dysprosium” tops $400 – €380/kg, don’t expect relief');
      expect(embed.description?.split('\n\n')[0]).toBe('Buyers say “tight” – **terbium**’s premium hit €1,200.');
    }
  });

  it('shows them exactly as a browser does when every item of the feed is new', async () => {
    serve([story(1)]);
    await h.poll();
    await eventually(() => expect(embeds()).toHaveLength(4));
    for (const embed of embeds().slice(2)) {
      expect(embed.title).toBe('Terbium’s “new normal” – €1,150 and rising');
      expect(embed.description?.split('\n\n')[0]).toBe('Traders quote €1,150 – a “floor”, they say.');
    }
  });
});
