import type { StatusReport } from '../../../src/discord/bot-deps';
import { GENERIC_FAILURE } from '../../../src/discord/interactions/handle-interaction';
import { MANAGE_GUILD_REQUIRED } from '../../../src/discord/interactions/require-manage-guild';
import type { InvokeCommandInput, TwinGuild } from '../../support/discord-twin';
import { rss2 } from '../../support/feed-builders';
import { startFeedServer, type FeedServer } from '../../support/feed-server';
import { startCommandHarness, type CommandHarness } from './start-command-harness';
import { ADMIN } from '../../support/app-rig';

const REPORT: StatusReport = {
  lastPollAt: '2025-03-01T10:00:00.000Z',
  nextPollAt: '2025-03-01T10:05:00.000Z',
  feeds: [
    { id: 'mining-com', name: 'MINING.COM', ok: true, lastSuccessAt: '2025-03-01T10:00:00.000Z' },
    { id: 'stockhead', name: 'Stockhead', ok: false, lastError: 'HTTP 503 Service Unavailable', failingSince: '2025-03-01T06:00:00.000Z' },
  ],
  alertsLast24h: 12,
  broken: [],
  pendingAlerts: 0,
};

let h: CommandHarness;
let feeds: FeedServer;
let a: TwinGuild;
let b: TwinGuild;
const MEMBER = '100000000000000002';

beforeAll(async () => {
  feeds = await startFeedServer();
  h = await startCommandHarness(REPORT);
  const layout = {
    channels: [{ name: 'general' }, { name: 'alerts' }, { name: 'news', type: 5 }, { name: 'locked' }, { name: 'voice', type: 2 }],
    roles: [{ name: 'traders' }],
    members: [{ userId: ADMIN, permissions: 'manage-guild' as const }, { userId: MEMBER }],
  };
  a = h.twin.addGuild({ name: 'Server A', ...layout });
  b = h.twin.addGuild({ name: 'Server B', ...layout });
  // addGuild dispatches GUILD_CREATE; wait until discord.js has cached both
  await waitFor(() => h.client.guilds.cache.has(a.id) && h.client.guilds.cache.has(b.id));
});

afterAll(async () => {
  await h?.close();
  await feeds?.close();
});

async function run(guild: TwinGuild, userId: string, command: string, options: InvokeCommandInput['options'] = {}) {
  const [name, subcommand] = command.split(' ') as [string, string | undefined];
  const result = await h.twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('general'), userId, name, subcommand, options });
  expect(result.ephemeral).toBe(true);
  return { content: result.final.content ?? '', embeds: (result.final.embeds ?? []) as { description?: string }[] };
}

const settingsOf = (guild: TwinGuild) => h.deps.guilds.get(guild.id);
const firstLine = (text: string) => text.split('\n')[0];

/** Waits for the condition (an event reaching discord.js's cache); the minute is a hang guard for a busy machine. */
async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 6000 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not met within a minute');
}

/** Whether the CHANNEL_UPDATE with the bot's deny overwrite has reached discord.js's cache. */
function botDenied(channelId: string): boolean {
  const channel = h.client.channels.cache.get(channelId);
  return channel !== undefined && 'permissionOverwrites' in channel && channel.permissionOverwrites.cache.has(h.twin.botUserId);
}

describe('subscriptions', () => {
  it('subscribes a channel for an admin, and /subscriptions shows it to members', async () => {
    const before = h.settingsChanges();
    const reply = await run(a, ADMIN, 'subscribe', { topic: 'heavy-rare-earths', channel: a.channelId('alerts'), mention: a.roleId('traders') });
    expect(firstLine(reply.content)).toBe(`Subscribed <#${a.channelId('alerts')}> to **Heavy rare earths**, mentioning <@&${a.roleId('traders')}>.`);
    expect(h.settingsChanges()).toBe(before + 1);

    const list = await run(a, MEMBER, 'subscriptions');
    expect(list.content).toContain(`<#${a.channelId('alerts')}> — **Heavy rare earths**, mentioning <@&${a.roleId('traders')}>`);
  });

  it('subscribes the channel it is used in to all topics by default', async () => {
    const reply = await run(a, ADMIN, 'subscribe');
    expect(firstLine(reply.content)).toBe(`Subscribed <#${a.channelId('general')}> to all topics.`);
    expect(await run(a, ADMIN, 'unsubscribe')).toEqual({ content: `Unsubscribed <#${a.channelId('general')}> from 1 subscription.`, embeds: [] });
  });

  it('refuses a channel the bot cannot post in, and stores nothing', async () => {
    h.twin.setBotPermissions(a.id, a.channelId('locked'), false);
    await waitFor(() => botDenied(a.channelId('locked')));
    const reply = await run(a, ADMIN, 'subscribe', { channel: a.channelId('locked') });
    expect(reply.content).toContain(`I can't post alerts there: I am missing Send Messages in <#${a.channelId('locked')}>`);
    expect((await settingsOf(a)).subscriptions.some((s) => s.channelId === a.channelId('locked'))).toBe(false);
  });

  it('flags in /subscriptions the ones Discord refused and the ones that cannot be delivered now', async () => {
    const locked = a.channelId('locked');
    const voice = a.channelId('voice');
    await h.deps.guilds.update(a.id, (settings) => ({
      settings: {
        ...settings,
        subscriptions: [
          ...settings.subscriptions,
          { channelId: locked, createdAt: new Date().toISOString() },
          { channelId: voice, topicId: 'policy-trade', createdAt: new Date().toISOString(), broken: { reason: 'Missing Access', at: '2025-03-01T09:00:00.000Z' } },
        ],
      },
      result: undefined,
    }));
    try {
      const list = await run(a, MEMBER, 'subscriptions');
      expect(list.content).toContain(`• <#${locked}> — all topics\n  ⚠️ cannot deliver: I am missing Send Messages in <#${locked}>`);
      expect(list.content).toContain(`• <#${voice}> — **Policy and trade**\n  ⚠️ stopped <t:1740819600:R>: Missing Access. Fix it, then /subscribe again.`);
    } finally {
      await h.deps.guilds.update(a.id, (settings) => ({
        settings: { ...settings, subscriptions: settings.subscriptions.filter((s) => s.channelId !== locked && s.channelId !== voice) },
        result: undefined,
      }));
    }
  });

  it('refuses an unknown topic and lists the real ones', async () => {
    const reply = await run(a, ADMIN, 'subscribe', { topic: 'zinc', channel: a.channelId('news') });
    expect(reply.content).toMatch(/^Unknown topic "zinc"\. Topics: Heavy rare earths, Japan's supply chain, .*\.$/);
  });

  it('refuses members without Manage Server before touching anything', async () => {
    const reply = await run(a, MEMBER, 'unsubscribe', { channel: a.channelId('alerts') });
    expect(reply.content).toBe(MANAGE_GUILD_REQUIRED);
    expect((await settingsOf(a)).subscriptions).toHaveLength(1);
  });
});

describe('rules', () => {
  it("refuses a plain member's /rule add and stores nothing", async () => {
    const reply = await run(b, MEMBER, 'rule add', { topic: 'Gallium', keywords: 'gallium' });
    expect(reply.content).toBe('You need the Manage Server permission to change alerts.');
    expect((await settingsOf(b)).rules).toEqual([]);
  });

  it('refuses an invalid expression with the column of the problem, and stores nothing', async () => {
    const reply = await run(b, ADMIN, 'rule add', { topic: 'Gallium', keywords: 'gallium AND (export' });
    expect(reply.content).toMatch(/^Invalid keywords: .*column \d+/);
    expect((await settingsOf(b)).rules).toEqual([]);
  });

  it('creates a server topic from a new name, which /subscribe then autocompletes and accepts', async () => {
    const reply = await run(a, ADMIN, 'rule add', { topic: 'Gallium', keywords: 'gallium AND (export OR licence)' });
    expect(reply.content).toBe('Added rule `r1` to **Gallium** (new topic for this server): `gallium AND (export OR licence)`');

    const choices = await h.twin.autocomplete({ guildId: a.id, channelId: a.channelId('general'), userId: ADMIN, name: 'subscribe', focused: 'topic', options: { topic: 'gal' } });
    expect(choices).toEqual([{ name: 'Gallium (this server)', value: 'gallium' }]);
    const subscribed = await run(a, ADMIN, 'subscribe', { topic: 'gallium', channel: a.channelId('news') });
    expect(firstLine(subscribed.content)).toBe(`Subscribed <#${a.channelId('news')}> to **Gallium**.`);
  });

  it('suggests a new topic while a new name is typed in /rule add', async () => {
    const choices = await h.twin.autocomplete({ guildId: a.id, channelId: a.channelId('general'), userId: ADMIN, name: 'rule', subcommand: 'add', focused: 'topic', options: { topic: 'Cobalt' } });
    expect(choices[0]).toEqual({ name: 'New topic: Cobalt', value: 'Cobalt' });
  });

  it('shows which rules fire on a text and the terms they matched', async () => {
    const reply = await run(a, MEMBER, 'rules test', { text: 'Lynas ships dysprosium to Japan as gallium export licence rules tighten' });
    expect(reply.content).toContain('**Heavy rare earths**\n• `heavy-rare-earths/2` matched **dysprosium**');
    expect(reply.content).toContain('• `producers-projects/1` matched **Lynas**');
    expect(reply.content).toContain('**Gallium (this server)**\n• `r1` matched **gallium**, **export**, **licence**');
  });

  it("keeps servers apart: server B neither lists nor fires server A's rule", async () => {
    const listA = await run(a, MEMBER, 'rules list', { topic: 'Gallium' });
    expect(listA.content).toContain('`r1` `gallium AND (export OR licence)`');
    const listB = await run(b, MEMBER, 'rules list');
    expect(listB.content + JSON.stringify(listB.embeds)).not.toContain('gallium AND');
    expect(listB.content + JSON.stringify(listB.embeds)).toContain('heavy-rare-earths/1');
    const testB = await run(b, MEMBER, 'rules test', { text: 'gallium export licence' });
    expect(testB.content).toBe('No rule fires on that text.');
  });

  it("removes a rule, and with it the server topic it was the last rule of", async () => {
    const reply = await run(a, ADMIN, 'rule remove', { id: 'r1' });
    expect(reply.content).toContain('Topic **Gallium** had no rules left and was removed with its subscriptions.');
    expect((await settingsOf(a)).topics).toEqual([]);
  });

  it('tests against the rules as they are now: a removed rule no longer fires, a new one does', async () => {
    const text = { text: 'gallium export licence for cobalt' };
    expect((await run(a, MEMBER, 'rules test', text)).content).toBe('No rule fires on that text.');
    expect((await run(a, ADMIN, 'rule add', { topic: 'Cobalt', keywords: 'cobalt' })).content).toContain('Added rule');
    expect((await run(a, MEMBER, 'rules test', text)).content).toContain('**Cobalt (this server)**');
    const [added] = (await settingsOf(a)).rules;
    await run(a, ADMIN, 'rule remove', { id: added?.id ?? '' });
    expect((await run(a, MEMBER, 'rules test', text)).content).toBe('No rule fires on that text.');
  });
});

describe('mutes', () => {
  it('mutes a topic for two days and /mutes lists it with a relative end time', async () => {
    const before = Date.now();
    const reply = await run(a, ADMIN, 'mute', { topic: 'prices-markets', duration: '2d' });
    expect(reply.content).toMatch(/^Muted \*\*Prices and markets\*\* until <t:\d+:f> \(<t:\d+:R>\)\.$/);
    const list = await run(a, MEMBER, 'mutes');
    const end = Number(/<t:(\d+):R>/.exec(list.content)?.[1]);
    expect(list.content).toContain('• **Prices and markets** — resumes <t:');
    expect(end * 1000).toBeGreaterThanOrEqual(before + 2 * 86_400_000 - 1000);
    expect(end * 1000).toBeLessThanOrEqual(Date.now() + 2 * 86_400_000);
  });

  it('refuses a bad duration and stores nothing', async () => {
    const reply = await run(b, ADMIN, 'mute', { topic: 'policy-trade', duration: 'soon' });
    expect(reply.content).toBe('"soon" is not a duration; use e.g. 30m, 6h, 2d or 1w');
    expect((await settingsOf(b)).mutes).toEqual([]);
  });

  it('refuses to mute an unknown topic', async () => {
    const reply = await run(b, ADMIN, 'mute', { topic: 'zinc' });
    expect(reply.content).toMatch(/^Unknown topic "zinc"\. Topics: /);
  });

  it('unmutes', async () => {
    expect((await run(a, ADMIN, 'unmute', { topic: 'Prices and markets' })).content).toBe('Unmuted **Prices and markets**: its alerts will be posted again.');
    expect((await run(a, MEMBER, 'mutes')).content).toBe('No topic is muted in this server.');
  });
});

describe('feeds and status', () => {
  it('adds, lists with health, and removes a server feed', async () => {
    feeds.route('/gallium.xml', { body: rss2({ title: 'Gallium wire', items: [{ title: 'Gallium exports resume', link: 'https://gallium.example.com/1', pubDate: 'Sat, 01 Mar 2025 08:00:00 GMT' }] }) });
    const added = await run(b, ADMIN, 'feed add', { url: feeds.url('/gallium.xml'), name: 'Gallium news' });
    expect(firstLine(added.content)).toMatch(/^Added feed `f1` \*\*Gallium news\*\* \(http:\/\/127\.0\.0\.1:\d+\/gallium\.xml\)/);
    const list = await run(b, MEMBER, 'feeds list');
    const text = list.content + (list.embeds[0]?.description ?? '');
    expect(text).toContain('`f1` **Gallium news** — ⏳ not polled yet');
    expect(text).toContain('`stockhead` **Stockhead** — ❌ failing since <t:1740808800:R>: HTTP 503 Service Unavailable');
    expect((await run(b, ADMIN, 'feed remove', { id: 'f1' })).content).toBe('Removed feed `f1` **Gallium news**.');
  });

  it('refuses a feed URL the check rejects', async () => {
    const reply = await run(b, ADMIN, 'feed add', { url: 'ftp://example.org/feed' });
    expect(reply.content).toBe("I can't use that URL: only http and https feeds can be polled");
    expect((await settingsOf(b)).feeds).toEqual([]);
  });

  it('reports polls, feed health and alerts in /status', async () => {
    const reply = await run(b, MEMBER, 'status');
    expect(reply.content).toContain('Last poll: <t:1740823200:R> · next poll: <t:1740823500:R>');
    expect(reply.content).toContain('Feeds: 1 OK, 1 failing');
    expect(reply.content).toContain('Alerts posted in the last 24 h: 12');
  });

  it('logs an unexpected failure with its stack and shows only a generic apology', async () => {
    h.setStatus(async () => {
      throw new Error('SQLITE_CORRUPT: secret internals');
    });
    try {
      const reply = await run(b, MEMBER, 'status');
      expect(reply.content).toBe(GENERIC_FAILURE);
      const logged = h.logs.find((e) => e.level === 'error' && e.message === 'command failed');
      expect((logged?.fields.err as Error).stack).toContain('SQLITE_CORRUPT');
      expect(logged?.fields.command).toBe('status');
    } finally {
      h.setStatus(async () => REPORT);
    }
  });

  it('only logs when Discord will not take the answer (the interaction expired), never throws', async () => {
    h.twin.failRest({ status: 503, untilMs: 2_000, match: /\/callback$/ });
    const invoked = h.twin.invokeCommand({ guildId: b.id, channelId: b.channelId('general'), userId: MEMBER, name: 'status' });
    await expect(invoked).rejects.toThrow(/did not answer/);
    expect(h.logs.some((e) => e.level === 'warn' && e.message?.startsWith('could not answer the command'))).toBe(true);
  });
});
