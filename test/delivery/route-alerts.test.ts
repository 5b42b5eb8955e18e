import { routeAlerts, type RoutingContext } from '../../src/delivery/route-alerts';
import type { FeedSource } from '../../src/feeds/feed-source';
import type { Rule } from '../../src/rules/rule';
import { makeGuild, makeItem, makeMatch } from '../support/builders';

const NOW = new Date('2026-11-26T12:00:00Z');
const builtInTopics = [
  { id: 'heavy', name: 'Heavy rare earths', colour: 1 },
  { id: 'japan', name: "Japan's supply chain", colour: 2 },
];
const rules: Rule[] = [
  { id: 'heavy/1', topicId: 'heavy', expression: 'dysprosium' },
  { id: 'japan/1', topicId: 'japan', expression: 'JOGMEC' },
  { id: 'guild-A/r1', topicId: 'graphite', expression: 'graphite', guildId: 'A' },
];
const feeds: FeedSource[] = [
  { id: 'mining-wire', name: 'Mining wire', url: 'https://x/feed' },
  { id: 'guild-A-f1', name: 'A only', url: 'https://a/feed', guildId: 'A' },
];
const ctx = (guilds: RoutingContext['guilds']): RoutingContext => ({ builtInTopics, guilds, rules, feeds, now: NOW });
const sub = (channelId: string, topicId?: string, mentionRoleId?: string) => ({ channelId, topicId, mentionRoleId, createdAt: NOW.toISOString() });

describe('routeAlerts', () => {
  it('posts an item matching two subscribed topics once in that channel, listing both', () => {
    const item = makeItem();
    const guild = makeGuild('A', { subscriptions: [sub('c1', 'heavy'), sub('c1', 'japan', 'role-1')] });
    const alerts = routeAlerts([{ item, matches: [makeMatch('heavy'), makeMatch('japan', 'japan/1', ['JOGMEC'])] }], ctx([guild]));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.topics.map((t) => t.id)).toEqual(['heavy', 'japan']);
    expect(alerts[0]?.mentionRoleId).toBe('role-1');
  });

  it('gives each subscribed channel its own alert, and skips channels whose topic did not match', () => {
    const guild = makeGuild('A', { subscriptions: [sub('c1', 'heavy'), sub('c2'), sub('c3', 'japan')] });
    const alerts = routeAlerts([{ item: makeItem(), matches: [makeMatch('heavy')] }], ctx([guild]));
    expect(alerts.map((a) => a.channelId)).toEqual(['c1', 'c2']);
  });

  it('drops a muted topic but keeps an expired mute from silencing anything', () => {
    const muted = makeGuild('A', { subscriptions: [sub('c1')], mutes: [{ topicId: 'heavy', createdAt: NOW.toISOString() }] });
    const expired = makeGuild('B', { subscriptions: [sub('c9')], mutes: [{ topicId: 'heavy', until: '2026-11-26T11:59:00Z', createdAt: NOW.toISOString() }] });
    const alerts = routeAlerts([{ item: makeItem(), matches: [makeMatch('heavy')] }], ctx([muted, expired]));
    expect(alerts.map((a) => a.channelId)).toEqual(['c9']);
  });

  it("keeps a server's own rule and feed inside that server", () => {
    const a = makeGuild('A', { subscriptions: [sub('a1')], topics: [{ id: 'graphite', name: 'Graphite', colour: 3 }] });
    const b = makeGuild('B', { subscriptions: [sub('b1')] });
    const byRule = routeAlerts([{ item: makeItem(), matches: [makeMatch('graphite', 'guild-A/r1', ['graphite'])] }], ctx([a, b]));
    expect(byRule.map((x) => x.channelId)).toEqual(['a1']);
    const byFeed = routeAlerts([{ item: makeItem({ feedId: 'guild-A-f1' }), matches: [makeMatch('heavy')] }], ctx([a, b]));
    expect(byFeed.map((x) => x.channelId)).toEqual(['a1']);
  });

  it('delivers nowhere a match whose rule or feed is no longer known', () => {
    const guild = makeGuild('A', { subscriptions: [sub('c1')] });
    expect(routeAlerts([{ item: makeItem(), matches: [makeMatch('heavy', 'guild-Z/r9')] }], ctx([guild]))).toEqual([]);
    expect(routeAlerts([{ item: makeItem({ feedId: 'removed-feed' }), matches: [makeMatch('heavy')] }], ctx([guild]))).toEqual([]);
  });

  it('sends nothing to a broken subscription', () => {
    const guild = makeGuild('A', { subscriptions: [{ ...sub('c1'), broken: { reason: 'Discord 404', at: NOW.toISOString() } }] });
    expect(routeAlerts([{ item: makeItem(), matches: [makeMatch('heavy')] }], ctx([guild]))).toEqual([]);
  });
});

describe('routeAlerts with an age limit for new subscriptions', () => {
  const HOUR = 3_600_000;
  const hoursBefore = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();
  test.each<[string, string | undefined, string, boolean]>([
    ['published after the subscription', hoursBefore(1), hoursBefore(10), true],
    ['published a day before it', hoursBefore(30), hoursBefore(6), true],
    ['published three days before it', hoursBefore(80), hoursBefore(6), false],
    ['undated, so timed by when it was first seen', undefined, hoursBefore(6), true],
  ])('an item %s reaches it: %p', (_label, published, createdAt, reaches) => {
    const guild = makeGuild('A', { subscriptions: [{ channelId: 'c1', createdAt }] });
    const item = makeItem({ published, firstSeen: NOW.toISOString() });
    const alerts = routeAlerts([{ item, matches: [makeMatch('heavy')] }], { ...ctx([guild]), maxItemAgeMs: 48 * HOUR });
    expect(alerts.length === 1).toBe(reaches);
  });
});

describe('routeAlerts hits', () => {
  it('stores each matched position once in the alert, however many rules found it', () => {
    const item = makeItem();
    const hit = { term: 'dysprosium', field: 'title' as const, index: 0, start: 13, end: 23 };
    const matches = [makeMatch('heavy'), makeMatch('heavy', 'heavy/2')].map((m) => ({ ...m, hits: [hit] }));
    const rulesWithTwin = [...rules, { id: 'heavy/2', topicId: 'heavy', expression: 'dysprosium' }];
    const guild = makeGuild('A', { subscriptions: [sub('c1')] });
    const [alert] = routeAlerts([{ item, matches }], { ...ctx([guild]), rules: rulesWithTwin });
    expect(alert?.hits).toEqual([hit]);
  });
});
