import { suggestIds } from '../../src/discord/commands/id-options';
import { emptyGuildSettings } from '../../src/guilds/guild-settings';
import { topicsFor } from '../../src/guilds/topic-catalog';
import { requireTopic, suggestTopics } from '../../src/discord/commands/topic-options';

const BUILT_IN = [
  { id: 'heavy-rare-earths', name: 'Heavy rare earths', colour: 1 },
  { id: 'japan-supply-chain', name: "Japan's supply chain", colour: 2 },
  { id: 'producers-projects', name: 'Producers and projects', colour: 3 },
  { id: 'prices-markets', name: 'Prices and markets', colour: 4 },
];
const catalog = topicsFor(BUILT_IN, { ...emptyGuildSettings('g1'), topics: [{ id: 'gallium', name: 'Gallium', colour: 5 }] });

describe('suggestTopics', () => {
  test.each([
    ['', ['heavy-rare-earths', 'japan-supply-chain', 'producers-projects', 'prices-markets', 'gallium']],
    // names starting with the text first, then a word starting with it, then anywhere in name or id
    ['p', ['producers-projects', 'prices-markets', 'japan-supply-chain']],
    ['PRI', ['prices-markets']],
    ['ma', ['prices-markets']],
    ['s', ['japan-supply-chain', 'heavy-rare-earths', 'producers-projects', 'prices-markets']],
    ['rare', ['heavy-rare-earths']],
    ['  gall ', ['gallium']],
    ['japan-s', ['japan-supply-chain']],
    ['zinc', []],
  ])('suggests for %j: %j', (typed, ids) => {
    expect(suggestTopics(catalog, typed).map((c) => c.value)).toEqual(ids);
  });

  it("labels the server's own topics", () => {
    expect(suggestTopics(catalog, 'gal')).toEqual([{ name: 'Gallium (this server)', value: 'gallium' }]);
  });

  it('offers at most 25 choices of at most 100 characters', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `t${i}`, name: `Topic ${i} ${'x'.repeat(120)}`, colour: 0 }));
    const choices = suggestTopics(topicsFor(many, emptyGuildSettings('g')), 'topic');
    expect(choices).toHaveLength(25);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });
});

describe('requireTopic', () => {
  test.each([
    ['heavy-rare-earths', 'heavy-rare-earths'],
    ['Heavy rare earths', 'heavy-rare-earths'],
    ['  gallium ', 'gallium'],
  ])('finds %j', (query, id) => {
    expect(requireTopic(catalog, query).id).toBe(id);
  });

  test.each(['zinc', 'heavy', ''])('refuses %j and lists the topics', (query) => {
    expect(() => requireTopic(catalog, query)).toThrow(
      `Unknown topic "${query.trim()}". Topics: Heavy rare earths, Japan's supply chain, Producers and projects, Prices and markets, Gallium.`,
    );
  });
});

describe('suggestIds', () => {
  const candidates = [
    { id: 'r1', label: 'gallium AND (export OR licence) (Gallium)' },
    { id: 'r2', label: 'Lynas AND Japan (Producers and projects)' },
    { id: 'r10', label: 'germanium -recycling (Gallium)' },
  ];

  test.each([
    ['', ['r1', 'r2', 'r10']],
    // the id or the label starting with the text first, then a word of the label, then anywhere
    ['r1', ['r1', 'r10']],
    ['ja', ['r2']],
    ['gall', ['r1', 'r10']],
    ['CYCL', ['r10']],
    ['zinc', []],
  ])('suggests for %j: %j', (typed, ids) => {
    expect(suggestIds(candidates, typed).map((c) => c.value)).toEqual(ids);
  });

  it('labels each choice with its id and text, cut to 100 characters, and offers at most 25', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ id: `r${i}`, label: 'x'.repeat(200) }));
    const choices = suggestIds(many, '');
    expect(choices).toHaveLength(25);
    expect(choices[0]?.name).toBe(`r0: ${'x'.repeat(95)}…`);
    expect(suggestIds(candidates, 'lynas')).toEqual([{ name: 'r2: Lynas AND Japan (Producers and projects)', value: 'r2' }]);
  });
});
