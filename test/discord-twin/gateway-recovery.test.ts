import { once } from 'node:events';
import { Events, type Client } from 'discord.js';
import { loginBot, startDiscordTwin, type DiscordTwin } from '../support/discord-twin';

const USER_ID = '333333333333333333';

describe('gateway sessions against the Discord twin', () => {
  let twin: DiscordTwin;
  const clients: Client[] = [];

  beforeEach(async () => {
    twin = await startDiscordTwin();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.destroy()));
    await twin.close();
  });

  const answerPings = (client: Client): void => {
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply(`pong from shard ${interaction.guild?.shardId ?? -1}`);
    });
  };

  it('resumes after the gateway drops the connection and replays what was missed', async () => {
    const guild = twin.addGuild({ channels: [{ name: 'alerts' }] });
    const client = await loginBot(twin);
    clients.push(client);
    answerPings(client);
    const sessionBefore = twin.gatewaySessions()[0]?.sessionId;

    const resumed = once(client, Events.ShardResume);
    twin.dropGateway();
    // dispatched while disconnected: must arrive through RESUME's replay
    const late = twin.addGuild({ name: 'Added while offline' });
    const [, replayed] = (await resumed) as [number, number];

    expect(replayed).toBeGreaterThanOrEqual(1);
    expect(twin.gatewaySessions()).toEqual([expect.objectContaining({ sessionId: sessionBefore, identified: true })]);
    await waitFor(() => client.guilds.cache.has(late.id));
    const result = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: USER_ID, name: 'ping' });
    expect(result.content).toBe('pong from shard 0');
  });

  it('re-identifies after a close the client may not resume from', async () => {
    const guild = twin.addGuild({ channels: [{ name: 'alerts' }] });
    // discord.js spaces identifies of one bucket 5–6.5 s apart; a no-wait throttler keeps the test quick
    const client = await loginBot(twin, { ws: { buildIdentifyThrottler: () => ({ waitForIdentify: async () => undefined }) } });
    clients.push(client);
    answerPings(client);
    const sessionBefore = twin.gatewaySessions()[0]?.sessionId;

    twin.dropGateway(1000);
    await waitFor(() => {
      const [session] = twin.gatewaySessions();
      return session !== undefined && session.identified && session.sessionId !== sessionBefore;
    });
    await waitFor(() => client.ws.shards.get(0)?.status === 0);
    const result = await twin.invokeCommand({ guildId: guild.id, channelId: guild.channelId('alerts'), userId: USER_ID, name: 'ping' });
    expect(result.content).toBe('pong from shard 0');
  });

  it('routes each guild to its own shard when the client runs two shards', async () => {
    const onShard0 = twin.addGuild({ id: twin.newSnowflake({ shardId: 0, shardCount: 2 }), channels: [{ name: 'a' }] });
    const onShard1 = twin.addGuild({ id: twin.newSnowflake({ shardId: 1, shardCount: 2 }), channels: [{ name: 'b' }] });
    const client = await loginBot(twin, { shards: [0, 1], shardCount: 2 });
    clients.push(client);
    answerPings(client);

    expect(twin.gatewaySessions().map(({ shardId, shardCount }) => [shardId, shardCount]).sort()).toEqual([[0, 2], [1, 2]]);
    expect(client.guilds.cache.get(onShard0.id)?.shardId).toBe(0);
    expect(client.guilds.cache.get(onShard1.id)?.shardId).toBe(1);
    const second = await twin.invokeCommand({ guildId: onShard1.id, channelId: onShard1.channelId('b'), userId: USER_ID, name: 'ping' });
    expect(second.content).toBe('pong from shard 1');
  });

  it('dispatches GUILD_CREATE and GUILD_DELETE live', async () => {
    const client = await loginBot(twin);
    clients.push(client);
    const created = once(client, Events.GuildCreate);
    const guild = twin.addGuild({ name: 'Joined later' });
    const [joined] = (await created) as [{ id: string; name: string }];
    expect(joined).toMatchObject({ id: guild.id, name: 'Joined later' });

    const deleted = once(client, Events.GuildDelete);
    twin.removeGuild(guild.id);
    await deleted;
    expect(client.guilds.cache.has(guild.id)).toBe(false);
  });

  it('rejects invokeCommand when no session owns the guild', async () => {
    const guild = twin.addGuild();
    await expect(
      twin.invokeCommand({ guildId: guild.id, channelId: guild.channels[0]?.id ?? '', userId: USER_ID, name: 'ping' }),
    ).rejects.toThrow(/no gateway session owns guild/);
  });
});

/** Waits for the condition; the minute is a hang guard for a busy machine, not a speed check. */
async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
