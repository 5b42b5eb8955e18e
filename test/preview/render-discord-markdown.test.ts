import { renderDiscordMarkdown } from '../../src/preview/render-discord-markdown';
import { formatCalendarTime, relativeTime } from '../../src/preview/format-discord-time';

const NOW = new Date('2025-03-04T09:41:00Z');
const ctx = { now: NOW, roles: { '22': 'rare-earth-desk' }, channels: { '33': 'metals' } };

describe('renderDiscordMarkdown', () => {
  test.each([
    ['plain text', 'Lynas output rose', 'Lynas output rose'],
    ['bold', 'the **dysprosium** price', 'the <strong>dysprosium</strong> price'],
    ['an escaped star stays a star', '5 \\* 3 and \\*\\*not bold\\*\\*', '5 * 3 and **not bold**'],
    ['escaped brackets and underscores', '\\[link\\] \\_x\\_', '[link] _x_'],
    ['a backslash before a letter is kept', 'C:\\data', 'C:\\data'],
    ['inline code is literal', '`a **b** <c>`', '<code>a **b** &lt;c&gt;</code>'],
    ['a lone backtick', 'it`s', 'it`s'],
    ['line breaks', 'one\ntwo', 'one<br>two'],
    ['HTML in the text', '<script>alert("x")</script>', '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'],
    ['an unclosed bold is closed', '**open', '<strong>open</strong>'],
    ['a role mention', '<@&22>', '<span class="mention">@rare-earth-desk</span>'],
    ['an unknown role', '<@&99>', '<span class="mention">@unknown-role</span>'],
    ['a channel mention', '<#33>', '<span class="mention">#metals</span>'],
    ['a relative timestamp', '<t:1741074060:R>', '<span class="timestamp">2 hours ago</span>'],
    ['a relative timestamp in the future', '<t:1741084860:R>', '<span class="timestamp">in 1 hour</span>'],
    ['a short date-time timestamp', '<t:1741064767:f>', '<span class="timestamp">March 4, 2025 5:06 AM</span>'],
    ['a timestamp without style', '<t:1741064767>', '<span class="timestamp">March 4, 2025 5:06 AM</span>'],
    ['a masked link without preview', '[Lynas \\] news](<https://x.example/a?b=1&c=2>)', '<a class="link" href="https://x.example/a?b=1&amp;c=2">Lynas ] news</a>'],
    ['a masked link', '[**NdPr**](https://x.example/n)', '<a class="link" href="https://x.example/n"><strong>NdPr</strong></a>'],
    ['a link to something other than http is text', '[x](javascript:alert(1))', '[x](javascript:alert(1))'],
    ['angle brackets that are not markup', '<t:abc> <@&x>', '&lt;t:abc&gt; &lt;@&amp;x&gt;'],
  ])('renders %s', (_name, markdown, html) => {
    expect(renderDiscordMarkdown(markdown, ctx)).toBe(html);
  });
});

describe('relativeTime', () => {
  test.each([
    [-30_000, '30 seconds ago'],
    [-179_400, '3 minutes ago'],
    [180_000, 'in 3 minutes'],
    [-2 * 3_600_000, '2 hours ago'],
    [-26 * 3_600_000, '1 day ago'],
    [-40 * 86_400_000, '1 month ago'],
  ])('shows an offset of %i ms as "%s"', (offset, text) => {
    expect(relativeTime(new Date(NOW.getTime() + offset), NOW)).toBe(text);
  });
});

describe('formatCalendarTime', () => {
  test.each([
    ['2025-03-04T07:06:00Z', 'Today at 7:06 AM'],
    ['2025-03-03T23:50:00Z', 'Yesterday at 11:50 PM'],
    ['2025-02-27T12:00:00Z', '02/27/2025 12:00 PM'],
  ])('shows %s as "%s"', (iso, text) => {
    expect(formatCalendarTime(new Date(iso), { now: NOW })).toBe(text);
  });
});
