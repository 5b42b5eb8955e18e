import {
  ApplicationCommandOptionType,
  DiscordAPIError,
  Events,
  MessageFlags,
  type ChatInputCommandInteraction,
  type Client,
  type Interaction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { loginBot, startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';

type Handler = (interaction: ChatInputCommandInteraction) => Promise<unknown>;

const COMMANDS: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  { name: 'ping', description: 'Replies privately' },
  { name: 'slow', description: 'Defers, then edits' },
  { name: 'twice', description: 'Replies, then follows up' },
  { name: 'silent', description: 'Never answers' },
  { name: 'fetchy', description: 'Replies with withResponse' },
  { name: 'thinker', description: 'Defers, then follows up' },
  {
    name: 'subscribe',
    description: 'Manage subscriptions',
    options: [
      {
        type: ApplicationCommandOptionType.Subcommand,
        name: 'add',
        description: 'Add a subscription',
        options: [
          { type: ApplicationCommandOptionType.Channel, name: 'channel', description: 'Where alerts go', required: true },
          { type: ApplicationCommandOptionType.String, name: 'rule', description: 'Rule name', required: true, autocomplete: true },
          { type: ApplicationCommandOptionType.Integer, name: 'limit', description: 'Max per hour' },
          { type: ApplicationCommandOptionType.Role, name: 'ping', description: 'Role to mention' },
        ],
      },
    ],
  },
];

describe('interactions through the Discord twin', () => {
  let twin: DiscordTwin;
  let guild: TwinGuild;
  let client: Client<true>;
  const handlers = new Map<string, Handler>();
  const lateErrors: unknown[] = [];

  beforeAll(async () => {
    // Discord's own 3 s for every answer here (two tests wait it out); shorter would fail the others on a busy machine.
    twin = await startDiscordTwin({ interactionTimeoutMs: 3_000, deferredTimeoutMs: 3_000 });
    guild = twin.addGuild({
      channels: [{ name: 'alerts' }, { name: 'ops' }],
      roles: [{ name: 'analysts' }],
      members: [
        { userId: '111111111111111111', username: 'ada', permissions: 'admin' },
        { userId: '222222222222222222', username: 'bo', permissions: 'member' },
      ],
    });
    client = await loginBot(twin);
    await client.application.commands.set(COMMANDS, guild.id);
    client.on(Events.InteractionCreate, (interaction: Interaction) => {
      if (interaction.isAutocomplete()) {
        const typed = interaction.options.getFocused();
        void interaction.respond(['lithium', 'neodymium', 'cobalt'].filter((rule) => rule.startsWith(typed)).map((rule) => ({ name: rule, value: rule })));
        return;
      }
      if (!interaction.isChatInputCommand()) return;
      handlers.get(interaction.commandName)?.(interaction).catch((error: unknown) => lateErrors.push(error));
    });
  });

  afterAll(async () => {
    await client?.destroy();
    await twin?.close();
  });

  const invoke = (name: string, extra: Partial<Parameters<DiscordTwin['invokeCommand']>[0]> = {}) =>
    twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: '111111111111111111', name, ...extra });

  it('returns an ephemeral reply to invokeCommand', async () => {
    handlers.set('ping', (interaction) => interaction.reply({ content: 'pong', flags: MessageFlags.Ephemeral }));
    const result = await invoke('ping');
    expect(result).toMatchObject({ type: 4, content: 'pong', ephemeral: true, flags: MessageFlags.Ephemeral });
    expect(result.final).toEqual({ content: 'pong' });
  });

  it('waits for the edit after a deferral and reports it as final', async () => {
    handlers.set('slow', async (interaction) => {
      await interaction.deferReply();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await interaction.editReply({ content: 'done', embeds: [{ title: 'Result' }] });
    });
    const result = await invoke('slow');
    expect(result.type).toBe(5);
    expect(result.ephemeral).toBe(false);
    expect(result.edits).toEqual([{ content: 'done', embeds: [{ title: 'Result' }] }]);
    expect(result.final).toEqual({ content: 'done', embeds: [{ title: 'Result' }] });
  });

  it('keeps the result live so a follow-up after the reply is recorded', async () => {
    const handled = new Promise<void>((resolve) => {
      handlers.set('twice', async (interaction) => {
        await interaction.reply('first');
        await interaction.followUp({ content: 'second', flags: MessageFlags.Ephemeral });
        resolve();
      });
    });
    const result = await invoke('twice');
    await handled;
    expect(result.content).toBe('first');
    expect(result.followUps).toEqual([{ content: 'second', flags: MessageFlags.Ephemeral }]);
  });

  it('returns the created message to a reply with withResponse', async () => {
    let messageContent: string | undefined;
    handlers.set('fetchy', async (interaction) => {
      const response = await interaction.reply({ content: 'with response', withResponse: true });
      messageContent = response.resource?.message?.content;
    });
    await invoke('fetchy');
    expect(messageContent).toBe('with response');
  });

  it('lets the first follow-up after a deferral fill in the original message', async () => {
    handlers.set('thinker', async (interaction) => {
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp('thought about it');
    });
    const result = await invoke('thinker');
    expect(result).toMatchObject({ type: 5, ephemeral: true, followUps: [{ content: 'thought about it' }] });
    expect(result.final).toEqual({ content: 'thought about it' });
  });

  it('shows nothing as final after the bot deletes its reply', async () => {
    const handled = new Promise<void>((resolve) => {
      handlers.set('ping', async (interaction) => {
        await interaction.reply('short-lived');
        await interaction.deleteReply();
        resolve();
      });
    });
    const result = await invoke('ping');
    await handled;
    expect(result.content).toBe('short-lived');
    expect(result.final).toEqual({});
  });

  it('rejects when the bot defers and never completes the reply', async () => {
    handlers.set('slow', async (interaction) => {
      await interaction.deferReply();
    });
    await expect(invoke('slow')).rejects.toThrow(/deferred \/slow but never edited or followed up within 3000 ms/);
  });

  it('types subcommand options from the registered definition and resolves channels and roles', async () => {
    let seen: Record<string, unknown> = {};
    handlers.set('subscribe', async (interaction) => {
      seen = {
        sub: interaction.options.getSubcommand(),
        channel: interaction.options.getChannel('channel', true).id,
        rule: interaction.options.getString('rule', true),
        limit: interaction.options.getInteger('limit'),
        role: interaction.options.getRole('ping')?.name,
        admin: interaction.memberPermissions?.has('Administrator'),
        botCanSend: interaction.appPermissions.has('SendMessages'),
      };
      await interaction.reply({ content: 'subscribed', flags: MessageFlags.Ephemeral });
    });
    const result = await invoke('subscribe', {
      subcommand: 'add',
      options: { channel: guild.channelId('ops'), rule: 'lithium', limit: 3, ping: guild.roleId('analysts') },
    });
    expect(result.content).toBe('subscribed');
    expect(seen).toEqual({ sub: 'add', channel: guild.channelId('ops'), rule: 'lithium', limit: 3, role: 'analysts', admin: true, botCanSend: true });
  });

  it('gives a plain member no administrator permission', async () => {
    let admin: boolean | undefined;
    handlers.set('ping', async (interaction) => {
      admin = interaction.memberPermissions?.has('Administrator');
      await interaction.reply('ok');
    });
    await invoke('ping', { userId: '222222222222222222' });
    expect(admin).toBe(false);
  });

  it('returns the choices the bot responds with to autocomplete', async () => {
    const choices = await twin.autocomplete({
      guildId: guild.id,
      channelId: guild.channelId('alerts'),
      userId: '111111111111111111',
      name: 'subscribe',
      subcommand: 'add',
      focused: 'rule',
      options: { rule: 'co' },
    });
    expect(choices).toEqual([{ name: 'cobalt', value: 'cobalt' }]);
  });

  it('rejects when the bot never answers, and a late reply gets Unknown interaction', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const late = new Promise<unknown>((resolve) => {
      handlers.set('silent', async (interaction) => {
        await released;
        await interaction.reply('too late').then(resolve, resolve);
      });
    });
    await expect(invoke('silent')).rejects.toThrow(/did not answer \/silent within 3000 ms/);
    release();
    const error = await late;
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(10062);
  });

  it('answers a second acknowledgement with 40060', async () => {
    const second = new Promise<unknown>((resolve) => {
      handlers.set('ping', async (interaction) => {
        await interaction.reply('once');
        interaction.replied = false; // lets discord.js try again, as a buggy bot might
        await interaction.reply('twice').then(resolve, resolve);
      });
    });
    await invoke('ping');
    expect(((await second) as DiscordAPIError).code).toBe(40060);
    expect(lateErrors).toEqual([]);
  });
});
