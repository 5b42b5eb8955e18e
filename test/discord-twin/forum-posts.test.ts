import { ChannelType, DiscordAPIError, type Client, type ForumChannel, REST, Routes } from 'discord.js';
import { loginBot, startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';

describe('forum channels in the Discord twin', () => {
  let twin: DiscordTwin;
  let guild: TwinGuild;
  let client: Client<true>;
  let rest: REST;
  const forumId = () => guild.channelId('newsroom');
  const post = (body: object, channelId = forumId()) => rest.post(Routes.threads(channelId), { body });
  const refusal = (request: Promise<unknown>) =>
    request.then(
      () => undefined,
      (error: unknown) => (error instanceof DiscordAPIError ? { status: error.status, code: error.code, errors: JSON.stringify(error.rawError) } : error),
    );

  beforeAll(async () => {
    twin = await startDiscordTwin();
    guild = twin.addGuild({ channels: [{ name: 'general' }, { name: 'newsroom', type: 15, availableTags: ['Magnets', 'Policy'] }, { name: 'locked', type: 15 }] });
    twin.setBotPermissions(guild.id, guild.channelId('locked'), false);
    client = await loginBot(twin);
    rest = new REST({ api: twin.apiUrl, retries: 0 }).setToken(twin.token);
  });

  afterAll(async () => {
    await client?.destroy();
    await twin?.close();
  });

  it('shows discord.js a forum channel with its tags', () => {
    const forum = client.channels.cache.get(forumId()) as ForumChannel;
    expect(forum.type).toBe(ChannelType.GuildForum);
    expect(forum.availableTags.map((t) => t.name)).toEqual(['Magnets', 'Policy']);
  });

  it('creates a post with its first message, whose id is the thread id, and lists it among active threads', async () => {
    const forum = client.channels.cache.get(forumId()) as ForumChannel;
    const tag = forum.availableTags.find((t) => t.name === 'Policy')!.id;
    const thread = (await post({ name: 'Quota news', applied_tags: [tag], message: { embeds: [{ title: 'Quota news' }] } })) as { id: string; parent_id: string; message: { id: string } };
    expect(thread.parent_id).toBe(forumId());
    expect(thread.message.id).toBe(thread.id);
    expect(twin.forumPosts(forumId())).toEqual([expect.objectContaining({ threadId: thread.id, name: 'Quota news', tags: ['Policy'] })]);
    const active = (await rest.get(Routes.guildActiveThreads(guild.id))) as { threads: { id: string }[] };
    expect(active.threads.map((t) => t.id)).toContain(thread.id);
  });

  it.each([
    ['a name over 100 characters', { name: 'x'.repeat(101), message: { content: 'a' } }, 'name'],
    ['an empty name', { name: ' ', message: { content: 'a' } }, 'name'],
    ['a tag the forum does not have', { name: 'n', applied_tags: ['123'], message: { content: 'a' } }, 'applied_tags'],
    ['no first message', { name: 'n' }, 'message'],
    ['a first message with a title over 256', { name: 'n', message: { embeds: [{ title: 'x'.repeat(257) }] } }, 'message'],
    ['a first message with a custom id over 100', { name: 'n', message: { content: 'a', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'b', custom_id: 'x'.repeat(101) }] }] } }, 'message'],
  ])('refuses a post with %s (400/50035)', async (_label, body, field) => {
    const error = await refusal(post(body));
    expect(error).toMatchObject({ status: 400, code: 50035 });
    expect((error as { errors: string }).errors).toContain(`"${field}"`);
  });

  it('refuses a plain message in a forum and a post without Create Posts', async () => {
    expect(await refusal(rest.post(Routes.channelMessages(forumId()), { body: { content: 'hi' } }))).toMatchObject({ status: 400, code: 50008 });
    expect(await refusal(post({ name: 'n', message: { content: 'a' } }, guild.channelId('locked')))).toMatchObject({ status: 403, code: 50013 });
  });
});
