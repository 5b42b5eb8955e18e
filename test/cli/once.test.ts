import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rss2, atom, type Rss2Item } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { jsonLines, runCli, type CliRun } from '../support/run-cli';
import { writeConfigFile } from '../support/app-rig';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toUTCString();

describe('radar once', () => {
  let server: FeedServer;
  let dir: string;
  let config: string;
  const miningItems: Rss2Item[] = [
    { title: 'Lynas and JOGMEC extend heavy rare earth offtake', link: 'https://news.example/lynas-jogmec?utm_source=rss', guid: 'mw-1', description: 'Dysprosium and terbium volumes rise.', pubDate: hoursAgo(5) },
    { title: 'Gold miners report record quarter', link: 'https://news.example/gold', guid: 'mw-2', description: 'Nothing about rare earths here.', pubDate: hoursAgo(4) },
    { title: 'NdPr oxide price steadies in Shanghai', link: 'https://news.example/ndpr', guid: 'mw-3', description: 'Traders watch futures.', pubDate: hoursAgo(3) },
  ];

  beforeAll(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-once-'));
    server.route('/mining.xml', { body: rss2({ title: 'Mining wire', items: miningItems }), etag: '"v1"' });
    server.route('/japan.atom', {
      body: atom({
        title: 'Japan metals',
        entries: [{ title: 'Sojitz books a new rare earth cargo', id: 'urn:jp:1', links: [{ href: 'https://jp.example/sojitz' }], updated: new Date(Date.now() - 2 * 3_600_000).toISOString() }],
      }),
      contentType: 'application/atom+xml',
    });
    server.route('/broken.xml', { status: 503, body: 'down for maintenance' });
    config = writeConfigFile(dir, {
      feeds: [
        { id: 'mining-wire', name: 'Mining wire', url: server.url('/mining.xml') },
        { id: 'japan-metals', name: 'Japan metals', url: server.url('/japan.atom') },
        { id: 'broken', name: 'Broken feed', url: server.url('/broken.xml') },
      ],
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // Run in the temp folder: once keeps its memory in data/once.sqlite under the working directory.
  const once = (args: string[], env: Record<string, string> = {}): Promise<CliRun> => runCli(['once', ...args], env, 20_000, { cwd: dir });

  it('prints each matching item once, oldest first, with the terms that matched', async () => {
    const first = await once(['--json', '--config', config]);
    expect(first.code).toBe(0);
    const lines = jsonLines(first.stdout);
    expect(lines.map((l) => l.title)).toEqual([
      'Lynas and JOGMEC extend heavy rare earth offtake',
      'NdPr oxide price steadies in Shanghai',
      'Sojitz books a new rare earth cargo',
    ]);
    expect(lines[0]).toMatchObject({
      feed: 'mining-wire',
      id: 'mw-1',
      link: 'https://news.example/lynas-jogmec',
      topics: ['heavy-rare-earths', 'japan-supply-chain'],
    });
    const matches = lines[0]?.matches as { topic: string; rule: string; terms: string[] }[];
    expect(matches).toEqual(
      expect.arrayContaining([
        { topic: 'heavy-rare-earths', rule: 'heavy rare earth, dysprosium, terbium', terms: expect.arrayContaining(['heavy rare earth', 'dysprosium', 'terbium']) },
        { topic: 'japan-supply-chain', rule: 'Lynas AND (Japan OR JOGMEC)', terms: ['Lynas', 'JOGMEC'] },
      ]),
    );
    // A failing feed is reported on stderr and does not stop the others or change the exit code.
    expect(first.stderr).toContain('feed broken failed: HTTP 503');
  });

  it('prints nothing on the next run, and the unchanged feed costs a 304', async () => {
    const second = await once(['--json', '--config', config]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
    const requests = server.requests('/mining.xml');
    expect(requests.at(-1)?.headers['if-none-match']).toBe('"v1"');
  });

  it('prints only the items a feed gained since the last run', async () => {
    const added: Rss2Item = { title: 'Terbium shortage hits magnet makers', link: 'https://news.example/terbium', guid: 'mw-4', description: 'Heavy rare earths tighten.', pubDate: hoursAgo(0.5) };
    server.route('/mining.xml', { body: rss2({ title: 'Mining wire', items: [added, ...miningItems] }), etag: '"v2"' });
    const third = await once(['--json', '--config', config]);
    expect(jsonLines(third.stdout).map((l) => l.id)).toEqual(['mw-4']);
    const fourth = await once(['--json', '--config', config]);
    expect(fourth.stdout).toBe('');
  });

  it('prints readable lines without --json', async () => {
    server.route('/mining.xml', {
      body: rss2({ title: 'Mining wire', items: [{ title: 'JOGMEC funds a dysprosium separation plant', link: 'https://news.example/plant', guid: 'mw-5', pubDate: hoursAgo(0.2) }] }),
    });
    const run = await once(['--config', config]);
    expect(run.stdout).toContain('Mining wire: JOGMEC funds a dysprosium separation plant');
    expect(run.stdout).toContain('https://news.example/plant');
    expect(run.stdout).toMatch(/matched: Heavy rare earths \(dysprosium\); Japan's supply chain \(JOGMEC\)/);
  });

  it("keeps its own memory in data/once.sqlite and never touches the bot's store, even with RADAR_STORE set", async () => {
    const botStore = join(dir, 'bot-from-env.sqlite');
    const run = await once(['--json', '--config', config], { RADAR_STORE: `sqlite://${botStore}` });
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'data', 'once.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'radar.sqlite'))).toBe(false); // the config's store, the bot's
    expect(existsSync(botStore)).toBe(false);
  });

  it('polls every feed on every run, a failing one too, and ends with a summary line', async () => {
    // The broken feed failed on every earlier run, so the bot would be backing off from it by now.
    const before = server.requests('/broken.xml').length;
    const run = await once(['--config', config]);
    expect(server.requests('/broken.xml').length).toBe(before + 1);
    expect(run.stderr).toMatch(/^3 feeds: (\d+ ok, )?(\d+ not modified, )?1 failed; \d+ new matching items? /m);
  });

  it('reports a failed feed once, not once per log line', async () => {
    const run = await once(['--config', config], { LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' });
    expect(run.stderr.match(/HTTP 503/g)).toHaveLength(1);
    expect(run.stderr).toContain('feed broken failed: HTTP 503');
  });

  it('alerts only recent items of a feed it polls for the first time', async () => {
    const backlog: Rss2Item[] = Array.from({ length: 30 }, (_, i) => ({
      title: `Dysprosium market note number ${i + 1}`,
      link: `https://backlog.example/${i + 1}`,
      guid: `b-${i + 1}`,
      pubDate: hoursAgo(i < 3 ? 1 + i : 100 + i),
    }));
    server.route('/backlog.xml', { body: rss2({ title: 'Backlog', items: backlog }) });
    const withBacklog = writeConfigFile(dir, { feeds: [{ id: 'backlog', name: 'Backlog', url: server.url('/backlog.xml') }], store: `sqlite://${join(dir, 'backlog.sqlite')}` });
    const run = await once(['--json', '--config', withBacklog, '--store', `sqlite://${join(dir, 'backlog.sqlite')}`]);
    // Only the 3 items within maxItemAgeHours (48) of the 30: the rest are remembered silently.
    expect(jsonLines(run.stdout).map((l) => l.id)).toEqual(['b-3', 'b-2', 'b-1']);
  });
});

/** An RFC 822 date written in a zone `offset` hours east of UTC with a colon (`+08:00`), as some CMSs do. */
function inZone(date: Date, offset: number): string {
  const local = new Date(date.getTime() + offset * 3_600_000).toUTCString().replace(/ GMT$/, '');
  const sign = offset < 0 ? '-' : '+';
  return `${local} ${sign}${String(Math.abs(offset)).padStart(2, '0')}:00`;
}

describe('radar once --json links and dates', () => {
  let server: FeedServer;
  let dir: string;
  let config: string;
  const threeHoursAgo = new Date(Math.floor(Date.now() / 1000) * 1000 - 3 * 3_600_000);
  const items: Rss2Item[] = [
    {
      title: 'Dysprosium exports resume from Port Klang',
      link: 'https://www.Wire.example/markets/dy-exports/?utm_source=rss&utm_medium=feed&id=77&fbclid=IwAR0#comments',
      guid: 'l-1',
      pubDate: inZone(threeHoursAgo, 8),
    },
    {
      title: 'Terbium tender awarded in Baotou',
      link: 'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=RANDOM42&url=https%3a%2f%2fledger.example.org%2fterbium-tender%3focid%3dmsn%26page%3d2&c=9&mkt=en-us',
      guid: 'l-2',
      pubDate: inZone(new Date(threeHoursAgo.getTime() + 600_000), -1),
    },
    {
      title: 'China trims heavy rare earthes quota',
      link: 'https://www.google.com/url?rct=j&sa=t&url=https://press.example.cn/2026/quota.html%3Fmc_cid%3Dabc&ct=ga&usg=AOvVaw',
      guid: 'l-3',
      pubDate: inZone(new Date(threeHoursAgo.getTime() + 1_200_000), 0),
    },
  ];

  beforeAll(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-once-links-'));
    server.route('/links.xml', { body: rss2({ title: 'Links wire', items }) });
    config = writeConfigFile(dir, { feeds: [{ id: 'links-wire', name: 'Links wire', url: server.url('/links.xml') }] });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints links without tracking, fragments or click-trackers, and dates with colon offsets at the right time', async () => {
    const run = await runCli(['once', '--json', '--config', config], {}, 20_000, { cwd: dir });
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map(({ id, link, published }) => ({ id, link, published }))).toEqual([
      { id: 'l-1', link: 'https://www.wire.example/markets/dy-exports/?id=77', published: threeHoursAgo.toISOString() },
      { id: 'l-2', link: 'https://ledger.example.org/terbium-tender?page=2', published: new Date(threeHoursAgo.getTime() + 600_000).toISOString() },
      { id: 'l-3', link: 'https://press.example.cn/2026/quota.html', published: new Date(threeHoursAgo.getTime() + 1_200_000).toISOString() },
    ]);
  });

  it('dates an item whose year is a typo by when it was first seen, so it does not stay on top', async () => {
    const before = Date.now();
    const typo: Rss2Item = { title: 'Dysprosium price note', link: 'https://wire.example/dy-note?utm_campaign=x', guid: 'l-4', pubDate: 'Tue, 15 Sep 2062 10:00:00 GMT' };
    server.route('/links.xml', { body: rss2({ title: 'Links wire', items: [typo, ...items] }) });
    const run = await runCli(['once', '--json', '--config', config], {}, 20_000, { cwd: dir });
    const [line] = jsonLines(run.stdout);
    expect(line).toMatchObject({ id: 'l-4', link: 'https://wire.example/dy-note' });
    expect(Date.parse(String(line?.published))).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(String(line?.published))).toBeLessThanOrEqual(Date.now());
  });
});

describe('invalid configuration', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radar-badconfig-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a rule with an unbalanced parenthesis', 'topics:\n  - id: t\n    name: T\n    colour: "#112233"\n    rules: ["(Lynas AND JOGMEC"]\n', 'topics[0].rules[0]: unbalanced parenthesis at column 1'],
    ['a bad schedule', 'schedule: "every five minutes"\n', 'schedule: not a cron expression'],
    ['an unknown key', 'polling: fast\n', 'polling: unknown key'],
    ['a mistyped key', 'limits:\n  maxRedirect: 3\n', 'limits.maxRedirect: unknown key (did you mean maxRedirects?)'],
    ['a feed without a URL scheme', 'feeds:\n  - id: f\n    name: F\n    url: "example.com/feed"\n', 'feeds[0].url: not a valid URL'],
  ])('stops with exit code 2 on %s', async (_name, yaml, message) => {
    const base = 'feeds:\n  - id: ok\n    name: OK\n    url: "https://example.com/feed"\ntopics:\n  - id: t\n    name: T\n    colour: "#112233"\n    rules: ["Lynas"]\n';
    const file = join(dir, `${Math.random()}.yaml`);
    // Later keys win in our test YAML only when they are distinct; build a document that replaces sections.
    const merged = yaml.startsWith('feeds:') ? yaml + base.slice(base.indexOf('topics:')) : yaml.startsWith('topics:') ? base.slice(0, base.indexOf('topics:')) + yaml : base + yaml;
    writeFileSync(file, merged);
    for (const command of [['check-config', '--config', file], ['once', '--config', file]]) {
      const run = await runCli(command);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });

  it('points at the line and column of a YAML syntax error and shows the line', async () => {
    const file = join(dir, 'syntax.yaml');
    writeFileSync(file, 'schedule: "*/5 * * * *"\nfeeds:\n  - id: wire\n    url: https://wire.example/feed: rss\n');
    const run = await runCli(['check-config', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:4:10: Nested mappings are not allowed in compact mappings`);
    expect(run.stderr).toContain('\n        url: https://wire.example/feed: rss\n             ^');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the file when it does not exist', async () => {
    const run = await runCli(['check-config', '--config', join(dir, 'missing.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('missing.yaml: invalid config');
    expect(run.stderr).toContain('file not found');
  });
});

describe('check-config and test-rule', () => {
  it('summarises the shipped default config', async () => {
    const run = await runCli(['check-config', '--config', 'config/default.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/config\/default\.yaml: OK/);
    expect(run.stdout).toMatch(/feeds: {4}\d+/);
  });

  it.each([
    ['dysprosium OR terbium', 'Terbium prices jump', 0, 'match: terbium'],
    ['rare earth -recycling', 'Rare earth recycling plant opens', 1, 'no match'],
    ['earth', 'Earthenware exports fall', 1, 'no match'],
  ])('test-rule %p on %p exits %p', async (expression, text, code, output) => {
    const run = await runCli(['test-rule', expression, text]);
    expect(run.code).toBe(code);
    expect(run.stdout).toContain(output);
  });

  it('explains an invalid expression with its column', async () => {
    const run = await runCli(['test-rule', 'Lynas AND (Japan', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('at column 11');
  });
});

describe('radar once with many feeds on one publisher', () => {
  let server: FeedServer | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    server = undefined;
    dir = undefined;
  });

  it('fetches twelve feeds of one host at once without a "possible memory leak" warning, and reads them all', async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-once-host-'));
    // Distinct stories, so that story recognition does not fold them into one alert.
    const headlines = [
      'Terbium exports from Myanmar halt at the border',
      'JOGMEC funds a dysprosium refinery in Vietnam',
      'Lynas opens its Texas heavy rare earth plant',
      'Sojitz signs a Kalgoorlie offtake for NdPr oxide',
      'CME weighs an NdPr futures contract for 2027',
      'Dysprosium magnet recycling starts in Ohio',
      'USTDA grant backs a Brazilian terbium clay study',
      'Terbium price climbs after Chinese export quota cut',
      'DFC lends to a Greenland dysprosium project',
      'Heavy rare earth separation trial succeeds in Estonia',
      'Japan stockpiles dysprosium for wind turbine makers',
      'Lynas and JOGMEC extend terbium supply into 2030',
    ];
    const ids = headlines.map((_, i) => `desk-${i + 1}`);
    // No answer until all twelve are asked: twelve fetches in flight at once, each listening to the cycle's signal.
    let releaseAll = () => {};
    const allAsked = new Promise<void>((resolve) => (releaseAll = resolve));
    for (const [i, id] of ids.entries()) {
      const items = [{ title: headlines[i], link: `https://one.example/${id}`, guid: id, pubDate: hoursAgo(1) }];
      server.route(`/${id}.xml`, () => {
        if (server?.requests().length === ids.length) releaseAll();
        return { body: rss2({ title: `Desk ${i + 1}`, items }), held: allAsked };
      });
    }
    const config = writeConfigFile(dir, {
      limits: { perHostConcurrency: 12, feedConcurrency: 12, minHostIntervalMs: 20 },
      feeds: ids.map((id) => ({ id, name: id, url: server?.url(`/${id}.xml`) })),
    });
    const run = await runCli(['once', '--json', '--config', config], {}, 20_000, { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain('MaxListenersExceededWarning');
    expect(jsonLines(run.stdout).map((l) => l.feed).sort()).toEqual([...ids].sort());
  });
});
