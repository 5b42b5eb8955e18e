import type { APIEmbed } from 'discord.js';
import type { TwinGuild } from '../support/discord-twin';
import { assertWithinDiscordLimits } from '../support/discord-limits';
import { createWirePublisher, startBotHarness, type BotHarness } from './bot-harness';

const ADMIN_A = '100000000000000001';
const MEMBER_A = '100000000000000002';
const ADMIN_B = '100000000000000003';

describe('alerts in Discord, driven by slash commands', () => {
  let h: BotHarness;
  let a: TwinGuild;
  let b: TwinGuild;
  /** Publishes one story on the local feed and polls. */
  let publish: ReturnType<typeof createWirePublisher>;
  const command = (guild: TwinGuild, userId: string, name: string, subcommand?: string, options?: Record<string, string>) =>
    h.twin.invokeCommand({ guildId: guild.id, channelId: guild.channels[0]!.id, userId, name, subcommand, options });
  const embedsIn = (channelId: string) => h.twin.messages(channelId).map((m) => m.embeds[0] as APIEmbed);

  beforeAll(async () => {
    h = await startBotHarness({ feedPaths: ['/wire.xml'] });
    publish = createWirePublisher(h);
    a = h.twin.addGuild({
      name: 'Metals desk',
      channels: [{ name: 'alerts' }, { name: 'japan' }],
      roles: [{ name: 'traders' }],
      members: [{ userId: ADMIN_A, permissions: 'manage-guild' }, { userId: MEMBER_A, permissions: 'member' }],
    });
    b = h.twin.addGuild({ name: 'Magnet makers', channels: [{ name: 'news' }], members: [{ userId: ADMIN_B, permissions: 'admin' }] });
    await h.start();
  });
  afterAll(() => h.close());

  it('posts a matching story as an embed in the subscribed channel, mentioning only the chosen role', async () => {
    const reply = await command(a, ADMIN_A, 'subscribe', undefined, { topic: 'heavy-rare-earths', channel: a.channelId('alerts'), mention: a.roleId('traders') });
    expect(reply.ephemeral).toBe(true);
    expect(reply.final.content).toContain('Subscribed');
    await command(b, ADMIN_B, 'subscribe', undefined, { channel: b.channelId('news') });

    await publish('Dysprosium prices jump as Myanmar border closes', { description: 'Heavy rare earth buyers scramble for dysprosium and terbium.' });

    const [message] = h.twin.messages(a.channelId('alerts'));
    expect(message?.content).toBe(`<@&${a.roleId('traders')}>`);
    expect(message?.allowed_mentions).toEqual({ parse: [], roles: [a.roleId('traders')] });
    const embed = message?.embeds[0] as APIEmbed;
    expect(embed.title).toBe('Dysprosium prices jump as Myanmar border closes');
    expect(embed.url).toBe('https://wire.example/story-1');
    expect(embed.color).toBe(0x8e44ad);
    expect(embed.description).toContain('**dysprosium**');
    expect(JSON.stringify(embed)).toMatch(/<t:\d+:[fR]>/);
    expect(JSON.stringify(embed.fields)).toContain('Heavy rare earths');
    expect(h.twin.messages(b.channelId('news'))).toHaveLength(1);
  });

  it('posts a story matching two topics once per channel', async () => {
    await command(a, ADMIN_A, 'subscribe', undefined, { topic: 'japan-supply-chain', channel: a.channelId('alerts') });
    const before = h.twin.messages(a.channelId('alerts')).length;
    await publish('JOGMEC takes stake in terbium separation venture');
    const after = h.twin.messages(a.channelId('alerts'));
    expect(after).toHaveLength(before + 1);
    expect(JSON.stringify(after.at(-1)?.embeds)).toMatch(/Heavy rare earths.*Japan's supply chain/);
  });

  it("refuses a plain member's rule and keeps a server's own rule inside that server", async () => {
    const refused = await command(a, MEMBER_A, 'rule', 'add', { topic: 'Graphite', keywords: 'graphite anode' });
    expect(refused.final.content).toMatch(/Manage Server/);
    const added = await command(a, ADMIN_A, 'rule', 'add', { topic: 'Graphite', keywords: 'graphite anode' });
    expect(added.final.content).toMatch(/Added rule `r\d+` to \*\*Graphite\*\*/);
    await command(a, ADMIN_A, 'subscribe', undefined, { topic: 'Graphite', channel: a.channelId('japan') });
    const newsBefore = h.twin.messages(b.channelId('news')).length;

    await publish('Graphite anode plant approved in Quebec');

    expect(embedsIn(a.channelId('japan')).map((e) => e.title)).toEqual(['Graphite anode plant approved in Quebec']);
    expect(h.twin.messages(b.channelId('news'))).toHaveLength(newsBefore);
    const listB = await command(b, ADMIN_B, 'rules', 'list');
    expect(JSON.stringify(listB.final)).not.toContain('graphite anode');
  });

  it('stops a muted topic in that server only, and brings it back on unmute', async () => {
    const muted = await command(a, ADMIN_A, 'mute', undefined, { topic: 'heavy-rare-earths', duration: '2d' });
    expect(muted.final.content).toMatch(/Muted \*\*Heavy rare earths\*\* until <t:\d+:f>/);
    const alertsBefore = h.twin.messages(a.channelId('alerts')).length;
    const newsBefore = h.twin.messages(b.channelId('news')).length;
    await publish('Terbium output falls at southern Chinese mines');
    expect(h.twin.messages(a.channelId('alerts'))).toHaveLength(alertsBefore);
    expect(h.twin.messages(b.channelId('news'))).toHaveLength(newsBefore + 1);

    const unmuted = await command(a, ADMIN_A, 'unmute', undefined, { topic: 'heavy-rare-earths' });
    expect(unmuted.final.content).toContain('Unmuted');
    await publish('Heavy rare earth stockpile plan unveiled');
    expect(embedsIn(a.channelId('alerts')).at(-1)?.title).toBe('Heavy rare earth stockpile plan unveiled');
  });

  it('never pings anyone from feed text', async () => {
    await publish('@everyone dysprosium <@&999> alert <@123456789012345678> @here', { description: 'Terbium @everyone [click](https://evil.example) **bold**' });
    for (const channelId of [a.channelId('alerts'), b.channelId('news')]) {
      const message = h.twin.messages(channelId).at(-1)!;
      expect(message.allowed_mentions).toMatchObject({ parse: [] });
      expect((message.allowed_mentions as { roles?: string[] }).roles ?? []).not.toContain('999');
      expect(message.content).not.toMatch(/@everyone|@here|<@&999>/);
      const text = JSON.stringify(message.embeds);
      expect(text).not.toMatch(/(?<!\u200b)@everyone/);
      expect(text).not.toContain('<@&999>');
      assertWithinDiscordLimits({ content: message.content, embeds: message.embeds as APIEmbed[] });
    }
  });

  it('marks a subscription broken when its channel is deleted, shows it in /status, and keeps others going', async () => {
    const alerts = a.channelId('alerts');
    h.twin.deleteChannel(a.id, alerts);
    const newsBefore = h.twin.messages(b.channelId('news')).length;
    await publish('Dysprosium magnet recycling pilot opens');
    expect(h.twin.messages(b.channelId('news'))).toHaveLength(newsBefore + 1);
    const status = await command(a, ADMIN_A, 'status');
    expect(JSON.stringify(status.final)).toMatch(/cannot|can't|broken|undeliver/i);
    expect(JSON.stringify(status.final)).toContain(alerts);
    // Not retried forever: the next story does not try the deleted channel again.
    const attempts = () => h.twin.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${alerts}/messages`).length;
    const tried = attempts();
    await publish('Terbium contract signed with Japanese magnet maker');
    expect(attempts()).toBe(tried);
  });
});
