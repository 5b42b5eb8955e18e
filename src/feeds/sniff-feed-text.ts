const FEED_ROOT = /^([\w.-]+:)?(rss|feed|rdf)$/i;
const EXCERPT_CHARS = 24;

/**
 * Why a fetched body is not a feed, or undefined when it may be one. Catches WAF challenge pages,
 * login redirects and error pages before the XML parser turns them into a confusing parse error
 * (feed-quirks §15). A text/html Content-Type is overruled only by a body whose root is a feed root,
 * because misconfigured servers do label real feeds text/html.
 */
export function describeNonFeed(text: string, contentType: string | null | undefined): string | undefined {
  const body = skipLeadingJunk(text);
  if (body === '') return 'empty body';
  const root = body.startsWith('<') ? rootElementName(body) : undefined;
  if (root !== undefined && FEED_ROOT.test(root)) return undefined;
  if (isHtmlContentType(contentType) || root?.toLowerCase() === 'html' || /^<!doctype\s+html/i.test(body)) {
    return 'HTML page instead of a feed';
  }
  if (!body.startsWith('<')) return `not a feed: body starts with ${JSON.stringify(body.slice(0, EXCERPT_CHARS))}`;
  // Unknown root (or none yet, as in a truncated file): the parser gives the precise error.
  return root === undefined ? undefined : `not a feed: root element <${root}>`;
}

/** Drops whitespace, control characters and stray BOMs that some servers put before `<?xml`. */
export function skipLeadingJunk(text: string): string {
  let index = 0;
  while (index < text.length && (text.charCodeAt(index) <= 0x20 || text.charCodeAt(index) === 0xfeff)) index += 1;
  return text.slice(index);
}

export function isHtmlContentType(contentType: string | null | undefined): boolean {
  return /^\s*(text\/html|application\/xhtml\+xml)\b/i.test(contentType ?? '');
}

/** Name of the first element, skipping the XML declaration, processing instructions, comments and DOCTYPE. */
export function rootElementName(text: string): string | undefined {
  let index = 0;
  for (;;) {
    while (index < text.length && /\s/.test(text.charAt(index))) index += 1;
    const skipTo = endOfProlog(text, index);
    if (skipTo === undefined) break;
    if (skipTo < 0) return undefined;
    index = skipTo;
  }
  return /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(index, index + 200))?.[1];
}

/** End of the prolog construct at `index`; undefined when there is none; -1 when it never closes. */
function endOfProlog(text: string, index: number): number | undefined {
  const closer = text.startsWith('<?', index)
    ? '?>'
    : text.startsWith('<!--', index)
      ? '-->'
      : text.startsWith('<!', index)
        ? doctypeCloser(text, index)
        : undefined;
  if (closer === undefined) return undefined;
  const end = text.indexOf(closer, index + 2);
  return end < 0 ? -1 : end + closer.length;
}

function doctypeCloser(text: string, index: number): string {
  const bracket = text.indexOf('[', index);
  const close = text.indexOf('>', index);
  // An internal subset holds its own '>' characters and ends with "]>".
  return bracket >= 0 && bracket < close ? ']>' : '>';
}
