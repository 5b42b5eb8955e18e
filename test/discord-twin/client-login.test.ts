import { ChannelType, DiscordAPIError, EmbedBuilder, Routes, type Client, type TextChannel } from 'discord.js';
import { loginBot, startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';

const DEFINITIONS = [
  { name: 'status', description: 'Show feed status' },
  { name: 'mute', description: 'Mute a rule', options: [{ type: 3, name: 'rule', description: 'Rule name', required: true }] },
];

describe('discord.js against the Discord twin: login, commands and messages', () => {
  let twin: DiscordTwin;
  let guild: TwinGuild;
  let client: Client<true>;
  let alerts: TextChannel;

  beforeAll(async () => {
    twin = await startDiscordTwin();
    guild = twin.addGuild({ name: 'Minerals Desk', channels: [{ name: 'alerts' }, { name: 'voice', type: 2 }] });
    client = await loginBot(twin);
    alerts = client.channels.cache.get(guild.channelId('alerts')) as TextChannel;
  });

  afterAll(async () => {
    await client?.destroy();
    await twin?.close();
  });

  it('becomes ready with the guild, its channels and the bot member cached', () => {
    const cached = client.guilds.cache.get(guild.id);
    expect(cached?.name).toBe('Minerals Desk');
    expect(cached?.channels.cache.get(guild.channelId('voice'))?.type).toBe(ChannelType.GuildVoice);
    expect(alerts.type).toBe(ChannelType.GuildText);
    expect(client.user.id).toBe(twin.botUserId);
    expect(client.application.id).toBe(twin.applicationId);
    expect(alerts.permissionsFor(client.user)?.has(['ViewChannel', 'SendMessages', 'EmbedLinks'])).toBe(true);
  });

  it('reports one identified gateway session', () => {
    expect(twin.gatewaySessions()).toEqual([expect.objectContaining({ shardId: 0, shardCount: 1, identified: true })]);
  });

  it('registers global commands through client.application.commands.set and keeps their ids on re-registration', async () => {
    const first = await client.application.commands.set(DEFINITIONS);
    const second = await client.application.commands.set(DEFINITIONS);
    expect(twin.commands.global.map((command) => (command as { name: string }).name)).toEqual(['status', 'mute']);
    expect([...second.keys()]).toEqual([...first.keys()]);
  });

  it('registers guild commands through REST and lists them back', async () => {
    await client.rest.put(Routes.applicationGuildCommands(twin.applicationId, guild.id), { body: DEFINITIONS });
    expect(twin.commands.guild.get(guild.id)).toHaveLength(2);
    const listed = (await client.rest.get(Routes.applicationGuildCommands(twin.applicationId, guild.id))) as { name: string; id: string }[];
    expect(listed.map((command) => command.name)).toEqual(['status', 'mute']);
  });

  it('fetches, edits and deletes one global command', async () => {
    const registered = await client.application.commands.set(DEFINITIONS);
    const status = registered.find((command) => command.name === 'status');
    if (!status) throw new Error('status command missing');
    expect((await client.application.commands.fetch(status.id, { force: true })).name).toBe('status');
    const edited = await client.application.commands.edit(status.id, { description: 'Show every feed' });
    expect(edited.description).toBe('Show every feed');
    await client.application.commands.delete(status.id);
    expect(twin.commands.global.map((command) => (command as { name: string }).name)).toEqual(['mute']);
  });

  it('rejects an invalid command name with 50035', async () => {
    const attempt = client.rest.put(Routes.applicationCommands(twin.applicationId), { body: [{ name: 'Bad Name', description: 'x' }] });
    await expect(attempt).rejects.toMatchObject({ status: 400, code: 50035 });
  });

  it('stores a message with an embed and the allowed mentions it was sent with', async () => {
    const sent = await alerts.send({
      content: 'New item',
      embeds: [new EmbedBuilder().setTitle('Rare earth prices').setDescription('Neodymium up').setURL('https://example.com/a')],
      allowedMentions: { parse: [] },
    });
    const [stored] = twin.messages(alerts.id);
    expect(stored).toMatchObject({ id: sent.id, content: 'New item', allowed_mentions: { parse: [] } });
    expect(stored?.embeds).toEqual([{ title: 'Rare earth prices', description: 'Neodymium up', url: 'https://example.com/a' }]);
    expect(sent.embeds[0]?.title).toBe('Rare earth prices');
  });

  it.each([
    ['a title over 256 characters', { title: 'x'.repeat(257) }, { embeds: { 0: { title: { _errors: [expect.objectContaining({ code: 'BASE_TYPE_MAX_LENGTH' })] } } } }],
    ['more than 6000 characters in total', { description: 'y'.repeat(4096), fields: [{ name: 'n', value: 'v'.repeat(1024) }, { name: 'n', value: 'v'.repeat(1024) }] }, { embeds: { _errors: [expect.objectContaining({ code: 'MAX_EMBED_SIZE_EXCEEDED' })] } }],
  ])('rejects an embed with %s as 400 / 50035', async (_label, embed, errors) => {
    const error = await alerts.send({ embeds: [embed] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 50035, rawError: { errors } });
  });

  it('rejects an empty message with 50006', async () => {
    await expect(client.rest.post(Routes.channelMessages(alerts.id), { body: { content: '' } })).rejects.toMatchObject({ code: 50006 });
  });

  it('edits and fetches a message', async () => {
    const sent = await alerts.send('draft');
    await sent.edit('final text');
    const fetched = await alerts.messages.fetch({ message: sent.id, force: true });
    expect(fetched.content).toBe('final text');
    expect(twin.messages(alerts.id).find((message) => message.id === sent.id)?.edited_timestamp).not.toBeNull();
  });

  it('serves guild, channel and member lookups', async () => {
    const fetchedGuild = await client.guilds.fetch({ guild: guild.id, force: true });
    const channel = await client.channels.fetch(alerts.id, { force: true });
    const member = await fetchedGuild.members.fetch({ user: twin.botUserId, force: true });
    const me = (await client.rest.get(Routes.user('@me'))) as { id: string; bot: boolean };
    expect(me).toMatchObject({ id: twin.botUserId, bot: true });
    expect(fetchedGuild.roles.cache.has(guild.id)).toBe(true);
    expect(channel?.id).toBe(alerts.id);
    expect(member.roles.cache.has(guild.botRoleId)).toBe(true);
  });

  it('answers 401 to a request with a wrong token', async () => {
    const response = await fetch(`${twin.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot wrong' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });
});
