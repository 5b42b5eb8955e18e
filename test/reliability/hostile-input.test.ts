import type { APIEmbed } from 'discord.js';
import { checkFeedUrl } from '../../src/feeds/check-feed-url';
import { fetchFeed } from '../../src/feeds/fetch-feed';
import { emptyGuildSettings } from '../../src/guilds/guild-settings';
import { assertWithinDiscordLimits } from '../support/discord-limits';
import { raw, rss2 } from '../support/feed-builders';
import { startFeedServer } from '../support/feed-server';
import { startRig, story, type Rig } from './support/radar-rig';

const strict = async (url: string) => {
  const verdict = await checkFeedUrl(url, { allowPrivateAddresses: false });
  return verdict.ok ? undefined : verdict.error;
};

describe('hostile feed content', () => {
  let rig: Rig;
  afterEach(() => rig?.close());

  it('posts one well-formed alert within Discord limits that pings no one', async () => {
    rig = await startRig({ initialItems: { wire: [story(0, 'Copper output rises', 60)] } });
    await rig.subscribe('alerts');
    const pings = '@everyone @here <@&123456789012345678> <@!223456789012345678> <#323456789012345678>';
    const title = `Dysprosium ${pings} \u200b\u200d\u2060\u202e **bold** __under__ ||spoiler|| [link](https://evil.example) ${'🧲'.repeat(400)}`;
    const nested = `${'<div><b><i>'.repeat(300)}terbium${'</i></b></div>'.repeat(300)}`;
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    rig.serve('wire', [
      { title: raw(escape(title)), link: 'https://news.example/hostile?x=1&amp;y=2', guid: 'h-1', pubDate: new Date().toUTCString(), description: raw(`<![CDATA[${nested} ${pings} ${'x'.repeat(60_000)}]]>`) },
      story(0, 'Copper output rises', 60),
    ]);
    await rig.poll();
    const messages = rig.twin.messages(rig.guild.channelId('alerts'));
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message?.allowed_mentions).toEqual({ parse: [] });
    expect(message?.content).toBe('');
    assertWithinDiscordLimits({ content: message?.content, embeds: message?.embeds as APIEmbed[] });
    const text = JSON.stringify(message?.embeds);
    // Discord renders "@\u200beveryone" as text: any @everyone left must carry the zero-width space.
    expect(text).not.toMatch(/(?<!\u200b)@(everyone|here)/);
    expect(text).not.toContain('<div>');
  });
});

describe('feed URLs that lead to private addresses', () => {
  it('refuses a redirect from an allowed feed URL to the bot’s own network or cloud metadata', async () => {
    const server = await startFeedServer();
    server.route('/public.xml', { status: 302, headers: { Location: '/private.xml' } });
    server.route('/metadata.xml', { status: 301, headers: { Location: 'http://169.254.169.254/latest/meta-data/' } });
    server.route('/private.xml', { body: rss2({ title: 'secret', items: [] }) });
    // The first hop stands in for a public host (loopback is all a test has); every later hop gets the real policy.
    const checkUrl = async (url: string) => (url.endsWith('/public.xml') || url.endsWith('/metadata.xml') ? undefined : strict(url));
    const options = { timeoutMs: 60_000, maxBodyBytes: 100_000, maxRedirects: 5, checkUrl };
    expect(await fetchFeed({ url: server.url('/public.xml') }, options)).toMatchObject({ kind: 'failed', failure: 'blocked', reason: expect.stringContaining('private or local address') });
    expect(await fetchFeed({ url: server.url('/metadata.xml') }, options)).toMatchObject({ kind: 'failed', failure: 'blocked' });
    expect(server.requests('/private.xml')).toHaveLength(0);
    // Without the check (a config feed, or an operator allowing private addresses) the redirect is followed.
    expect(await fetchFeed({ url: server.url('/public.xml') }, { ...options, checkUrl: undefined })).toMatchObject({ kind: 'fetched' });
    await server.close();
  });

  it("refuses a server's feed that resolves to a private address at poll time, while config feeds are polled", async () => {
    const rig = await startRig({
      config: { allowPrivateFeedAddresses: false },
      initialItems: { wire: [story(0, 'Copper output rises', 60)] },
      // As if the name pointed somewhere public when /feed add checked it, and to loopback now.
      seed: async (kv) => {
        await kv.set('guild:500000000000000001', { ...emptyGuildSettings('500000000000000001'), feeds: [{ id: 'f1', name: 'Rebound', url: 'http://127.0.0.1:9/feed.xml', addedAt: new Date().toISOString() }] });
        await kv.set('guilds:index', ['500000000000000001']);
      },
    });
    try {
      await rig.poll();
      const failures = rig.logged('feed failed').map((e) => [e.fields.feedId, e.fields.reason]);
      expect(failures).toContainEqual(['guild-500000000000000001-f1', expect.stringMatching(/^feed URL refused: .*private or local address/)]);
      expect(failures.map(([id]) => id)).not.toContain('wire');
      expect(rig.feedServer.requests('/wire.xml').length).toBeGreaterThanOrEqual(2);
    } finally {
      await rig.close();
    }
  });
});

describe("a server's feed that answers with something other than a feed", () => {
  it('shows members a generic reason in /feeds list and /status, while the operator log keeps the detail', async () => {
    const rig = await startRig();
    try {
      // A feed when it is added, an internal JSON document when it is polled (DNS pointing elsewhere, say).
      rig.feedServer.route('/credentials', { body: rss2({ title: 'Looks fine', items: [] }) });
      const added = await rig.command('feed', { url: rig.feedServer.url('/credentials') }, 'add');
      expect(added.final.content).toMatch(/Added feed/);
      rig.feedServer.route('/credentials', { contentType: 'application/json', body: '{"AccessKeyId":"AKIAEXAMPLE","Secret":"x"}' });
      await rig.poll();
      const list = await rig.command('feeds', {}, 'list');
      const status = await rig.command('status');
      for (const reply of [list, status]) {
        const text = JSON.stringify(reply.final);
        expect(text).toContain('did not return a readable RSS or Atom feed');
        expect(text).not.toContain('AccessKeyId');
      }
      expect(rig.logged('feed failed').map((e) => String(e.fields.reason))).toContainEqual(expect.stringContaining('AccessKeyId'));
    } finally {
      await rig.close();
    }
  });
});

describe('corrupted store entries', () => {
  it('skips entries of the wrong shape with one log line each, and keeps polling and posting', async () => {
    const rig = await startRig({
      seed: async (kv, path) => {
        await kv.set('guild:600000000000000001', { guildId: '600000000000000001', subscriptions: 'everyone', rules: null });
        await kv.set('guilds:index', ['600000000000000001']);
        await kv.set('feed-state:wire', { consecutiveFailures: 'many', etag: 42 });
        await kv.set('outbox:index', [{ id: 'ghost', time: '2026-01-01T00:00:00Z' }, { id: 'bent', time: '2026-01-01T00:00:00Z' }]);
        await kv.set('outbox:alert:bent', { alert: { channelId: '1', item: 'not an item' }, attempts: 0 });
        // And one row that is not JSON at all, as a torn write would leave it.
        const sqlite3 = (await import('sqlite3')).default;
        const db = new sqlite3.Database(path);
        await new Promise<void>((resolve, reject) => db.run(`INSERT INTO keyv (key, value) VALUES ('seen:item:wire:s-1', '{"value":')`, (e) => (e ? reject(e) : resolve())));
        await new Promise<void>((resolve) => db.close(() => resolve()));
      },
    });
    try {
      await rig.subscribe('alerts');
      rig.serve('wire', [story(1, 'Dysprosium recycling pilot starts', 5), story(2, 'Terbium contract signed in Tokyo', 1)]);
      await rig.poll();
      await rig.poll();
      expect(rig.titles('alerts')).toEqual(['Dysprosium recycling pilot starts', 'Terbium contract signed in Tokyo']);
      const skipped = rig.logged('skipped unreadable store entry').map((e) => e.fields.key);
      expect(skipped).toEqual(expect.arrayContaining(['guild:600000000000000001', 'feed-state:wire', 'outbox:alert:bent', 'seen:item:wire:s-1']));
      expect(new Set(skipped).size).toBe(skipped.length);
      expect(rig.logged('poll cycle failed')).toEqual([]);
      expect(rig.logged('delivery round failed')).toEqual([]);
    } finally {
      await rig.close();
    }
  });
});
