import type { FeedHealth, StatusReport } from '../../../src/discord/bot-deps';
import { STALE_BUTTON } from '../../../src/discord/interactions/handle-button';
import type { InteractionResult, TwinGuild } from '../../support/discord-twin';
import { startCommandHarness, type CommandHarness } from './start-command-harness';
import { ADMIN } from '../../support/app-rig';

const REPORT: StatusReport = { feeds: [], alertsLast24h: 0, broken: [], pendingAlerts: 0 };
const MEMBER = '100000000000000002';

interface Button {
  custom_id: string;
  label: string;
  disabled?: boolean;
}
interface Page {
  title: string;
  description: string;
  buttons: Button[];
}

let h: CommandHarness;
let g: TwinGuild;

beforeAll(async () => {
  h = await startCommandHarness(REPORT);
  g = h.twin.addGuild({ channels: [{ name: 'general' }], members: [{ userId: ADMIN, permissions: 'manage-guild' }, { userId: MEMBER }] });
  // Until the guild reached discord.js's cache (a minute at most: a hang guard, not a speed check).
  for (let i = 0; i < 6000 && !h.client.guilds.cache.has(g.id); i++) await new Promise((r) => setTimeout(r, 10));
});

afterAll(async () => {
  await h?.close();
});

/** 60 server rules of about 200 characters in two topics: far more than one 4,096-character page. */
async function seedRules(): Promise<void> {
  const now = new Date().toISOString();
  await h.deps.guilds.update(g.id, (settings) => ({
    settings: {
      ...settings,
      nextId: 61,
      topics: [{ id: 'gallium', name: 'Gallium', colour: 1 }, { id: 'cobalt', name: 'Cobalt', colour: 2 }],
      rules: Array.from({ length: 60 }, (_, i) => ({
        id: `r${i + 1}`,
        topicId: i % 2 === 0 ? 'gallium' : 'cobalt',
        expression: `${i % 2 === 0 ? 'gallium' : 'cobalt'} AND (${Array.from({ length: 18 }, (_, j) => `site${i}x${j}`).join(' OR ')})`,
        createdAt: now,
      })),
    },
    result: undefined,
  }));
}

function pageOf(result: InteractionResult): Page {
  const embed = (result.final.embeds?.[0] ?? {}) as { title?: string; description?: string };
  const rows = (result.final.components ?? []) as { components: Button[] }[];
  return { title: embed.title ?? '', description: embed.description ?? '', buttons: rows.flatMap((r) => r.components) };
}

const invoke = (userId: string, name: string, subcommand?: string, options: Record<string, string> = {}) =>
  h.twin.invokeCommand({ guildId: g.id, channelId: g.channelId('general'), userId, name, subcommand, options });

async function click(result: InteractionResult, label: 'Previous' | 'Next', userId = MEMBER): Promise<InteractionResult> {
  const button = pageOf(result).buttons.find((b) => b.label === label);
  if (!button) throw new Error(`no ${label} button`);
  return h.twin.clickButton({ userId, messageId: String(result.messageId), customId: button.custom_id });
}

describe('paged lists', () => {
  beforeAll(seedRules);

  it('pages /rules list with Previous and Next instead of cutting it, and every rule is on some page', async () => {
    const list = await invoke(MEMBER, 'rules', 'list');
    const first = pageOf(list);
    const pages = Number(/page 1 of (\d+)$/.exec(first.title)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(first.buttons.map((b) => [b.label, b.disabled])).toEqual([['Previous', true], ['Next', false]]);
    for (const b of first.buttons) expect(b.custom_id.length).toBeLessThanOrEqual(100);
    expect(first.description).not.toContain('more');

    const seen = [first.description];
    for (let page = 2; page <= pages; page++) {
      const clicked = await click(list, 'Next');
      // UPDATE_MESSAGE: the same ephemeral message now shows the next page
      expect(clicked.type).toBe(7);
      expect(pageOf(list).title).toMatch(new RegExp(`page ${page} of ${pages}$`));
      seen.push(pageOf(list).description);
    }
    expect(pageOf(list).buttons.map((b) => [b.label, b.disabled])).toEqual([['Previous', false], ['Next', true]]);
    for (let i = 1; i <= 60; i++) expect(seen.join('\n')).toContain(`\`r${i}\` `);
    for (const description of seen) expect(description.length).toBeLessThanOrEqual(4096);

    await click(list, 'Previous');
    expect(pageOf(list).title).toMatch(new RegExp(`page ${pages - 1} of ${pages}$`));
  });

  it('keeps the topic filter across pages', async () => {
    const list = await invoke(MEMBER, 'rules', 'list', { topic: 'Gallium' });
    expect(pageOf(list).buttons[1]?.custom_id).toMatch(/:gallium$/);
    await click(list, 'Next');
    expect(pageOf(list).title).toMatch(/page 2 of/);
    expect(pageOf(list).description).toContain('gallium AND');
    expect(pageOf(list).description).not.toContain('cobalt AND');
  });

  it('keeps its buttons working after the bot restarts', async () => {
    const list = await invoke(MEMBER, 'rules', 'list');
    await h.restartBot();
    const clicked = await click(list, 'Next');
    expect(clicked.type).toBe(7);
    expect(pageOf(list).title).toMatch(/page 2 of/);
  });

  it('shows what is left when the list shrank since the page was drawn', async () => {
    const list = await invoke(MEMBER, 'rules', 'list', { topic: 'Cobalt' });
    await h.deps.guilds.update(g.id, (settings) => ({ settings: { ...settings, rules: settings.rules.filter((r) => r.topicId !== 'cobalt' || r.id === 'r2') }, result: undefined }));
    try {
      await click(list, 'Next');
      // one rule left: a plain message, the buttons gone
      expect(list.final.content).toContain('`r2`');
      expect(list.final.embeds).toEqual([]);
      expect(list.final.components).toEqual([]);
    } finally {
      await seedRules();
    }
  });

  it('answers a page of a topic removed since with a clear message and leaves the page as it was', async () => {
    const list = await invoke(MEMBER, 'rules', 'list', { topic: 'Cobalt' });
    const before = pageOf(list);
    await h.deps.guilds.update(g.id, (settings) => ({
      settings: { ...settings, topics: settings.topics.filter((t) => t.id !== 'cobalt'), rules: settings.rules.filter((r) => r.topicId !== 'cobalt') },
      result: undefined,
    }));
    try {
      const clicked = await click(list, 'Next');
      expect(clicked.type).toBe(4);
      expect(clicked.ephemeral).toBe(true);
      expect(clicked.final.content).toMatch(/^Unknown topic "cobalt"/);
      expect(pageOf(list)).toEqual(before);
    } finally {
      await seedRules();
    }
  });

  it('pages /status when many feeds are failing', async () => {
    const failing: FeedHealth[] = Array.from({ length: 80 }, (_, i) => ({
      id: `feed-${i}`,
      name: `Feed number ${i}`,
      ok: false,
      lastError: 'HTTP 503 Service Unavailable',
      failingSince: '2025-03-01T06:00:00.000Z',
    }));
    h.setStatus(async () => ({ ...REPORT, feeds: failing }));
    try {
      const status = await invoke(MEMBER, 'status');
      expect(pageOf(status).title).toMatch(/^Rare Earth Radar status · page 1 of \d+$/);
      await click(status, 'Next');
      expect(pageOf(status).title).toMatch(/page 2 of/);
    } finally {
      h.setStatus(async () => REPORT);
    }
  });

  it('refuses a list button of an unknown kind with a clear message', async () => {
    const channel = h.client.channels.cache.get(g.channelId('general'));
    if (!channel?.isSendable()) throw new Error('general is not sendable');
    const sent = await channel.send({ content: 'old list', components: [{ type: 1, components: [{ type: 2, style: 2, label: 'Next', custom_id: 'list:gone:1' }] }] });
    const clicked = await h.twin.clickButton({ userId: MEMBER, messageId: sent.id, customId: 'list:gone:1' });
    expect(clicked.final.content).toBe(STALE_BUTTON);
    expect(h.twin.messages(g.channelId('general')).find((m) => m.id === sent.id)?.content).toBe('old list');
  });

  it('lets only the person who ran the command turn the pages', async () => {
    const list = await invoke(MEMBER, 'rules', 'list');
    // Discord shows the ephemeral list to its invoker only: nobody else can even click
    await expect(click(list, 'Next', ADMIN)).rejects.toThrow(/ephemeral/);
  });
});

describe('paged /rules test', () => {
  beforeAll(async () => {
    // 100 rules that all fire on the same four words: about 7,000 characters of answer
    await h.deps.guilds.update(g.id, (settings) => ({
      settings: {
        ...settings,
        topics: [{ id: 'gallium', name: 'Gallium', colour: 1 }],
        rules: Array.from({ length: 100 }, (_, i) => ({ id: `r${i + 1}`, topicId: 'gallium', expression: `gallium AND cobalt AND scandium AND yttrium AND NOT x${i}`, createdAt: new Date().toISOString() })),
      },
      result: undefined,
    }));
  });
  afterAll(seedRules);

  it('pages the rules that fire on a short text, the text riding in the buttons', async () => {
    const result = await invoke(MEMBER, 'rules', 'test', { text: 'Gallium, cobalt, scandium: yttrium too' });
    expect(pageOf(result).title).toMatch(/^These rules would fire: · page 1 of 2$/);
    expect(pageOf(result).buttons[1]?.custom_id).toBe('list:ruletest:1:Gallium, cobalt, scandium: yttrium too');
    await click(result, 'Next');
    expect(pageOf(result).title).toMatch(/page 2 of 2$/);
    expect(pageOf(result).description).toContain('`r100` matched');
  });

  it('cuts the answer for a text too long to ride in a button, as before', async () => {
    const text = `Gallium, cobalt, scandium: yttrium too. ${'More words about the market. '.repeat(10)}`;
    const first = pageOf(await invoke(MEMBER, 'rules', 'test', { text }));
    expect(first.buttons).toEqual([]);
    expect(first.description).toMatch(/… and \d+ more$/);
  });
});
