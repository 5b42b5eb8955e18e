import { canonicaliseLink } from '../../src/feeds/canonical-link';
import { cleanLink } from '../../src/feeds/clean-link';

describe('cleanLink', () => {
  test.each([
    ['removes utm_* parameters', 'https://news.example.com/a?utm_source=rss&utm_medium=rss&UTM_Campaign=x', 'https://news.example.com/a'],
    ['removes click ids', 'https://news.example.com/a?fbclid=IwAR0x&gclid=Cj0&msclkid=9&yclid=1&twclid=2&igshid=3&dclid=4&gbraid=5&wbraid=6', 'https://news.example.com/a'],
    ['removes newsletter ids', 'https://news.example.com/a?mc_cid=3&mc_eid=4&_hsenc=p2A&_hsmi=5&mkt_tok=6', 'https://news.example.com/a'],
    ['removes campaign tags', 'https://news.example.com/a?ocid=msn&cmpid=rss&CMP=share_btn_tw&smid=tw-share&ref_src=twsrc', 'https://news.example.com/a'],
    ['removes Google News oc', 'https://news.google.com/rss/articles/CBMiABC?oc=5', 'https://news.google.com/rss/articles/CBMiABC'],
    ['removes source=rss', 'https://news.example.com/a?source=rss&page=2', 'https://news.example.com/a?page=2'],
    ['keeps a source parameter that selects content', 'https://data.example.gov/search?source=usgs', 'https://data.example.gov/search?source=usgs'],
    ['keeps ref, which may select a branch or section', 'https://code.example.org/file?ref=main', 'https://code.example.org/file?ref=main'],
    ['keeps real parameters in their order', 'https://news.example.com/story?id=42&utm_source=x&page=2&lang=en', 'https://news.example.com/story?id=42&page=2&lang=en'],
    ['keeps the encoding of kept parameters', 'https://news.example.com/s?q=rare%20earth+magnets&utm_medium=feed', 'https://news.example.com/s?q=rare%20earth+magnets'],
    ['drops the fragment', 'https://news.example.com/a#comments', 'https://news.example.com/a'],
    ['drops the fragment after the query', 'https://news.example.com/a?id=7&utm_source=x#top', 'https://news.example.com/a?id=7'],
    ['keeps host case, www. and a trailing slash', 'https://WWW.News.Example.com/Markets/NdPr/?utm_source=rss', 'https://WWW.News.Example.com/Markets/NdPr/'],
    ['keeps http', 'http://www.news.example.com/a?fbclid=1', 'http://www.news.example.com/a'],
    ['keeps a port and the path case', 'https://news.example.com:8443/Path/To?x=1', 'https://news.example.com:8443/Path/To?x=1'],
    ['leaves a clean link alone', 'https://news.example.com/2026/09/15/lynas', 'https://news.example.com/2026/09/15/lynas'],
    ['trims whitespace', '  https://news.example.com/a?utm_source=x  ', 'https://news.example.com/a'],
    ['matches tracking names written with escapes', 'https://news.example.com/a?utm%5Fsource=x&id=1', 'https://news.example.com/a?id=1'],
    ['survives a malformed escape', 'https://news.example.com/a?x=%E0%A4%A&utm_source=y', 'https://news.example.com/a?x=%E0%A4%A'],
    [
      'unwraps a Bing click-tracking link, then cleans the target',
      'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=RANDOM&url=https%3a%2f%2fwww.wire.example.com%2fmarkets%2fndpr%2f%3futm_source%3dbing%26id%3d9&c=123&mkt=en-us',
      'https://www.wire.example.com/markets/ndpr/?id=9',
    ],
    [
      'unwraps a Google redirect with url=',
      'https://www.google.com/url?rct=j&sa=t&url=https://www.metals.example.com/news/terbium-tender%3Futm_source%3Dalerts&ct=ga&cd=CAIyAA&usg=AOvVaw',
      'https://www.metals.example.com/news/terbium-tender',
    ],
    ['unwraps a Google News redirect', 'https://news.google.com/url?sa=t&url=https%3A%2F%2Fpress.example.jp%2F2026%2F0910.html', 'https://press.example.jp/2026/0910.html'],
    ['unwraps a Google redirect with q=', 'https://www.google.co.uk/url?q=https://wire.example.com/a&sa=U', 'https://wire.example.com/a'],
    ['keeps a Google redirect whose target is not a web link', 'https://www.google.com/url?q=javascript:alert(1)', 'https://www.google.com/url?q=javascript:alert(1)'],
    ['keeps a Google search page', 'https://www.google.com/search?q=rare+earth', 'https://www.google.com/search?q=rare+earth'],
    ['keeps a non-Google /url page', 'https://news.example.com/url?url=https://elsewhere.example.com/', 'https://news.example.com/url?url=https://elsewhere.example.com/'],
    ['leaves a relative link as it is', '/relative/path?utm_source=x', '/relative/path?utm_source=x'],
    ['leaves a non-web link as it is', 'mailto:desk@example.com', 'mailto:desk@example.com'],
    ['gives "" for an empty link', '', ''],
  ])('%s', (_behaviour, input, expected) => {
    expect(cleanLink(input)).toBe(expected);
  });

  it('leaves the dedupe key as it was: the same article keeps one canonical link', () => {
    const tracked = 'https://www.news.example.com/a/?utm_source=rss&ref=home#top';
    expect(canonicaliseLink(tracked)).toBe('https://news.example.com/a');
    expect(canonicaliseLink(cleanLink(tracked))).toBe(canonicaliseLink(tracked));
  });
});
