import type { StatusReport } from '../../../src/discord/bot-deps';
import { COMMAND_DEFINITIONS } from '../../../src/discord/commands/definitions';
import type { InvokeCommandInput, TwinGuild } from '../../support/discord-twin';
import { rss2 } from '../../support/feed-builders';
import { startFeedServer, type FeedServer } from '../../support/feed-server';
import { startCommandHarness, type CommandHarness } from './start-command-harness';
import { ADMIN } from '../../support/app-rig';

const REPORT: StatusReport = { feeds: [], alertsLast24h: 0, broken: [], pendingAlerts: 0 };
const MEMBER = '100000000000000002';

interface Embed {
  title?: string;
  description?: string;
  color?: number;
  url?: string;
  fields?: { name: string; value: string }[];
}

let h: CommandHarness;
let feeds: FeedServer;
let g: TwinGuild;

beforeAll(async () => {
  feeds = await startFeedServer();
  h = await startCommandHarness(REPORT);
  g = h.twin.addGuild({ channels: [{ name: 'general' }, { name: 'alerts' }], roles: [{ name: 'traders' }], members: [{ userId: ADMIN, permissions: 'manage-guild' }, { userId: MEMBER }] });
  // Until the guild reached discord.js's cache (a minute at most: a hang guard, not a speed check).
  for (let i = 0; i < 6000 && !h.client.guilds.cache.has(g.id); i++) await new Promise((r) => setTimeout(r, 10));
});

afterAll(async () => {
  await h?.close();
  await feeds?.close();
});

async function run(userId: string, command: string, options: InvokeCommandInput['options'] = {}) {
  const [name, subcommand] = command.split(' ') as [string, string | undefined];
  const result = await h.twin.invokeCommand({ guildId: g.id, channelId: g.channelId('general'), userId, name, subcommand, options });
  expect(result.ephemeral).toBe(true);
  return { type: result.type, content: result.final.content ?? '', embeds: (result.final.embeds ?? []) as Embed[] };
}

const suggest = (command: string, focused: string, typed: string) => {
  const [name, subcommand] = command.split(' ') as [string, string];
  return h.twin.autocomplete({ guildId: g.id, channelId: g.channelId('general'), userId: ADMIN, name, subcommand, focused, options: { [focused]: typed } });
};

describe('/help', () => {
  it('explains the bot privately in one embed that names every command and links the guide', async () => {
    h.deps.helpUrl = 'https://radar.example.org/README.md';
    try {
      const reply = await run(MEMBER, 'help');
      const embed = reply.embeds[0] ?? {};
      const text = JSON.stringify(embed);
      expect(embed.title).toBe('Rare Earth Radar');
      // each command by its full name (`/rule add`, not just the start of `/rules`)
      for (const command of COMMAND_DEFINITIONS) expect(text).toMatch(new RegExp(`/${command.name}[ \`]`));
      expect(text).toContain('Lynas AND (Japan OR JOGMEC)');
      expect(text).toContain('Full guide: https://radar.example.org/README.md');
    } finally {
      delete h.deps.helpUrl;
    }
  });

  it('still points to the guide when the operator configured no link', async () => {
    expect(JSON.stringify((await run(MEMBER, 'help')).embeds)).toContain('the README that comes with the bot');
  });
});

describe('admin commands', () => {
  it('registers /rule and /feed with Manage Server as the default permission, so Discord hides them from members', () => {
    const registered = h.twin.commands.global as { name: string; default_member_permissions?: string | null }[];
    const permission = (name: string) => registered.find((c) => c.name === name)?.default_member_permissions ?? null;
    expect([permission('rule'), permission('feed')]).toEqual(['32', '32']);
    expect([permission('rules'), permission('feeds'), permission('help')]).toEqual([null, null, null]);
  });

  it('still refuses a member the server let see /feed, and stores nothing', async () => {
    const reply = await run(MEMBER, 'feed add', { url: feeds.url('/never.xml') });
    expect(reply.content).toBe('You need the Manage Server permission to change alerts.');
    expect(feeds.requests('/never.xml')).toEqual([]);
  });
});

describe('autocomplete of ids', () => {
  beforeAll(async () => {
    await run(ADMIN, 'rule add', { topic: 'Gallium', keywords: 'gallium AND (export OR licence)' });
    await run(ADMIN, 'rule add', { topic: 'heavy-rare-earths', keywords: `Lynas AND (${Array.from({ length: 20 }, (_, i) => `plant${i}`).join(' OR ')})` });
  });

  it('suggests the rules of /rule remove by their expression, valued by id, filtered by what is typed', async () => {
    expect(await suggest('rule remove', 'id', 'expo')).toEqual([{ name: 'r1: gallium AND (export OR licence) (Gallium)', value: 'r1' }]);
    const all = await suggest('rule remove', 'id', '');
    expect(all.map((c) => c.value)).toEqual(['r1', 'r2']);
    // Discord's 100-character limit on a choice's name: cut with an ellipsis
    expect(all[1]?.name).toHaveLength(100);
    expect(all[1]?.name).toMatch(/^r2: Lynas AND \(plant0 OR .*…$/);
    expect(await suggest('rule remove', 'id', 'zinc')).toEqual([]);
  });

  it('offers at most 25 rules', async () => {
    await h.deps.guilds.update(g.id, (settings) => ({
      settings: {
        ...settings,
        nextId: settings.nextId + 30,
        rules: [...settings.rules, ...Array.from({ length: 30 }, (_, i) => ({ id: `r${100 + i}`, topicId: 'gallium', expression: `gallium ${i}`, createdAt: new Date().toISOString() }))],
      },
      result: undefined,
    }));
    try {
      expect(await suggest('rule remove', 'id', 'gallium')).toHaveLength(25);
    } finally {
      await h.deps.guilds.update(g.id, (settings) => ({ settings: { ...settings, rules: settings.rules.filter((r) => !r.id.startsWith('r1') || r.id === 'r1') }, result: undefined }));
    }
  });

  it('suggests the feeds of /feed remove by name and address', async () => {
    feeds.route('/scandium.xml', { body: rss2({ title: 'Scandium notes', items: [] }) });
    await run(ADMIN, 'feed add', { url: feeds.url('/scandium.xml'), name: 'Scandium notes' });
    const choices = await suggest('feed remove', 'id', 'scan');
    expect(choices).toEqual([{ name: `${choices[0]?.value}: Scandium notes — ${feeds.url('/scandium.xml')}`, value: expect.stringMatching(/^f\d+$/) }]);
    expect((await run(ADMIN, 'feed remove', { id: String(choices[0]?.value) })).content).toContain('Removed feed');
  });
});

describe('/feed add checks the feed first', () => {
  it('answers after a deferral with the feed title and its newest item', async () => {
    feeds.route('/cerium.xml', {
      body: rss2({
        title: 'Cerium *weekly*',
        items: [
          { title: 'Older cerium note', link: 'https://cerium.example.com/1', pubDate: 'Sat, 01 Mar 2025 08:00:00 GMT' },
          { title: 'Cerium price steadies', link: 'https://cerium.example.com/2', pubDate: 'Sun, 02 Mar 2025 08:00:00 GMT' },
        ],
      }),
    });
    const reply = await run(ADMIN, 'feed add', { url: feeds.url('/cerium.xml') });
    // Discord allows 3 s for the first answer: the bot acknowledges (type 5) and edits once the fetch is done
    expect(reply.type).toBe(5);
    expect(reply.content).toContain('Fetched it just now: **Cerium \\*weekly\\***, 2 items.');
    expect(reply.content).toContain('Newest: Cerium price steadies (<t:1740902400:R>) <https://cerium.example.com/2>');
    expect((await h.deps.guilds.get(g.id)).feeds.map((f) => f.url)).toContain(feeds.url('/cerium.xml'));
  });

  it('refuses a feed the server already has before fetching it again', async () => {
    const fetches = feeds.requests('/cerium.xml').length;
    const reply = await run(ADMIN, 'feed add', { url: feeds.url('/cerium.xml') });
    expect(reply.content).toBe('This server already has that feed. See /feeds list.');
    expect(feeds.requests('/cerium.xml')).toHaveLength(fetches);
  });

  test.each([
    ['an HTML page', { body: '<!doctype html><html><body>SECRET-PAGE-TEXT welcome</body></html>', contentType: 'text/html' }, 'it is not an RSS or Atom feed (the address answers with something else, such as a web page)'],
    ['a 404', { status: 404, body: 'SECRET-PAGE-TEXT not here' }, 'the server answered 404 Not Found'],
    ['XML that is no feed', { body: '<?xml version="1.0"?><config>SECRET-PAGE-TEXT</config>', contentType: 'application/xml' }, 'it is not an RSS or Atom feed (the address answers with something else, such as a web page)'],
  ])('refuses %s with a clear reason, stores nothing and never quotes the page', async (_what, route, reason) => {
    const path = `/bad-${Math.random().toString(36).slice(2)}`;
    feeds.route(path, route);
    const before = await h.deps.guilds.get(g.id);
    const reply = await run(ADMIN, 'feed add', { url: feeds.url(path) });
    expect(reply.content).toBe(`I did not add that feed: ${reason}. Nothing was changed.`);
    expect(reply.content).not.toContain('SECRET');
    expect(await h.deps.guilds.get(g.id)).toEqual(before);
  });
});

describe('/subscribe preview', () => {
  it('ends with a sample alert as the real formatter would post it in that channel', async () => {
    const reply = await run(ADMIN, 'subscribe', { topic: 'heavy-rare-earths', channel: g.channelId('alerts'), mention: g.roleId('traders') });
    const [first, ...rest] = reply.content.split('\n');
    expect(first).toBe(`Subscribed <#${g.channelId('alerts')}> to **Heavy rare earths**, mentioning <@&${g.roleId('traders')}>.`);
    expect(rest.join('\n')).toContain(`Each alert in <#${g.channelId('alerts')}> will look like this sample: It starts with <@&${g.roleId('traders')}>.`);
    expect(reply.embeds).toHaveLength(1);
    expect(reply.embeds[0]?.url).toBe('https://news.example.com/2025/heavy-rare-earth-offtake');
    expect(reply.embeds[0]?.title).toContain('dysprosium');
    expect(JSON.stringify(reply.embeds[0])).toContain('Heavy rare earths');
  });

  it('says when the sample story would not match the subscribed topic', async () => {
    const reply = await run(ADMIN, 'subscribe', { topic: 'gallium', channel: g.channelId('alerts') });
    expect(reply.content).toContain('This sample story matches none of the topic');
    expect(reply.embeds).toHaveLength(1);
  });
});
