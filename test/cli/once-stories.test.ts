import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rss2 } from '../support/feed-builders';
import { startFeedServer, type FeedServer } from '../support/feed-server';
import { duplicateCount, HELD_OUT_PATH, LABELLED_PATH, labelledTimeline, REVIEW_PATH, type LabelledItem } from '../support/labelled-stories';
import { jsonLines, runCli } from '../support/run-cli';
import { writeConfigFile } from '../support/app-rig';

const HOUR_MS = 3_600_000;
/** Matches every item of the three sets, so what is printed depends on story recognition alone. */
const EVERYTHING = {
  id: 'everything',
  name: 'Everything',
  colour: '#112233',
  rules: ['rare earth, rare earths, NdPr, dysprosium, terbium, Northern Minerals, magnet, magnets, gallium, critical minerals, raw materials, Lynas, JOGMEC, Iluka, Arafura, MP Materials, Niron, Neo Performance, Ucore, Pensana, Rainbow, Tanbreez',
    'tungsten, cobalt, nickel, graphite, germanium, antimony, niobium, smelter, Ramaco, Hastings, Energy Fuels, Shin-Etsu, Phoenix Tailings, Saskatchewan Research Council, Korea Zinc, Brazilian Rare Earths, Ionic, Seren, lithium, scandium, Lindian, Meteoric'],
};

describe.each([
  ['the labelled set', LABELLED_PATH],
  ['the held-out set', HELD_OUT_PATH],
  ['the review set', REVIEW_PATH],
])('radar once on a multi-outlet news flow: %s', (name, path) => {
  const items = labelledTimeline(path);
  // The flow ends two hours ago; its first story broke 44 hours ago, inside the 48 h windows.
  const start = Date.now() - (Math.max(...items.map((i) => i.hour)) + 2) * HOUR_MS;
  const outlets = [...new Set(items.map((i) => i.outlet))];
  let server: FeedServer;
  let dir: string;
  let config: string;

  const serve = (upToHour: number) => {
    for (const outlet of outlets) {
      const served = items.filter((i) => i.outlet === outlet && i.hour <= upToHour).reverse();
      server.route(`/${outlet}.xml`, {
        body: rss2({
          title: outlet,
          items: served.map((i) => ({ title: i.title, description: i.summary, link: linkOf(i), guid: linkOf(i), pubDate: new Date(start + i.hour * HOUR_MS).toUTCString() })),
        }),
      });
    }
  };

  beforeAll(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'radar-stories-'));
    config = writeConfigFile(dir, { feeds: outlets.map((outlet) => ({ id: outlet, name: outlet, url: server.url(`/${outlet}.xml`) })), topics: [EVERYTHING], limits: { requestTimeoutMs: 5000, maxItemAgeHours: 48, firstPollMaxItems: 100 } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints every story once, distinct look-alikes included, and rewrites from other outlets at most rarely, across runs', async () => {
    // Two runs, as two polls a day apart: the second starts from the store, as after a restart.
    serve(20);
    const first = await runCli(['once', '--json', '--config', config], {}, 20_000, { cwd: dir }); // once keeps its memory in data/once.sqlite
    serve(Infinity);
    const second = await runCli(['once', '--json', '--config', config], {}, 20_000, { cwd: dir });
    expect([first.code, second.code]).toEqual([0, 0]);

    const byTitle = new Map(items.map((i) => [i.title, i]));
    const printed = [...jsonLines(first.stdout), ...jsonLines(second.stdout)].map((line) => byTitle.get(String(line.title)));
    expect(printed).not.toContain(undefined);
    const labels = new Set(items.map((i) => i.label));
    const printedLabels = new Set(printed.map((i) => i?.label));
    expect([...labels].filter((label) => !printedLabels.has(label))).toEqual([]);

    const repeats = printed.length - printedLabels.size;
    const rewrites = duplicateCount(items);
    console.log(`once --json on ${name}: ${printed.length} lines for ${labels.size} stories; ${rewrites - repeats}/${rewrites} rewrites merged (${((100 * (rewrites - repeats)) / rewrites).toFixed(1)}%)`);
    expect((rewrites - repeats) / rewrites).toBeGreaterThanOrEqual(0.9);
  });
});

function linkOf(item: LabelledItem): string {
  return `https://${item.outlet}.example/${item.label}/${item.variant}`;
}
