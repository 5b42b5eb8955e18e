import type { APIEmbed } from 'discord.js';
import { ADMIN } from '../support/app-rig';
import { startRig, story, type Rig } from './support/radar-rig';

/** /recent, /subscribe backfill and /explain, answered from what the bot remembers of recent stories. */
describe('recent stories, backfill and explain', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await startRig({ feeds: ['a', 'b'], channels: ['alerts', 'desk', 'prices'] });
    await rig.subscribe('alerts');
  });
  afterEach(() => rig.close());

  const dysprosium = story(1, 'Dysprosium oxide climbs to a two-year high in Rotterdam', 90);
  const jogmec = story(2, 'JOGMEC opens a rare earth stockpile tender for Japanese magnet makers', 60);
  const ndpr = story(3, 'NdPr oxide slips for a third week as Chinese buyers hold off', 30);
  const weather = story(4, 'Port of Darwin reopens after the cyclone passes', 20);
  const invoke = (name: string, options: Record<string, string | number>) =>
    rig.twin.invokeCommand({ guildId: rig.guild.id, channelId: rig.guild.channelId('alerts'), userId: ADMIN, name, options });
  const description = (reply: { final: { embeds?: unknown[] } }) => (reply.final.embeds?.[0] as APIEmbed | undefined)?.description ?? '';
  const pollAll = async () => {
    rig.serve('a', [dysprosium, jogmec, weather]);
    rig.serve('b', [ndpr]);
    await rig.poll();
  };

  it('/recent lists the newest stories first, as one private embed, for a topic or all', async () => {
    await pollAll();
    const all = await invoke('recent', { count: 2 });
    expect(all.ephemeral).toBe(true);
    expect(all.final.embeds).toHaveLength(1);
    expect(description(all).split('\n').map((l) => l.match(/\[(.+?)\]/)?.[1])).toEqual([ndpr.title, jogmec.title]);
    const prices = await invoke('recent', { topic: 'prices-markets' });
    expect(description(prices)).toContain(ndpr.title);
    expect(description(prices)).not.toContain(dysprosium.title);
    const defaults = await invoke('recent', {});
    expect(description(defaults).split('\n')).toHaveLength(3);
  });

  it('backfill posts the latest matching stories once, packed and oldest first, then live alerts continue without repeats', async () => {
    await pollAll();
    const reply = await invoke('subscribe', { channel: rig.guild.channelId('desk'), backfill: 2 });
    expect(reply.final.content).toContain('Posting the latest 2 matching stories');
    await rig.app.settle();
    const desk = rig.twin.messages(rig.guild.channelId('desk'));
    expect(desk).toHaveLength(1);
    expect((desk[0]!.embeds as APIEmbed[]).map((e) => e.title)).toEqual([jogmec.title, ndpr.title]);
    // The same stories again (another feed), and a new one: only the new one is posted.
    const fresh = story(5, 'Terbium supply tightens as Myanmar border stays shut', 5);
    rig.serve('b', [ndpr, { ...jogmec, guid: 'b-jogmec' }, fresh]);
    await rig.poll();
    expect(rig.titles('desk')).toEqual([jogmec.title, ndpr.title, fresh.title]);
    // Asking again posts only what the channel never had.
    const again = await invoke('subscribe', { channel: rig.guild.channelId('desk'), backfill: 4 });
    await rig.app.settle();
    expect(again.final.content).toContain('Posting the latest 1 matching story');
    expect(rig.titles('desk')).toEqual([jogmec.title, ndpr.title, fresh.title, dysprosium.title]);
  });

  it('/explain says per channel why a story was sent, not sent, muted or never seen', async () => {
    await rig.subscribe('prices', 'prices-markets');
    await pollAll();
    const sent = await invoke('explain', { link: jogmec.link });
    expect(sent.ephemeral).toBe(true);
    const alertsId = rig.guild.channelId('alerts');
    const posted = rig.twin.messages(alertsId).find((m) => (m.embeds as APIEmbed[])[0]?.title === jogmec.title)!;
    expect(description(sent)).toContain(`<#${alertsId}>: sent at https://discord.com/channels/${rig.guild.id}/${alertsId}/${posted.id}`);
    expect(description(sent)).toContain(`<#${rig.guild.channelId('prices')}>: not sent: subscribed to Prices and markets, which did not match.`);
    expect(description(await invoke('explain', { link: weather.title }))).toContain('No rule of this server matched it');
    expect(description(await invoke('explain', { link: 'https://nowhere.example/never' }))).toContain('Not seen by any feed in the last 48 hours');
    await rig.command('mute', { topic: 'prices-markets', duration: '6h' });
    const muted = story(6, 'NdPr futures fall on weaker magnet orders', 3);
    rig.serve('b', [muted]);
    await rig.poll();
    expect(description(await invoke('explain', { link: muted.title }))).toMatch(/not sent: matched \*\*Prices and markets\*\*, muted until <t:\d+:R>/);
  });

  it('/explain names the story a retelling was merged into, with the message it was posted in', async () => {
    const deal = { ...story(7, 'Sojitz and JOGMEC to invest A$200m in Lynas heavy rare earths', 300), description: 'Sojitz and the Japanese agency JOGMEC will put A$200 million into Lynas Rare Earths to expand heavy rare earth separation in Malaysia, securing dysprosium and terbium for Japan.' };
    const rewrite = { ...story(8, "UPDATE 1-Japan's JOGMEC and Sojitz put US$134.7m into Lynas heavy rare earths", 200), link: 'https://chronicle.example/lynas-japan', description: 'JOGMEC and Sojitz are investing in Lynas to fund heavy rare earth separation at its Malaysian plant; Japan gets priority access to dysprosium and terbium.' };
    rig.serve('a', [deal]);
    await rig.poll();
    rig.serve('b', [rewrite]);
    await rig.poll();
    const [posted] = rig.twin.messages(rig.guild.channelId('alerts'));
    expect(description(await invoke('explain', { link: rewrite.link }))).toContain(`merged into the story “${deal.title}”, posted at https://discord.com/channels/${rig.guild.id}/${rig.guild.channelId('alerts')}/${posted!.id}`);
  });

  it('/explain answers garbage and a 4,000-character paste with a clear private message', async () => {
    const garbage = await invoke('explain', { link: '!!! ??? ***' });
    expect([garbage.ephemeral, garbage.final.content]).toEqual([true, 'Paste an article link (https://…) or its headline to explain.']);
    const huge = await invoke('explain', { link: 'rare earth '.repeat(400) });
    expect(huge.ephemeral).toBe(true);
    expect(huge.final.content).toMatch(/^That is 4,399 characters\. Paste one article link/);
  });
});
