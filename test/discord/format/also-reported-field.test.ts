import type { APIEmbed } from 'discord.js';
import { ALSO_REPORTED_NAME, withAlsoReported } from '../../../src/discord/format/also-reported-field';
import { embedLength } from '../../../src/discord/format/embed-length';

const embed: APIEmbed = { title: 'Lynas wins Japanese backing', description: 'Sojitz and JOGMEC invest.', fields: [{ name: 'Topics', value: 'Japan' }] };
const field = (e: APIEmbed) => e.fields?.find((f) => f.name === ALSO_REPORTED_NAME)?.value;

describe('the "Also reported by" field', () => {
  it('lists the outlets as links, replacing an earlier list rather than adding a second one', () => {
    const once = withAlsoReported(embed, [{ name: 'Wire B', link: 'https://b.example/1' }]);
    const twice = withAlsoReported(once, [{ name: 'Wire B', link: 'https://b.example/1' }, { name: 'Wire C', link: 'https://c.example/2' }]);
    expect(field(twice)).toBe('[Wire B](https://b.example/1), [Wire C](https://c.example/2)');
    expect(twice.fields?.map((f) => f.name)).toEqual(['Topics', ALSO_REPORTED_NAME]);
  });

  test.each([
    ['an unsafe link is shown as plain text', { name: 'Wire D', link: 'javascript:alert(1)' }, 'Wire D'],
    ['markdown in a name is escaped', { name: '**Loud** Wire', link: '' }, '\\*\\*Loud\\*\\* Wire'],
  ])('%s', (_, outlet, expected) => {
    expect(field(withAlsoReported(embed, [outlet]))).toBe(expected);
  });

  it('stays within the field and the message budget, ending with "+N more"', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ name: `Outlet number ${i}`, link: `https://outlet-${i}.example/${'x'.repeat(40)}` }));
    const edited = withAlsoReported(embed, many);
    expect(field(edited)!.length).toBeLessThanOrEqual(1024);
    expect(field(edited)).toMatch(/\+\d+ more$/);
    const crowded = withAlsoReported(embed, many, 6000 - embedLength(embed) - 100);
    expect(embedLength(crowded) + 6000 - embedLength(embed) - 100).toBeLessThanOrEqual(6000);
  });
});
