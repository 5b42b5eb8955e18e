import { once } from 'node:events';
import { DiscordAPIError, Events, HTTPError, REST, Routes, type Client, type TextChannel } from 'discord.js';
import { loginBot, startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';

describe('message delivery against the Discord twin', () => {
  let twin: DiscordTwin;
  let guild: TwinGuild;
  let client: Client<true>;
  const channel = (name: string): TextChannel => client.channels.cache.get(guild.channelId(name)) as TextChannel;
  const count429 = (channelId: string): number =>
    twin.requests.filter((request) => request.status === 429 && request.path === Routes.channelMessages(channelId)).length;

  beforeAll(async () => {
    // a 1 s window keeps the test short; the pacing logic is the same as with Discord's 5 s
    twin = await startDiscordTwin({ rateLimits: { perChannelMessages: { limit: 5, windowMs: 1_000 } } });
    guild = twin.addGuild({ channels: ['burst', 'shared', 'raw', 'nonce', 'gone', 'locked', 'flaky'].map((name) => ({ name })) });
    client = await loginBot(twin, { rest: { retries: 2 } });
  });

  afterAll(async () => {
    await client?.destroy();
    await twin?.close();
  });

  it('delivers 12 rapid messages in order while discord.js paces itself on the rate-limit headers', async () => {
    const burst = channel('burst');
    await Promise.all(Array.from({ length: 12 }, (_, index) => burst.send(`alert ${index}`)));
    expect(twin.messages(burst.id).map((message) => message.content)).toEqual(Array.from({ length: 12 }, (_, index) => `alert ${index}`));
    // discord.js sends one request at a time per bucket and waits Reset-After (+50 ms) once Remaining hits 0,
    // and the twin rounds Reset-After up, so it never runs into the limit.
    expect(count429(burst.id)).toBe(0);
  });

  it('answers 429 with retry_after to a second client sharing the bucket, which then retries', async () => {
    const shared = channel('shared');
    const other = new REST({ api: twin.apiUrl }).setToken(twin.token);
    const send = (rest: REST, label: string, index: number) =>
      rest.post(Routes.channelMessages(shared.id), { body: { content: `${label} ${index}` } });
    await Promise.all([0, 1, 2, 3, 4, 5].flatMap((index) => [send(client.rest, 'a', index), send(other, 'b', index)]));
    const contents = twin.messages(shared.id).map((message) => message.content);
    expect(contents).toHaveLength(12);
    expect(contents.filter((content) => content.startsWith('a'))).toEqual([0, 1, 2, 3, 4, 5].map((index) => `a ${index}`));
    // each client learns the bucket only from its own responses, so the other's traffic makes it collide;
    // observed: 2 per run (each client hits the exhausted window once, then waits retry_after)
    expect(count429(shared.id)).toBeGreaterThan(0);
    expect(count429(shared.id)).toBeLessThanOrEqual(6);
  });

  it('answers with the rate-limit headers and body Discord uses', async () => {
    const target = channel('raw').id;
    const responses = [];
    for (let index = 0; index < 6; index += 1) {
      responses.push(await fetch(`${twin.apiUrl}/v10${Routes.channelMessages(target)}`, {
        method: 'POST',
        headers: { Authorization: `Bot ${twin.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: `raw ${index}` }),
      }));
    }
    const last = responses[5];
    expect(responses[4]?.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last?.status).toBe(429);
    expect(last?.headers.get('x-ratelimit-scope')).toBe('user');
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.json()).toEqual({ message: 'You are being rate limited.', retry_after: expect.any(Number), global: false });
  });

  it('returns the original message for a repeated nonce with enforce_nonce', async () => {
    const target = channel('nonce');
    const options = { content: 'once only', nonce: 'item-42', enforceNonce: true };
    const first = await target.send(options);
    const second = await target.send(options);
    expect(second.id).toBe(first.id);
    expect(twin.messages(target.id).filter((message) => message.nonce === 'item-42')).toHaveLength(1);
    // without enforce_nonce Discord creates a second message with the same nonce
    await target.send({ content: 'again', nonce: 'item-42' });
    expect(twin.messages(target.id)).toHaveLength(2);
  });

  it('answers 404 Unknown Channel after the channel is deleted', async () => {
    const gone = channel('gone');
    const deleted = once(client, Events.ChannelDelete);
    twin.deleteChannel(guild.id, gone.id);
    await deleted;
    const error = await client.rest.post(Routes.channelMessages(gone.id), { body: { content: 'hello?' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 404, code: 10003 });
  });

  it('answers 403 Missing Permissions once SEND_MESSAGES is denied, and the client sees the overwrite', async () => {
    const locked = channel('locked');
    const updated = once(client, Events.ChannelUpdate);
    twin.setBotPermissions(guild.id, locked.id, false);
    await updated;
    expect(locked.permissionsFor(client.user)?.has('SendMessages')).toBe(false);
    await expect(locked.send('blocked')).rejects.toMatchObject({ status: 403, code: 50013 });
    twin.setBotPermissions(guild.id, locked.id, true);
    await once(client, Events.ChannelUpdate);
    await expect(locked.send('open again')).resolves.toBeDefined();
  });

  it('lets discord.js retry an injected 503, give up after repeated 502s and fail on a dropped socket', async () => {
    const flaky = channel('flaky');
    twin.failRest({ status: 503, count: 1, match: /\/channels\/\d+\/messages$/ });
    await flaky.send('after one 503');
    const statuses = twin.requests.filter((request) => request.path === Routes.channelMessages(flaky.id)).map((request) => request.status);
    expect(statuses).toEqual([503, 200]);

    twin.failRest({ status: 502, count: 3 });
    await expect(flaky.send('never')).rejects.toBeInstanceOf(HTTPError);

    // discord.js retries only ECONNRESET and aborts, so a dropped socket fails the send at once
    twin.failRest({ status: 'drop', count: 1 });
    await expect(flaky.send('dropped')).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(twin.requests.at(-1)?.status).toBe(0);
  });
});
