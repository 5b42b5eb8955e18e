import type { APIEmbed, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { formatAlertMessage, packAlerts } from '../../src/discord/format-alert';
import type { NewsItem } from '../../src/feeds/news-item';
import { assertWithinDiscordLimits, messageEmbedChars } from '../support/discord-limits';
import { validateMessageBody } from '../support/discord-twin/validate-message';
import { findHits, hasBalancedBold, makeAlert, makeTopic, ROLE_ID, unrender } from './alert-builders';

const PUBLISHED_UNIX = Date.parse('2025-03-04T05:06:07Z') / 1000;

function onlyEmbed(body: RESTPostAPIChannelMessageJSONBody): APIEmbed {
  expect(body.embeds).toHaveLength(1);
  const embed = body.embeds?.[0];
  if (!embed) throw new Error('no embed');
  return embed;
}

/** The description without the time line. */
function snippetOf(embed: APIEmbed): string {
  return (embed.description ?? '').split('\n\n')[0] ?? '';
}

describe('formatAlertMessage', () => {
  it('shows one story as a linked, coloured embed with the matched terms in bold', () => {
    const body = formatAlertMessage(makeAlert({ mentionRoleId: ROLE_ID, topics: [makeTopic(), makeTopic({ id: 'jp', name: "Japan's supply chain", colour: 0x2980b9, terms: ['Japan'] })] }));
    assertWithinDiscordLimits(body);
    expect(body).toEqual({
      content: `<@&${ROLE_ID}>`,
      allowed_mentions: { parse: [], roles: [ROLE_ID] },
      embeds: [
        {
          title: 'Japan adds dysprosium to its strategic stockpile',
          url: 'https://news.example.com/2025/03/stockpile',
          author: { name: 'Mining Wire' },
          description:
            'Tokyo said on Tuesday it will hold more **dysprosium** and **terbium**, two heavy rare earths used in motor magnets.' +
            `\n\nPublished <t:${PUBLISHED_UNIX}:f> (<t:${PUBLISHED_UNIX}:R>)`,
          fields: [{ name: 'Topics', value: "Heavy rare earths (dysprosium, terbium) · Japan's supply chain (Japan)" }],
          color: 0xc0392b,
          timestamp: '2025-03-04T05:06:07.000Z',
        },
      ],
      components: [expect.objectContaining({ type: 1 })],
    });
  });

  it('pings nobody when the subscription has no role', () => {
    const body = formatAlertMessage(makeAlert());
    expect(body.content).toBeUndefined();
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('ignores a mention role that is not a snowflake instead of pasting it into content', () => {
    const body = formatAlertMessage(makeAlert({ mentionRoleId: '1> @everyone <@&2' }));
    expect(body.content).toBeUndefined();
    expect(body.allowed_mentions).toEqual({ parse: [] });
  });

  it('falls back to the first-seen time, labelled as such, when the feed gave no date', () => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { published: undefined, firstSeen: '2025-03-04T06:00:00Z' } })));
    const unix = Date.parse('2025-03-04T06:00:00Z') / 1000;
    expect(embed.description).toContain(`First seen <t:${unix}:f> (<t:${unix}:R>)`);
    expect(embed.timestamp).toBe('2025-03-04T06:00:00.000Z');
  });

  it.each([['20250-01-01T00:00:00Z'], ['1900-01-01T00:00:00Z'], ['not a date']])('shows the first-seen time when the feed date %j is unusable', (published) => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { published } })));
    expect(embed.description).toMatch(/First seen <t:\d+:f>/);
    expect(embed.timestamp).toBe('2025-03-04T06:00:00.000Z');
  });

  it('names an aggregator item by its publisher and credits the feed in the footer', () => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { source: 'Google News: rare earths', publisher: 'Metals Daily' } })));
    expect(embed.author).toEqual({ name: 'Metals Daily' });
    expect(embed.footer).toEqual({ text: 'via Google News: rare earths' });
  });

  it('lists the matched categories as tags, the matched ones in bold', () => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { categories: ['Mining', 'Dysprosium prices', 'mining', ' '] } })));
    expect(embed.fields).toContainEqual({ name: 'Tags', value: 'Mining, **Dysprosium** prices' });
  });

  it.each([
    ['a missing title', ''],
    ['a title of only spaces and controls', ' \u0000\u200B\n\t'],
  ])('titles %s "(untitled)"', (_case, title) => {
    expect(onlyEmbed(formatAlertMessage(makeAlert({ item: { title } }))).title).toBe('(untitled)');
  });

  it('does not bold matched terms in the title, where the bold would only be noise', () => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { title: 'Dysprosium and terbium prices rise' } })));
    expect(embed.title).toBe('Dysprosium and terbium prices rise');
  });

  it.each([
    [-1],
    [0x1000000],
    [1.5],
  ])('leaves out a colour Discord would reject (%p)', (colour) => {
    expect(onlyEmbed(formatAlertMessage(makeAlert({ topics: [makeTopic({ colour })] }))).color).toBeUndefined();
  });
});

describe('links', () => {
  it.each([
    ['https://news.example.com/a?b=1#c', 'https://news.example.com/a?b=1'],
    ['https://www.news.example.com/a/?utm_source=rss&id=7&fbclid=IwAR', 'https://www.news.example.com/a/?id=7'],
    ['http://www.bing.com/news/apiclick.aspx?tid=X&url=https%3a%2f%2fwire.example.com%2fa%3futm_medium%3dbing&c=1', 'https://wire.example.com/a'],
    ['https://www.google.com/url?rct=j&sa=t&url=https://metals.example.com/terbium&ct=ga&usg=AOvVaw', 'https://metals.example.com/terbium'],
    ['  http://news.example.com/a  ', 'http://news.example.com/a'],
    ['https://news.example.com/a b', 'https://news.example.com/a%20b'],
    ['HTTPS://NEWS.EXAMPLE.COM/A', 'https://news.example.com/A'],
  ])('links the title to %j', (link, url) => {
    expect(onlyEmbed(formatAlertMessage(makeAlert({ item: { link } }))).url).toBe(url);
  });

  it.each([
    ['javascript:alert(document.cookie)'],
    ['JavaScript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['ftp://files.example.com/report.pdf'],
    ['/relative/path'],
    [''],
    ['https://'],
    [`https://news.example.com/${'a'.repeat(2100)}`],
  ])('does not use %j as the embed url', (link) => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { link } })));
    expect(embed.url).toBeUndefined();
    expect(embed.title).toBe('Japan adds dysprosium to its strategic stockpile');
  });
});

describe('mentions in feed text', () => {
  const hostile = '@everyone @here <@123> <@!123> <@&456> <#789> </radar:1>';
  const places: [string, Partial<NewsItem>][] = [
    ['title', { title: `Dysprosium ${hostile}` }],
    ['summary', { summary: `Dysprosium ${hostile}` }],
    ['categories', { categories: [hostile] }],
    ['source', { source: hostile }],
  ];

  it.each(places)('cannot ping anyone from the %s, and does not even look like a ping', (_place, item) => {
    const body = formatAlertMessage(makeAlert({ item, mentionRoleId: ROLE_ID }));
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE_ID] });
    expect(body.content).toBe(`<@&${ROLE_ID}>`);
    const shown = JSON.stringify(body.embeds);
    expect(shown).not.toMatch(/@(everyone|here)|<[@#/]/i);
    expect(shown).toContain('@\u200Beveryone');
    expect(shown).toContain('<\u200B@&456>');
  });

  it('cannot ping from feed text even without a subscription role', () => {
    const body = formatAlertMessage(makeAlert({ item: { title: hostile, summary: hostile } }));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content).toBeUndefined();
  });
});

describe('markdown in feed text', () => {
  it.each([
    ['bold', 'a **loud** claim', 'a \\*\\*loud\\*\\* claim'],
    ['italic', 'an *aside* and _another_', 'an \\*aside\\* and \\_another\\_'],
    ['underline', 'the __real__ price', 'the \\_\\_real\\_\\_ price'],
    ['strikethrough and spoiler', '~~old~~ ||new||', '\\~\\~old\\~\\~ \\|\\|new\\|\\|'],
    ['inline code', 'run `rm -rf` now', 'run \\`rm -rf\\` now'],
    ['a run of backticks', '````x`', '\\`\\`\\`\\`x\\`'],
    ['a masked link', 'see [our site](http://evil.example) now', 'see \\[our site](http://evil.example) now'],
    ['a heading', '# Breaking', '\\# Breaking'],
    ['a quote', '> quoted', '\\> quoted'],
    ['subtext', '-# small', '\\-# small'],
    ['a list', '- item', '\\- item'],
    ['backslashes', 'C:\\mines\\*', 'C:\\\\mines\\\\\\*'],
  ])('escapes %s', (_case, summary, snippet) => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { summary }, topics: [makeTopic({ terms: ['zzz'] })] })));
    expect(snippetOf(embed)).toBe(snippet);
    expect(unrender(snippet)).toBe(summary);
  });

  it('escapes the title too, without adding emphasis', () => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { title: '**Dysprosium** [deal](http://x) `now`' } })));
    expect(embed.title).toBe('\\*\\*Dysprosium\\*\\* \\[deal](http://x) \\`now\\`');
  });

  it('puts our bold around the escaped term, so feed markdown next to it cannot join in', () => {
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { summary: 'the *dysprosium* price and [terbium](http://x)' } })));
    expect(snippetOf(embed)).toBe('the \\***dysprosium**\\* price and \\[**terbium**](http://x)');
    expect(hasBalancedBold(snippetOf(embed))).toBe(true);
  });

  it('bolds the right words after control characters, invisible characters and extra whitespace are removed', () => {
    const summary = '\u202E\u0007Tokyo \u200B\u200Bwill \n\n\t hold   dysprosium\u0000 and\u00A0terbium.\uFEFF';
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { summary } })));
    expect(snippetOf(embed)).toBe('Tokyo will hold **dysprosium** and **terbium**.');
  });

  it('merges overlapping and touching hits into one bold run', () => {
    const summary = 'heavy rare earths prices';
    const hits = [...findHits('summary', summary, ['heavy rare', 'rare earths', 'earths'])];
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { summary }, hits })));
    expect(snippetOf(embed)).toBe('**heavy rare earths** prices');
  });

  it('ignores hits whose offsets do not fit the text rather than failing', () => {
    const hits = [
      { term: 'x', field: 'summary' as const, index: 0, start: 5, end: 500 },
      { term: 'x', field: 'summary' as const, index: 0, start: -1, end: 3 },
      { term: 'x', field: 'summary' as const, index: 0, start: 4, end: 2 },
    ];
    const embed = onlyEmbed(formatAlertMessage(makeAlert({ item: { summary: 'plain words' }, hits })));
    expect(snippetOf(embed)).toBe('plain words');
  });
});

describe('long summaries', () => {
  const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

  it('cuts the snippet at a word boundary with an ellipsis', () => {
    const snippet = snippetOf(onlyEmbed(formatAlertMessage(makeAlert({ item: { summary: words } }))));
    expect(snippet.endsWith('…')).toBe(true);
    const shown = snippet.slice(0, -1);
    expect(words.startsWith(`${shown} `)).toBe(true);
    expect(shown.length).toBeGreaterThan(250);
    expect(shown.length).toBeLessThanOrEqual(350);
  });

  it('opens the snippet near the first match when it lies beyond the usual cut', () => {
    const summary = `${words} dysprosium ${words}`;
    const snippet = snippetOf(onlyEmbed(formatAlertMessage(makeAlert({ item: { summary } }))));
    expect(snippet).toMatch(/^…word\d+ .* \*\*dysprosium\*\* word0 .*…$/);
    expect(hasBalancedBold(snippet)).toBe(true);
  });
});

describe('huge and awkward inputs stay within every Discord limit', () => {
  const emoji = '🪨';
  const cases = [
    ['a 100 KB summary full of terms', { summary: 'dysprosium **and** terbium _x_ '.repeat(3500) }],
    ['a 100 KB summary with no spaces', { summary: `${'a'.repeat(50_000)}dysprosium${'b'.repeat(50_000)}` }],
    ['a 5,000-character title', { title: 'Dysprosium '.repeat(455) }],
    ['a title of emoji only', { title: emoji.repeat(2500) }],
    ['emoji at every cut point', { title: `a${emoji}`.repeat(1700), summary: `x${emoji}dysprosium`.repeat(500) }],
    ['a title of markdown only', { title: '*_`[|~\\'.repeat(800) }],
    ['300 categories', { categories: Array.from({ length: 300 }, (_, i) => `Category ${i} about dysprosium and terbium ${'long '.repeat(20)}`) }],
    ['a 10 KB source name', { source: `Source ${'@everyone '.repeat(1000)}` }],
    ['mentions everywhere', { title: '<@&1>'.repeat(1000), summary: '@here '.repeat(20_000) }],
  ] as const;

  it.each(cases)('%s', (_case, item) => {
    const topics = Array.from({ length: 60 }, (_, i) =>
      makeTopic({ id: `t${i}`, name: `Topic ${i} ${'name '.repeat(30)}`, terms: ['dysprosium', 'terbium', 'x'.repeat(300)] }),
    );
    const body = formatAlertMessage(makeAlert({ item, topics, mentionRoleId: ROLE_ID }));
    assertWithinDiscordLimits(body);
    // A second opinion: the Discord twin's own validator.
    expect(validateMessageBody(JSON.parse(JSON.stringify(body)))).toBeNull();
    const embed = onlyEmbed(body);
    expect(messageEmbedChars(body)).toBeLessThan(2500);
    for (const text of [embed.title, embed.description, ...(embed.fields ?? []).map((field) => field.value)]) {
      expect(hasBalancedBold(text ?? '')).toBe(true);
      // A cut never leaves a dangling backslash that would escape our ellipsis.
      expect(text).not.toMatch(/(^|[^\\])(\\\\)*\\…/);
    }
  });

  it('shows as many categories as fit and counts the rest', () => {
    const categories = Array.from({ length: 300 }, (_, i) => `Tag ${i}`);
    const tags = onlyEmbed(formatAlertMessage(makeAlert({ item: { categories } }))).fields?.find((field) => field.name === 'Tags');
    expect(tags?.value).toMatch(/^Tag 0, Tag 1, .*, Tag \d+ \+\d+ more$/);
    expect(tags?.value.length).toBeLessThanOrEqual(240);
  });
});

describe('packAlerts', () => {
  const alerts = Array.from({ length: 25 }, (_, i) => makeAlert({ item: { id: `story-${i}`, title: `Story ${i} about dysprosium` } }));

  it('packs 25 ordinary alerts into 3 messages of at most 10 embeds, in order', () => {
    const packed = packAlerts(alerts);
    expect(packed.map((message) => message.alerts.length)).toEqual([10, 10, 5]);
    expect(packed.flatMap((message) => message.alerts)).toEqual(alerts);
    for (const message of packed) {
      assertWithinDiscordLimits(message.body);
      expect(message.body.embeds?.map((embed) => embed.title)).toEqual(message.alerts.map((alert) => alert.item.title));
      expect(message.body.allowed_mentions).toEqual({ parse: [] });
    }
  });

  it('starts a new message before the embeds would pass 6,000 characters', () => {
    const big = Array.from({ length: 12 }, (_, i) =>
      makeAlert({
        item: { id: `big-${i}`, title: 'T'.repeat(400), summary: 'dysprosium '.repeat(200), categories: Array.from({ length: 50 }, (_, j) => `Category ${j}`) },
        topics: Array.from({ length: 20 }, (_, j) => makeTopic({ id: `t${j}`, name: `Topic ${j} ${'n'.repeat(80)}` })),
      }),
    );
    const packed = packAlerts(big);
    expect(packed.length).toBeGreaterThan(2);
    expect(packed.flatMap((message) => message.alerts)).toEqual(big);
    for (const message of packed) {
      assertWithinDiscordLimits(message.body);
      expect(validateMessageBody(JSON.parse(JSON.stringify(message.body)))).toBeNull();
      expect(messageEmbedChars(message.body)).toBeGreaterThan(3000);
    }
  });

  it('mentions the union of the packed alerts roles, once each, and allows only those', () => {
    const other = '333333333333333333';
    const mixed = [makeAlert({ mentionRoleId: ROLE_ID }), makeAlert({ mentionRoleId: other }), makeAlert({ mentionRoleId: ROLE_ID }), makeAlert()];
    const [message, ...rest] = packAlerts(mixed);
    expect(rest).toEqual([]);
    expect(message?.body.content).toBe(`<@&${ROLE_ID}> <@&${other}>`);
    expect(message?.body.allowed_mentions).toEqual({ parse: [], roles: [ROLE_ID, other] });
  });

  it('gives each message only the roles of its own alerts', () => {
    const roles = Array.from({ length: 12 }, (_, i) => `4${String(i).padStart(17, '0')}`);
    const packed = packAlerts(roles.map((mentionRoleId) => makeAlert({ mentionRoleId })));
    expect(packed.map((message) => message.body.allowed_mentions?.roles)).toEqual([roles.slice(0, 10), roles.slice(10)]);
  });

  it('returns no messages for no alerts', () => {
    expect(packAlerts([])).toEqual([]);
  });

  it('formats a single alert exactly as formatAlertMessage does', () => {
    const alert = makeAlert({ mentionRoleId: ROLE_ID });
    expect(packAlerts([alert])).toEqual([{ alerts: [alert], body: formatAlertMessage(alert) }]);
  });
});
