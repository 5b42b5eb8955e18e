import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  Events,
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type TextChannel,
} from 'discord.js';
import { loginBot, startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';
import { validateMessageBody } from '../support/discord-twin/validate-message';

const ADA = '111111111111111111';
const BO = '222222222222222222';
const long = (length: number): string => 'x'.repeat(length);
const button = (customId: string, label: string, disabled = false) => ({ type: 2, style: 2, custom_id: customId, label, disabled });
const row = (...components: unknown[]) => ({ type: 1, components });

describe('validateMessageBody on components', () => {
  it.each([
    ['a row of five buttons', { components: [row(...Array.from({ length: 5 }, (_, i) => button(`b${i}`, 'Next')))] }],
    ['five rows', { components: Array.from({ length: 5 }, (_, i) => row(button(`b${i}`, 'x'))) }],
    ['a label of 80 and a custom_id of 100', { components: [row(button(long(100), long(80)))] }],
    ['a link button', { content: 'a', components: [row({ type: 2, style: 5, label: 'Read', url: 'https://example.com/a' })] }],
    ['a select menu alone in its row', { components: [row({ type: 3, custom_id: 'pick', options: [{ label: 'a', value: 'a' }] })] }],
  ])('accepts %s', (_label, body) => {
    expect(validateMessageBody(body)).toBeNull();
  });

  it.each([
    ['six rows', { components: Array.from({ length: 6 }, (_, i) => row(button(`b${i}`, 'x'))) }, ['components'], 'BASE_TYPE_MAX_LENGTH'],
    ['six buttons in a row', { components: [row(...Array.from({ length: 6 }, (_, i) => button(`b${i}`, 'x')))] }, ['components', '0', 'components'], 'BASE_TYPE_MAX_LENGTH'],
    ['an empty row', { content: 'a', components: [row()] }, ['components', '0', 'components'], 'BASE_TYPE_MIN_LENGTH'],
    ['a button outside a row', { content: 'a', components: [button('b', 'x')] }, ['components', '0', 'type'], 'UNION_TYPE_CHOICES'],
    ['a label over 80', { components: [row(button('b', long(81)))] }, ['components', '0', 'components', '0', 'label'], 'BASE_TYPE_MAX_LENGTH'],
    ['a custom_id over 100', { components: [row(button(long(101), 'x'))] }, ['components', '0', 'components', '0', 'custom_id'], 'BASE_TYPE_MAX_LENGTH'],
    ['a button without custom_id', { components: [row({ type: 2, style: 1, label: 'x' })] }, ['components', '0', 'components', '0', 'custom_id'], 'BASE_TYPE_REQUIRED'],
    ['an unknown button style', { components: [row({ type: 2, style: 9, label: 'x', custom_id: 'b' })] }, ['components', '0', 'components', '0', 'style'], 'UNION_TYPE_CHOICES'],
    ['a button without label or emoji', { components: [row({ type: 2, style: 1, custom_id: 'b' })] }, ['components', '0', 'components', '0', 'label'], 'BASE_TYPE_REQUIRED'],
    ['the same custom_id twice', { components: [row(button('b', 'x'), button('b', 'y'))] }, ['components', '0', 'components', '1', 'custom_id'], 'COMPONENT_CUSTOM_ID_DUPLICATED'],
    ['a link button with a custom_id', { components: [row({ type: 2, style: 5, label: 'x', url: 'https://a.example', custom_id: 'b' })] }, ['components', '0', 'components', '0', 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED'],
    ['a select menu next to a button', { components: [row({ type: 3, custom_id: 's', options: [] }, button('b', 'x'))] }, ['components', '0', 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED'],
  ])('rejects %s with 50035 at the field', (_label, body, path, code) => {
    const error = validateMessageBody(body);
    expect(error).toMatchObject({ code: 50035 });
    let node: unknown = error?.errors;
    for (const key of path) node = (node as Record<string, unknown>)[key];
    expect((node as { _errors: { code: string }[] })._errors.map((entry) => entry.code)).toContain(code);
  });
});

describe('button clicks through the Discord twin', () => {
  let twin: DiscordTwin;
  let guild: TwinGuild;
  let client: Client<true>;
  const clicks = new Map<string, (interaction: ButtonInteraction) => Promise<unknown>>();
  let command: (interaction: ChatInputCommandInteraction) => Promise<unknown> = async () => undefined;
  const lateErrors: unknown[] = [];

  const pager = (page: number) =>
    new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId(`page:${page - 1}`).setLabel('Previous').setStyle(ButtonStyle.Secondary).setDisabled(page === 1),
      new ButtonBuilder().setCustomId(`page:${page + 1}`).setLabel('Next').setStyle(ButtonStyle.Secondary).setDisabled(page === 3),
    );

  beforeAll(async () => {
    twin = await startDiscordTwin();
    guild = twin.addGuild({ channels: [{ name: 'alerts' }], members: [{ userId: ADA, username: 'ada', permissions: 'admin' }, { userId: BO, username: 'bo' }] });
    client = await loginBot(twin);
    await client.application.commands.set([{ name: 'pages', description: 'Paged answer' }], guild.id);
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      const handler = interaction.isButton() ? clicks.get(interaction.customId.split(':')[0] ?? '') : undefined;
      if (interaction.isButton()) handler?.(interaction).catch((error: unknown) => lateErrors.push(error));
      else if (interaction.isChatInputCommand()) command(interaction).catch((error: unknown) => lateErrors.push(error));
    });
  });

  afterAll(async () => {
    await client?.destroy();
    await twin?.close();
  });

  afterEach(() => {
    expect(lateErrors).toEqual([]);
  });

  const invokePages = () => twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: ADA, name: 'pages' });

  it('delivers a click as a component interaction whose update (type 7) replaces the ephemeral page', async () => {
    command = (interaction) => interaction.reply({ content: 'page 1', components: [pager(1)], flags: MessageFlags.Ephemeral });
    let seen: { customId: string; userId: string; messageId: string; invokerId?: string } | undefined;
    clicks.set('page', (interaction) => {
      seen = { customId: interaction.customId, userId: interaction.user.id, messageId: interaction.message.id, invokerId: interaction.message.interactionMetadata?.user.id };
      const page = Number(interaction.customId.split(':')[1]);
      return interaction.update({ content: `page ${page}`, components: [pager(page)] });
    });
    const reply = await invokePages();
    expect(reply.messageId).toEqual(expect.any(String));
    expect(reply.final.components).toHaveLength(1);

    const click = await twin.clickButton({ userId: ADA, messageId: String(reply.messageId), customId: 'page:2' });
    expect(click.type).toBe(7);
    expect(seen).toEqual({ customId: 'page:2', userId: ADA, messageId: reply.messageId, invokerId: ADA });
    expect(reply.final.content).toBe('page 2');
    expect(JSON.stringify(reply.final.components)).toContain('"custom_id":"page:3"');
  });

  it('refuses clicks Discord would not allow: on a disabled button, a missing one, or by someone who cannot see the ephemeral message', async () => {
    command = (interaction) => interaction.reply({ content: 'page 1', components: [pager(1)], flags: MessageFlags.Ephemeral });
    const reply = await invokePages();
    const messageId = String(reply.messageId);
    await expect(twin.clickButton({ userId: ADA, messageId, customId: 'page:0' })).rejects.toThrow(/disabled/);
    await expect(twin.clickButton({ userId: ADA, messageId, customId: 'page:9' })).rejects.toThrow(/no button "page:9"/);
    await expect(twin.clickButton({ userId: BO, messageId, customId: 'page:2' })).rejects.toThrow(/ephemeral/);
  });

  it('lets a bot defer the update (type 6) and then edit the message the button is on', async () => {
    command = (interaction) => interaction.reply({ content: 'page 1', components: [pager(1)], flags: MessageFlags.Ephemeral });
    clicks.set('page', async (interaction) => {
      await interaction.deferUpdate();
      return interaction.editReply({ content: 'page 2 (slow)', components: [pager(2)] });
    });
    const reply = await invokePages();
    const click = await twin.clickButton({ userId: ADA, messageId: String(reply.messageId), customId: 'page:2' });
    expect(click.type).toBe(6);
    expect(reply.final.content).toBe('page 2 (slow)');
  });

  it('rejects an update with an invalid component, and the message stays as it was', async () => {
    command = (interaction) => interaction.reply({ content: 'page 1', components: [pager(1)], flags: MessageFlags.Ephemeral });
    const failures: unknown[] = [];
    clicks.set('page', (interaction) =>
      interaction.update({ content: 'broken', components: [{ type: 1, components: [{ type: 2, style: 2, custom_id: 'page:x', label: long(81) }] }] }).catch((error: unknown) => {
        failures.push(error);
        return interaction.reply({ content: 'could not turn the page', flags: MessageFlags.Ephemeral });
      }),
    );
    const reply = await invokePages();
    await twin.clickButton({ userId: ADA, messageId: String(reply.messageId), customId: 'page:2' });
    expect(String(failures[0])).toMatch(/Invalid Form Body/);
    expect(reply.final.content).toBe('page 1');
  });

  it('delivers clicks on a channel message with buttons to anyone who sees it, and the update edits that message', async () => {
    const channel = client.channels.cache.get(guild.channelId('alerts')) as TextChannel;
    const sent = await channel.send({ content: 'alert', components: [new ActionRowBuilder<ButtonBuilder>().addComponents(new ButtonBuilder().setCustomId('mute:24h').setLabel('Mute topic 24h').setStyle(ButtonStyle.Secondary))] });
    clicks.set('mute', (interaction) => interaction.update({ content: `alert (muted by <@${interaction.user.id}>)`, components: [] }));
    const click = await twin.clickButton({ userId: BO, messageId: sent.id, customId: 'mute:24h' });
    expect(click.type).toBe(7);
    const stored = twin.messages(guild.channelId('alerts')).find((m) => m.id === sent.id);
    expect(stored?.content).toBe(`alert (muted by <@${BO}>)`);
    expect(stored?.components).toEqual([]);
  });
});
