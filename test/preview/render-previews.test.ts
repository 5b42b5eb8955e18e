import { buildSampleAlert } from '../../src/preview/build-sample-alert';
import { renderAlertPreview, renderStatusPreview } from '../../src/preview/render-previews';
import { colourOf } from '../../src/preview/render-message-html';
import { makeSampleItem } from '../../src/preview/sample-item';
import { makeSampleStatus, SAMPLE_CHANNEL } from '../../src/preview/sample-status';
import { makeAlert, makeTopic } from '../discord/alert-builders';

const NOW = new Date('2025-03-04T09:41:00Z');
const TOPICS = [
  { id: 'heavy-rare-earths', name: 'Heavy rare earths', colour: 0x8e44ad },
  { id: 'japan-supply-chain', name: "Japan's supply chain", colour: 0xe74c3c },
  { id: 'prices-markets', name: 'Prices and markets', colour: 0xf1c40f },
];
const RULES = [
  { id: 'heavy-rare-earths/1', topicId: 'heavy-rare-earths', expression: 'heavy rare earth, dysprosium, terbium' },
  { id: 'japan-supply-chain/1', topicId: 'japan-supply-chain', expression: 'JOGMEC, Sojitz' },
  { id: 'prices-markets/1', topicId: 'prices-markets', expression: 'NdPr, rare earth futures' },
];

describe('renderAlertPreview', () => {
  it('shows the real payload: escaped title, its link, bold terms, the topic colour and the source', () => {
    const alert = makeAlert({ item: { title: 'Japan & Lynas: dysprosium "deal"' } });
    const { html } = renderAlertPreview(alert, { now: NOW });
    expect(html).toContain('Japan &amp; Lynas: dysprosium &quot;deal&quot;');
    expect(html).toContain('href="https://news.example.com/2025/03/stockpile"');
    expect(html).toContain('<strong>dysprosium</strong>');
    expect(html).toContain('<strong>terbium</strong>');
    expect(html).toContain('border-left-color: #c0392b');
    expect(html).toContain('Mining Wire');
    expect(html).toContain('Heavy rare earths (dysprosium, terbium)');
    expect(html).toContain('Published <span class="timestamp">March 4, 2025 5:06 AM</span>');
  });

  it('turns hostile feed text into text, never into markup or a script link', () => {
    const alert = makeAlert({
      item: {
        title: '<script>alert(1)</script> dysprosium',
        summary: 'terbium <img src=x onerror=alert(2)> "</div><iframe src=//evil>',
        link: 'javascript:alert(3)',
        source: '<b onmouseover=alert(4)>Feed</b>',
        categories: ['<svg onload=alert(5)>'],
      },
    });
    const { html } = renderAlertPreview(alert, { now: NOW });
    expect(html).not.toMatch(/<(script|img|iframe|svg onload|b )/i);
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('&lt;b onmouseover=alert(4)&gt;Feed');
    expect(html).not.toContain('<a class="embed-title');
  });

  it('shows the role mention of a subscription that pings one', () => {
    const { html } = renderAlertPreview(makeAlert({ mentionRoleId: '22' }), { now: NOW, roles: { '22': 'rare-earth-desk' } });
    expect(html).toContain('<span class="mention">@rare-earth-desk</span>');
  });

  it('carries a height script only in the measuring copy', () => {
    const doc = renderAlertPreview(makeAlert({ topics: [makeTopic({ colour: 0x27ae60 })] }), { now: NOW });
    expect(doc.html).not.toContain('<script');
    expect(doc.measureHtml).toContain('data-preview-height');
    expect(doc.html).toContain('#27ae60');
  });
});

describe('colourOf', () => {
  test.each([
    [0x8e44ad, '#8e44ad'],
    [0x0000ff, '#0000ff'],
    [undefined, '#1e1f22'],
    [-1, '#1e1f22'],
    [0x1000000, '#1e1f22'],
    [1.5, '#1e1f22'],
  ])('draws %p as %s', (colour, css) => {
    expect(colourOf(colour)).toBe(css);
  });
});

describe('buildSampleAlert', () => {
  const item = makeSampleItem({ now: NOW });

  it('matches the sample with the rules and lists the topics that fired, in config order', () => {
    const { alert, note } = buildSampleAlert({ item, topics: TOPICS, rules: RULES, now: NOW });
    expect(note).toBeUndefined();
    expect(alert.topics.map((t) => t.id)).toEqual(['heavy-rare-earths', 'japan-supply-chain']);
    expect(alert.topics[0]?.terms).toEqual(expect.arrayContaining(['dysprosium', 'terbium']));
    expect(alert.hits.some((h) => h.field === 'summary' && item.summary.slice(h.start, h.end) === 'JOGMEC')).toBe(true);
  });

  it('keeps only the chosen topic, as for a channel subscribed to it alone', () => {
    const { alert } = buildSampleAlert({ item, topics: TOPICS, rules: RULES, topicId: 'japan-supply-chain', now: NOW });
    expect(alert.topics.map((t) => t.id)).toEqual(['japan-supply-chain']);
    expect(alert.hits.every((h) => item.summary.slice(h.start, h.end) === 'JOGMEC' || h.field !== 'summary')).toBe(true);
  });

  it('says so when no rule matches, and still shows the item under the chosen topic', () => {
    const custom = makeSampleItem({ now: NOW, title: 'Copper output steady', summary: 'Nothing about magnets here.' });
    const { alert, note } = buildSampleAlert({ item: custom, topics: TOPICS, rules: RULES, topicId: 'prices-markets', now: NOW });
    expect(note).toMatch(/would not post/);
    expect(alert.topics).toEqual([{ id: 'prices-markets', name: 'Prices and markets', colour: 0xf1c40f, terms: [] }]);
  });

  it('rejects an unknown topic, naming the known ones', () => {
    expect(() => buildSampleAlert({ item, topics: TOPICS, rules: RULES, topicId: 'gold', now: NOW })).toThrow(/unknown topic "gold"; topics: heavy-rare-earths, japan-supply-chain, prices-markets/);
  });
});

describe('renderStatusPreview', () => {
  it('shows the /status reply from the command handler, as an ephemeral answer', async () => {
    const feeds = [
      { id: 'mining-wire', name: 'Mining Wire' },
      { id: 'metals-daily', name: 'Metals Daily' },
    ];
    const { html } = await renderStatusPreview(makeSampleStatus(feeds, NOW, 'prices-markets'), { now: NOW, channels: { [SAMPLE_CHANNEL.id]: SAMPLE_CHANNEL.name } });
    expect(html).toContain('<strong>Rare Earth Radar status</strong>');
    expect(html).toContain('Feeds: 1 OK, 1 failing');
    expect(html).toContain('<code>metals-daily</code> <strong>Metals Daily</strong>');
    expect(html).toContain('failing since <span class="timestamp">3 hours ago</span>: HTTP 503 Service Unavailable');
    expect(html).toContain('<span class="mention">#metals-desk</span>');
    expect(html).toContain('used <span class="reply-command">/status</span>');
    expect(html).toContain('Only you can see this');
  });
});
