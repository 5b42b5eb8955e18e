import type { APIEmbed } from 'discord.js';
import iconv from 'iconv-lite';
import { rss2, type Rss2Item } from '../support/feed-builders';
import { startBotHarness, type BotHarness } from './bot-harness';
import { eventually } from '../support/eventually';
import { ADMIN } from '../support/app-rig';

const HOUR_MS = 3_600_000;

type FeedName = 'declared' | 'undeclared';
interface Story {
  title: string;
  summary: string;
  /** The embed description's first paragraph: the summary with the matched terms in bold. */
  shown: string;
}

/**
 * Headlines with the punctuation windows-1252 keeps in 0x80–0x9F, where Node's own decoder loses it.
 * Each feed has its own stories, so that none is recognised as a rewrite of another and dropped.
 */
const STORIES: Record<FeedName, [Story, Story]> = {
  declared: [
    { title: '“Dysprosium” tops $400 – €380/kg, don’t expect relief', summary: 'Buyers say “tight” – terbium’s premium hit €1,200.', shown: 'Buyers say “tight” – **terbium**’s premium hit €1,200.' },
    { title: 'Terbium’s “new normal” – €1,150 and rising', summary: 'Traders quote €1,150 – a “floor”, they say.', shown: 'Traders quote €1,150 – a “floor”, they say.' },
  ],
  undeclared: [
    { title: 'Magnet maker’s motor bill – €2m a month', summary: 'Its dysprosium costs doubled – “painful”, the CFO said.', shown: 'Its **dysprosium** costs doubled – “painful”, the CFO said.' },
    { title: 'Agency’s reserve – “ample”, €90m spent', summary: 'The terbium stockpile grew – no “shortage” seen.', shown: 'The **terbium** stockpile grew – no “shortage” seen.' },
  ],
};

describe('windows-1252 feeds in Discord', () => {
  let h: BotHarness;
  let channelId: string;
  const old = (name: FeedName): Rss2Item => ({ title: `Quiet week for cerium (${name})`, link: `https://wire.example/${name}/old`, guid: `${name}-old`, pubDate: new Date(Date.now() - 2 * HOUR_MS).toUTCString() });
  const item = (name: FeedName, round: 0 | 1): Rss2Item => {
    const story = STORIES[name][round];
    return { title: story.title, description: story.summary, link: `https://wire.example/${name}/${round}`, guid: `${name}-${round}`, pubDate: new Date(Date.now() - 60_000).toUTCString() };
  };
  /** windows-1252 bytes: one feed says so in its header and prolog, the other says nothing anywhere. */
  const serve = (items: (name: FeedName) => Rss2Item[]) => {
    const declared = rss2({ title: 'Wire', items: items('declared') }).replace('encoding="UTF-8"', 'encoding="windows-1252"');
    const undeclared = rss2({ title: 'Wire', items: items('undeclared') }).replace(' encoding="UTF-8"', '');
    expect(undeclared).toMatch(/^<\?xml version="1.0"\?>/);
    h.feeds.route('/declared.xml', { body: iconv.encode(declared, 'windows-1252'), contentType: 'application/rss+xml; charset=windows-1252' });
    h.feeds.route('/undeclared.xml', { body: iconv.encode(undeclared, 'windows-1252'), contentType: 'application/rss+xml' });
  };
  const shownFor = (round: 0 | 1) =>
    (['declared', 'undeclared'] as const).map((name) => ({ url: `https://wire.example/${name}/${round}`, title: STORIES[name][round].title, description: STORIES[name][round].shown }));
  const embeds = () =>
    h.twin
      .messages(channelId)
      .flatMap((m) => m.embeds as APIEmbed[])
      .map((embed) => ({ url: embed.url, title: embed.title, description: embed.description?.split('\n\n')[0] }));

  beforeAll(async () => {
    h = await startBotHarness({ feedPaths: ['/declared.xml', '/undeclared.xml'] });
    serve((name) => [old(name)]);
    const guild = h.twin.addGuild({ name: 'Desk', channels: [{ name: 'alerts' }], members: [{ userId: ADMIN, permissions: 'admin' }] });
    channelId = guild.channelId('alerts');
    await h.start();
    await h.twin.invokeCommand({ guildId: guild.id, channelId, userId: ADMIN, name: 'subscribe' });
  });
  afterAll(() => h.close());

  it('shows smart quotes, dashes and the euro sign exactly as a browser does, declared or not, when only the new item is parsed', async () => {
    serve((name) => [item(name, 0), old(name)]); // the old item is unchanged: only the new one is parsed again
    await h.poll();
    await eventually(() => expect(embeds()).toHaveLength(2));
    expect(embeds()).toEqual(expect.arrayContaining(shownFor(0)));
  });

  it('shows them exactly as a browser does when every item of the feed is new', async () => {
    serve((name) => [item(name, 1)]);
    await h.poll();
    await eventually(() => expect(embeds()).toHaveLength(4));
    expect(embeds().slice(2)).toEqual(expect.arrayContaining(shownFor(1)));
  });
});
