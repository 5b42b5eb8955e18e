import { pageCustomId, parsePageCustomId, renderListPage, splitPages } from '../../src/discord/commands/paged-list';

describe('page button ids', () => {
  test.each([
    ['rules', 0, undefined, 'list:rules:0'],
    ['rules', 3, 'gallium', 'list:rules:3:gallium'],
    ['rules', 1, 'odd:topic', 'list:rules:1:odd:topic'],
  ])('encodes %s page %d filter %j as %s and reads it back', (kind, page, filter, id) => {
    expect(pageCustomId(kind, page, filter)).toBe(id);
    expect(parsePageCustomId(id)).toEqual(filter === undefined ? { kind, page } : { kind, page, filter });
  });

  it('never makes an id over Discord\'s 100 characters', () => {
    expect(pageCustomId('rules', 1, 'x'.repeat(87))).toHaveLength(100);
    expect(pageCustomId('rules', 1, 'x'.repeat(88))).toBeUndefined();
  });

  test.each(['', 'mute:24h', 'list:rules', 'list:rules:x', 'list::1', 'list:rules:-1', 'list:rules:99999'])('does not read %j as a page', (id) => {
    expect(parsePageCustomId(id)).toBeUndefined();
  });
});

describe('splitPages', () => {
  it('keeps whole lines and every page within the limit', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${'x'.repeat(i * 3)}`);
    const pages = splitPages(lines, 300);
    expect(pages.flat()).toEqual(lines.map((l) => (l.length > 300 ? `${l.slice(0, 299)}…` : l)));
    for (const page of pages) expect(page.join('\n').length).toBeLessThanOrEqual(300);
  });

  it('cuts a single line longer than a page', () => {
    expect(splitPages(['y'.repeat(20)], 10)).toEqual([[`${'y'.repeat(9)}…`]]);
  });
});

describe('renderListPage', () => {
  it('answers a list that fits in one message as plain text, without buttons', () => {
    expect(renderListPage('mutes', { heading: '**Muted**', lines: ['• a', '• b'] })).toEqual({ content: '**Muted**\n• a\n• b', embeds: [], components: [] });
  });

  it('shows a long list one embed page at a time, the last page when asked past the end', () => {
    const view = { heading: '**Rules**', lines: Array.from({ length: 100 }, (_, i) => `rule ${i} ${'z'.repeat(100)}`), filter: 'gallium' };
    const page = renderListPage('rules', view, 99);
    if (typeof page === 'string') throw new Error('expected embeds');
    expect(page.embeds[0]?.title).toBe('Rules · page 3 of 3');
    expect(page.components?.[0]?.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual(['list:rules:1:gallium', 'list:rules:2:gallium']);
    expect(page.components?.[0]?.components.map((b) => b.disabled)).toEqual([false, true]);
  });

  it('falls back to one page ending "… and N more" rather than cut a filter that does not fit in an id', () => {
    const view = { heading: '**These rules would fire:**', lines: Array.from({ length: 100 }, () => 'w'.repeat(100)), filter: 'f'.repeat(95) };
    const page = renderListPage('ruletest', view, 0);
    if (typeof page === 'string') throw new Error('expected embeds');
    expect(page.components).toEqual([]);
    expect(page.embeds[0]?.title).toBe('These rules would fire:');
    expect(page.embeds[0]?.description).toMatch(/\n… and \d+ more$/);
  });
});
