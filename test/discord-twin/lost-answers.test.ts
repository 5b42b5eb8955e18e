import { startDiscordTwin, type DiscordTwin, type TwinGuild } from '../support/discord-twin';

/** Plain REST calls, so what the twin answers is seen without a client's retries in between. */
describe('Discord twin: nonces, lost answers and reading a channel back', () => {
  let twin: DiscordTwin;
  let guild: TwinGuild;
  let clock: number;
  beforeEach(async () => {
    clock = Date.now();
    twin = await startDiscordTwin({ warnUnknownRoutes: false, now: () => clock, nonceWindowMs: 60_000 });
    guild = twin.addGuild({ channels: [{ name: 'alerts' }] });
  });
  afterEach(() => twin.close());

  const url = (query = '') => `${twin.apiUrl}/v10/channels/${guild.channelId('alerts')}/messages${query}`;
  const headers = () => ({ Authorization: `Bot ${twin.token}`, 'Content-Type': 'application/json' });
  const post = (content: string, nonce?: string) =>
    fetch(url(), { method: 'POST', headers: headers(), body: JSON.stringify({ content, ...(nonce ? { nonce, enforce_nonce: true } : {}) }) });
  const read = async (query: string) => (await (await fetch(url(query), { headers: headers() })).json()) as { id: string; content: string }[];
  const contents = () => twin.messages(guild.channelId('alerts')).map((m) => m.content);

  it('returns the first message for a repeated nonce inside the window, and posts again once it has passed', async () => {
    const first = (await (await post('one', 'n-1')).json()) as { id: string };
    clock += 59_000;
    expect(((await (await post('one again', 'n-1')).json()) as { id: string }).id).toBe(first.id);
    clock += 2_000;
    expect(((await (await post('one later', 'n-1')).json()) as { id: string }).id).not.toBe(first.id);
    expect(contents()).toEqual(['one', 'one later']);
  });

  it.each([
    ['answers 502', 502 as const, 502],
    ['drops the socket', 'drop' as const, 0],
  ])('stores a message and then %s when the answer is lost', async (_what, status, logged) => {
    twin.failRest({ status, afterStore: true, match: /\/messages$/ });
    const answer = post('stored anyway', 'n-2').then((r) => r.status, () => 0);
    expect(await answer).toBe(logged);
    expect(contents()).toEqual(['stored anyway']);
    expect(twin.requests.at(-1)).toMatchObject({ method: 'POST', status: logged });
    // The resend under the same nonce is recognised.
    expect((await post('stored anyway', 'n-2')).status).toBe(200);
    expect(contents()).toEqual(['stored anyway']);
  });

  it('reads messages newest first, right after a given id, and none without Read Message History', async () => {
    for (const n of [1, 2, 3, 4]) await post(`m${n}`);
    const [m1, m2] = twin.messages(guild.channelId('alerts'));
    expect((await read('?limit=2')).map((m) => m.content)).toEqual(['m4', 'm3']);
    expect((await read(`?after=${m1!.id}&limit=2`)).map((m) => m.content)).toEqual(['m3', 'm2']);
    expect((await read(`?before=${m2!.id}`)).map((m) => m.content)).toEqual(['m1']);
    twin.setBotHistoryAccess(guild.id, guild.channelId('alerts'), false);
    expect(await read('?limit=10')).toEqual([]);
    expect((await post('still allowed to post')).status).toBe(200);
  });
});
