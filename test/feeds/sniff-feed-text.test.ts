import { describeNonFeed, rootElementName } from '../../src/feeds/sniff-feed-text';

describe('describeNonFeed', () => {
  test.each([
    ['RSS with a prolog', '<?xml version="1.0"?>\n<rss version="2.0">', undefined],
    ['RSS after a stylesheet PI and a comment', '<?xml version="1.0"?><?xml-stylesheet href="a.css"?><!-- gen --><rss>', undefined],
    ['Atom', '  <feed xmlns="http://www.w3.org/2005/Atom">', undefined],
    ['RDF', '<rdf:RDF xmlns:rdf="x">', undefined],
    ['a DOCTYPE rss', '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x"><rss version="0.91">', undefined],
    ['a DOCTYPE with an internal subset', '<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss>', undefined],
    ['a truncated prolog (left to the parser)', '<?xml version="1.0"?>', undefined],
    ['an HTML page', '<!DOCTYPE html><html><body>', 'HTML page instead of a feed'],
    ['an XHTML page', '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', 'HTML page instead of a feed'],
    ['a bare html tag', '<html>', 'HTML page instead of a feed'],
    ['plain text', 'Service temporarily unavailable', 'not a feed: body starts with "Service temporarily unav"'],
    ['an unknown root', '<error><code>1</code></error>', 'not a feed: root element <error>'],
    ['an empty body', ' \n ', 'empty body'],
  ])('%s', (_case, text, expected) => {
    expect(describeNonFeed(text, 'application/xml')).toBe(expected);
  });

  it('rejects text/html unless the body is a feed', () => {
    expect(describeNonFeed('<p>hello</p>', 'text/html; charset=utf-8')).toBe('HTML page instead of a feed');
    expect(describeNonFeed('<rss version="2.0">', 'text/html')).toBeUndefined();
  });
});

describe('rootElementName', () => {
  test.each([
    ['<rss version="2.0">', 'rss'],
    ['<?xml version="1.0"?><!-- c --><feed>', 'feed'],
    ['<!-- never closed', undefined],
    ['text', undefined],
  ])('reads %p', (text, expected) => {
    expect(rootElementName(text)).toBe(expected);
  });
});
