import type { APIEmbed } from 'discord.js';
import type { TwinGuild, TwinMessage } from '../support/discord-twin';
import { assertWithinDiscordLimits } from '../support/discord-limits';
import { createWirePublisher, startBotHarness, type BotHarness } from './bot-harness';
import { eventually } from '../support/eventually';
import { ADMIN } from '../support/app-rig';

const MEMBER = '100000000000000012';

interface Button {
  custom_id: string;
  label: string;
}
const buttonsOf = (message: TwinMessage | undefined): Button[] =>
  ((message?.components ?? []) as { components: Button[] }[]).flatMap((row) => row.components);

describe('forum channels and the buttons on alerts', () => {
  let h: BotHarness;
  let g: TwinGuild;
  /** Publishes one story on the local feed and polls. */
  let publish: ReturnType<typeof createWirePublisher>;
  const command = (userId: string, name: string, options?: Record<string, string>) =>
    h.twin.invokeCommand({ guildId: g.id, channelId: g.channelId('alerts'), userId, name, options });
  const click = (userId: string, message: TwinMessage, customId: string) => h.twin.clickButton({ userId, messageId: message.id, customId });

  beforeAll(async () => {
    // No back-off between attempts and a quick look at a waiting outbox, so a resend happens at once.
    h = await startBotHarness({ feedPaths: ['/wire.xml'], timings: { sendRetry: { baseMs: 0, maxMs: 0 }, deliveryCheckMs: 20 } });
    publish = createWirePublisher(h);
    g = h.twin.addGuild({
      name: 'Magnet desk',
      channels: [
        { name: 'alerts' },
        { name: 'newsroom', type: 15, availableTags: ['heavy RARE earths', 'Politics', "Japan's supply chain"] },
        { name: 'closed-forum', type: 15, availableTags: ['Politics'] },
        { name: 'studio', type: 2 },
      ],
      members: [{ userId: ADMIN, permissions: 'manage-guild' }, { userId: MEMBER, permissions: 'member' }],
    });
    h.twin.setBotPermissions(g.id, g.channelId('closed-forum'), false);
    await h.start();
  });
  afterAll(() => h.close());

  it('posts each story in a subscribed forum as a new post titled with the headline, tagged with its topics', async () => {
    const reply = await command(ADMIN, 'subscribe', { channel: g.channelId('newsroom') });
    expect(reply.final.content).toContain('Subscribed');

    await publish('Dysprosium quota cut lifts heavy rare earth prices', { description: 'Terbium follows dysprosium higher.' });
    await publish('JOGMEC backs terbium recycling plant in Kyushu');

    const posts = h.twin.forumPosts(g.channelId('newsroom'));
    expect(posts.map((p) => p.name)).toEqual(['Dysprosium quota cut lifts heavy rare earth prices', 'JOGMEC backs terbium recycling plant in Kyushu']);
    expect(posts[0]!.tags).toEqual(['heavy RARE earths']);
    expect(posts[1]!.tags.sort()).toEqual(['heavy RARE earths', "Japan's supply chain"].sort());
    expect(posts[0]!.ownerId).toBe(h.twin.botUserId);
    const embed = posts[0]!.message.embeds[0] as APIEmbed;
    expect(embed.title).toBe('Dysprosium quota cut lifts heavy rare earth prices');
    expect(buttonsOf(posts[0]!.message).map((b) => b.label)).toEqual(['Mute topic 24 h', 'Why this alert?']);
    // Nothing is posted into the forum as a plain message, and text channels are untouched.
    expect(h.twin.messages(g.channelId('newsroom'))).toHaveLength(0);
    expect(h.twin.messages(g.channelId('alerts'))).toHaveLength(0);
  });

  it('cuts a forum post title to 100 characters and keeps the full headline in the embed', async () => {
    const headline = `Dysprosium ${'and terbium supply outlook '.repeat(6)}for magnet makers`;
    await publish(headline);
    const post = h.twin.forumPosts(g.channelId('newsroom')).at(-1)!;
    expect([...post.name]).toHaveLength(100);
    expect(post.name.endsWith('…')).toBe(true);
    expect((post.message.embeds[0] as APIEmbed).title).toBe(headline);
  });

  it('does not post a forum story twice when the answer to its creation was lost', async () => {
    const before = h.twin.forumPosts(g.channelId('newsroom')).length;
    h.twin.failRest({ status: 'drop', match: /\/threads$/, afterStore: true });
    await publish('Terbium oxide shipments resume from Malaysia');
    // The next round would resend: it looks through the forum's posts first, and finds it.
    await eventually(() => expect(h.twin.requests.filter((r) => r.path.endsWith('/threads/active')).length).toBeGreaterThan(0));
    await h.app.settle();
    await h.poll();
    const posts = h.twin.forumPosts(g.channelId('newsroom')).filter((p) => p.name === 'Terbium oxide shipments resume from Malaysia');
    expect(posts).toHaveLength(1);
    expect(h.twin.forumPosts(g.channelId('newsroom'))).toHaveLength(before + 1);
  });

  it('refuses a forum the bot cannot create posts in, and a voice channel, storing nothing', async () => {
    const refused = await command(ADMIN, 'subscribe', { channel: g.channelId('closed-forum') });
    expect(refused.ephemeral).toBe(true);
    expect(refused.final.content).toMatch(/I can't post alerts there: I am missing Create Posts in <#\d+>.*Nothing was changed\./);
    const voice = await command(ADMIN, 'subscribe', { channel: g.channelId('studio') });
    expect(voice.final.content).toMatch(/is not a text, announcement or forum channel.*Nothing was changed\./);
    const list = await command(ADMIN, 'subscriptions');
    expect(list.final.content).not.toContain(g.channelId('closed-forum'));
    expect(list.final.content).not.toContain(g.channelId('studio'));
  });

  it('refuses a digest or compact alerts in a forum, which gets one post per story, storing nothing', async () => {
    const before = (await command(ADMIN, 'subscriptions')).final.content;
    const digest = await command(ADMIN, 'subscribe', { channel: g.channelId('newsroom'), mode: 'daily' });
    expect(digest.ephemeral).toBe(true);
    expect(digest.final.content).toMatch(/forum channel gets one post per story.*Nothing was changed\./);
    const compact = await command(ADMIN, 'subscribe', { channel: g.channelId('newsroom'), compact: true as unknown as string });
    expect(compact.final.content).toMatch(/forum channel gets one post per story.*Nothing was changed\./);
    expect((await command(ADMIN, 'subscriptions')).final.content).toBe(before);
  });

  describe('buttons on an alert in a text channel', () => {
    let alert: TwinMessage;

    beforeAll(async () => {
      await command(ADMIN, 'subscribe', { channel: g.channelId('alerts'), topic: 'heavy-rare-earths' });
      await publish('Heavy rare earth separation plant opens in Texas', { description: 'The plant will refine dysprosium.' });
      alert = h.twin.messages(g.channelId('alerts')).at(-1)!;
    });

    it('carries one row with "Mute topic 24 h" and "Why this alert?", within Discord limits', () => {
      expect(buttonsOf(alert)).toEqual([
        expect.objectContaining({ label: 'Mute topic 24 h', custom_id: 'alert:mute:heavy-rare-earths' }),
        expect.objectContaining({ label: 'Why this alert?', custom_id: expect.stringMatching(/^alert:why:[\w-]{22}$/) }),
      ]);
      assertWithinDiscordLimits({ content: alert.content, embeds: alert.embeds as APIEmbed[] });
    });

    it('explains to anyone, privately, which topic, rule, terms and feed sent the alert', async () => {
      const why = buttonsOf(alert)[1]!.custom_id;
      const answer = await click(MEMBER, alert, why);
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toContain('Heavy rare earth separation plant opens in Texas');
      expect(answer.content).toContain('Topic **Heavy rare earths**');
      expect(answer.content).toMatch(/`heavy rare earth`/);
      expect(answer.content).toMatch(/rule `[^`]+`: `heavy rare earth, dysprosium, terbium`/);
      expect(answer.content).toContain('Source: **Wire 1**');
    });

    it('refuses the mute to a member without Manage Server, privately, and mutes nothing', async () => {
      const answer = await click(MEMBER, alert, 'alert:mute:heavy-rare-earths');
      expect(answer.ephemeral).toBe(true);
      expect(answer.content).toMatch(/Manage Server/);
      const mutes = await command(ADMIN, 'mutes');
      expect(mutes.final.content).toContain('No topic is muted');
    });

    it('keeps both buttons working after a restart, and a manager mutes the topic for 24 hours', async () => {
      await h.restart();
      const why = await click(ADMIN, alert, buttonsOf(alert)[1]!.custom_id);
      expect(why.content).toContain('Topic **Heavy rare earths**');

      const muted = await click(ADMIN, alert, 'alert:mute:heavy-rare-earths');
      expect(muted.ephemeral).toBe(true);
      const until = /until <t:(\d+):f>/.exec(muted.content ?? '');
      expect(muted.content).toContain('Muted **Heavy rare earths**');
      expect(Number(until?.[1]) * 1000 - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
      expect(Number(until?.[1]) * 1000 - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);

      const before = h.twin.messages(g.channelId('alerts')).length;
      await publish('Dysprosium magnet exports fall for a third month');
      expect(h.twin.messages(g.channelId('alerts'))).toHaveLength(before);
    });
  });
});
