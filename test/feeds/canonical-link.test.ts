import { canonicaliseLink } from '../../src/feeds/canonical-link';

describe('canonicaliseLink', () => {
  test.each([
    ['lower-cases scheme and host and drops www.', 'HTTPS://WWW.Example.COM/News/Item', 'https://example.com/News/Item'],
    ['treats http as https', 'http://example.com/a', 'https://example.com/a'],
    ['drops the fragment', 'https://example.com/a#comments', 'https://example.com/a'],
    ['strips a trailing slash', 'https://example.com/a/', 'https://example.com/a'],
    ['reduces a bare host to no path', 'https://example.com/', 'https://example.com'],
    ['trims whitespace around the link', '  https://example.com/a  ', 'https://example.com/a'],
    ['removes utm_* parameters', 'https://example.com/a?utm_source=rss&utm_medium=rss&UTM_Campaign=x', 'https://example.com/a'],
    [
      'removes click ids and newsletter ids',
      'https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref=home',
      'https://example.com/a',
    ],
    ['removes Google News oc', 'https://news.google.com/rss/articles/CBMiABC?oc=5', 'https://news.google.com/rss/articles/CBMiABC'],
    ['removes the Guardian CMP tag', 'https://example.com/a?CMP=share_btn_tw', 'https://example.com/a'],
    ['removes source=rss but keeps other source values', 'https://example.com/a?source=rss&x=1', 'https://example.com/a?x=1'],
    ['keeps a source parameter that selects content', 'https://example.com/search?source=usgs', 'https://example.com/search?source=usgs'],
    ['sorts the remaining parameters', 'https://example.com/a?b=2&a=1&utm_source=x', 'https://example.com/a?a=1&b=2'],
    ['keeps the port when it is not the default', 'http://example.com:8080/a', 'https://example.com:8080/a'],
    ['drops credentials', 'https://user:secret@example.com/a', 'https://example.com/a'],
    [
      'unwraps a Bing click-tracking link',
      'http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=RANDOM&url=https%3a%2f%2fwww.wire.example.com%2fa%2f%3futm_source%3dbing&c=123&mkt=en-us',
      'https://wire.example.com/a',
    ],
    ['gives "" for an unparseable link', 'not a url', ''],
    ['gives "" for a relative link', '/relative/path', ''],
    ['gives "" for a non-http scheme', 'mailto:desk@example.com', ''],
    ['gives "" for an empty string', '', ''],
  ])('%s', (_behaviour, input, expected) => {
    expect(canonicaliseLink(input)).toBe(expected);
  });

  it('gives the same key to the same article with and without tracking', () => {
    const plain = canonicaliseLink('https://www.scmp.com/news/china/article/1234/rare-earths');
    const tracked = canonicaliseLink('http://scmp.com/news/china/article/1234/rare-earths/?utm_source=rss_feed#top');
    expect(tracked).toBe(plain);
  });
});
