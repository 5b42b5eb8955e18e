import { cleanFeedText } from '../../../src/discord/format/clean-feed-text';
import { renderMarkedText } from '../../../src/discord/format/render-marked-text';
import { unrender } from '../alert-builders';

const ZWSP = '\u200B';

describe('cleanFeedText', () => {
  it.each([
    ['plain text', 'Lynas ships NdPr', 'Lynas ships NdPr'],
    ['runs of whitespace and newlines', '  a \n\n\t b\r\nc  ', 'a b c'],
    ['no-break and ideographic spaces', 'a\u00A0b\u3000c\u2009d', 'a b c d'],
    ['C0 and C1 controls', 'a\u0000b\u0007c\u001Bd\u007Fe\u0090f', 'abcdef'],
    ['zero-width characters and the BOM', '\uFEFFa\u200Bb\u200Cc\u200Dd\u2060e', 'abcde'],
    ['bidi overrides and isolates', 'abc\u202Edcb\u202C \u2066x\u2069\u200F', 'abcdcb x'],
    ['a lone surrogate', 'a\uD800b\uDC00c', 'a\uFFFDb\uFFFDc'],
    ['a surrogate pair', 'rock 🪨 solid', 'rock 🪨 solid'],
    ['@everyone and @here', '@everyone @Here hi', `@${ZWSP}everyone @${ZWSP}Here hi`],
    ['mention syntax', '<@1> <@!2> <@&3> <#4> </cmd:5>', `<${ZWSP}@1> <${ZWSP}@!2> <${ZWSP}@&3> <${ZWSP}#4> <${ZWSP}/cmd:5>`],
    ['harmless @ and <', 'mail@example.com a < b <3 <:rock:1>', 'mail@example.com a < b <3 <:rock:1>'],
    ['@everyone run into other text', 'x@everyonex @heresy', `x@${ZWSP}everyonex @${ZWSP}heresy`],
    ['nothing but invisible text', ' \u200B\u0000 \n', ''],
  ])('cleans %s', (_case, raw, text) => {
    expect(cleanFeedText(raw).text).toBe(text);
  });

  it.each([
    ['offsets after removed characters', '\u200B\u200Bab  dysprosium', [[6, 16]], 'ab **dysprosium**'],
    ['a span padded with whitespace', 'a   dysprosium   b', [[1, 17]], 'a **dysprosium** b'],
    ['overlapping spans', 'heavy rare earths', [[0, 10], [6, 17]], '**heavy rare earths**'],
    ['touching spans', 'terbium', [[0, 3], [3, 7]], '**terbium**'],
    ['a span inside a surrogate pair', '🪨🪨', [[1, 3]], '**🪨**🪨'],
    ['a span next to a broken mention', '<@&1>', [[0, 1]], `**<**${ZWSP}@&1>`],
    ['a span inside a URL (dropped)', 'see https://x.example/dysprosium now', [[22, 32]], 'see https://x.example/dysprosium now'],
    ['spans around a URL (kept)', 'dysprosium https://x.example/a terbium', [[0, 10], [31, 38]], '**dysprosium** https://x.example/a **terbium**'],
    ['spans with bad offsets (dropped)', 'abc', [[2, 9], [-1, 1], [2, 1], [0.5, 2]], 'abc'],
    ['a span of only removed characters (dropped)', 'a\u200B\u200Bb', [[1, 3]], 'ab'],
  ])('maps %s onto the clean text', (_case, raw, spans, rendered) => {
    const marked = cleanFeedText(raw, spans.map(([start = 0, end = 0]) => ({ start, end })));
    expect(renderMarkedText(marked, { escape: false, emphasis: true })).toBe(rendered);
  });

  it('maps thousands of spans past thousands of broken mentions', () => {
    const unit = '@here <@1> \u200B dysprosium ';
    const raw = unit.repeat(4000);
    const at = unit.indexOf('dysprosium');
    const spans = Array.from({ length: 4000 }, (_, i) => ({ start: i * unit.length + at, end: i * unit.length + at + 10 }));
    const marked = cleanFeedText(raw, spans);
    expect(marked.spans).toHaveLength(4000);
    expect(marked.spans.every((span) => marked.text.slice(span.start, span.end) === 'dysprosium')).toBe(true);
  });
});

describe('escaping round trip', () => {
  it.each([
    ['**bold** __under__ *it* _it_ ~~s~~ ||sp||'],
    ['`a` ``b`` ```c``` ````d````'],
    ['[masked](https://evil.example) ![img](x)'],
    ['# h1'],
    ['## h2 and - list and 1. numbered'],
    ['> quote >>> block'],
    ['-# subtext'],
    ['\\ \\\\ \\* \\_ \\`'],
    ['***bold italic*** ___u_i___'],
    ['snake_case_name and 2*3*4'],
    ['https://x.example/a_b*c__d'],
    ['<:emoji:123> <t:1700000000:R>'],
  ])('readers see exactly the feed text of %j', (raw) => {
    const marked = cleanFeedText(raw, [{ start: 0, end: Math.min(3, raw.length) }]);
    const rendered = renderMarkedText(marked, { escape: true, emphasis: true });
    expect(unrender(rendered)).toBe(marked.text);
  });
});
