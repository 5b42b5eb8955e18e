import { compileRuleSet, type MatchableText, type RuleMatch } from '../../src/rules/compile-rule-set';

function item(title: string, summary = '', categories: string[] = []): MatchableText {
  return { title, summary, categories };
}

function matchOne(expression: string, text: MatchableText): RuleMatch | undefined {
  return compileRuleSet([{ id: 'r1', topicId: 'topic', expression }]).match(text)[0];
}

describe('matching one rule against a title', () => {
  test.each([
    ['rare earth', 'Rare earth prices climb', true],
    ['rare earth', 'RARE EARTH exports', true],
    ['rare earth', 'Rare-earth magnets', true],
    ['rare-earth', 'New rare earth mine', true],
    ['rare earth', 'rare  earth supply', true],
    ['rare earth', 'rare\u2011earth supply', true],
    ['rare earth', 'rare\u00a0earth supply', true],
    ['rare earth', 'rare\u200b earth supply', true],
    ['heavy rare earth', 'Heavy rare earths from Myanmar', true],
    ['heavy rare earth', 'China tightens heavy rare earthes export quota', true],
    ['rare earth', 'RARE EARTHES prices', true],
    ['magnet', 'Magnetes plant opens', true],
    ['magnet', 'Magnets plant opens', true],
    ['alloy', 'Two alloys tested', true],
    ['battery', 'Battery makers and batteries', true],
    ['battery', 'Batteries recalled', true],
    ['tax', 'New taxes on ore', true],
    ['DFC', 'DFCs back the project', true],
    ['DFC', 'DFC loan approved', true],
    ['dyspros*', 'Dysprosium output falls', true],
    ['dyspros*', "dysprosium's price", true],
    ['terbium*', 'terbiumless motors', true],
    ['NdPr', 'NdPr-oxide price', true],
    ['NdPr oxide', 'NdPr-oxide price', true],
    ['JOGMEC', 'ＪＯＧＭＥＣ invests', true],
    ['ＪＯＧＭＥＣ', 'JOGMEC invests', true],
    ['Lynas', "Lynas's Kalgoorlie plant", true],
    ['Lynas', '(Lynas)', true],
    ['Lynas', 'Lynas社が発表', true],
    ['稀土', '中国稀土集团成立', true],
    ['镝', '镝价格上涨', true],
    ['レアアース', '日本のレアアース調達', true],
    ['Sérra Verde', 'Se\u0301rra Verde project', true],
    ['稀土*', '稀土类', true],
    ['ｶﾞｽ', 'ガス', true],
    ['ガス', 'ｶﾞｽ', true],
    ['Lynas', '澳大利亚Lynas公司', true],
    ['finance', 'ﬁnance deal', true],
    ['U.S.', 'U.S. tariffs', true],
    ['research and development', 'Research and development funding', true],
    ['earth', 'Earthenware exports', false],
    ['earth', 'Earthesque art', false],
    ['rare earth', 'rare earthest', false],
    ['terbium', 'terbiumless motors', false],
    ['terbium', 'terbiumoxide', false],
    ['rare earth', 'A rare earthquake', false],
    ['Lynas', 'Lynaslike firms', false],
    ['DFC', 'DFCX index', false],
    ['magnet', 'Magnetic field', false],
    ['Sérra Verde', 'Serra Verde project', false],
    ['rare earth', 'rare, earth', false],
    ['dyspros*', 'predysprosium', false],
    ['earths', 'rare earth', false],
  ])('%j on %j → %s', (expression, title, expected) => {
    expect(matchOne(expression, item(title)) !== undefined).toBe(expected);
  });
});

describe('boolean rules over title, summary and categories', () => {
  test.each([
    ['rare earth -recycling', item('Rare earth recycling plant'), false],
    ['rare earth -recycling', item('Rare earth plant'), true],
    ['rare earth -recycling', item('Rare earth plant', 'about recycling'), false],
    ['rare earth -recycling', item('Rare earth plant', '', ['Recycling']), false],
    ['Lynas AND (Japan OR JOGMEC)', item('Lynas signs deal', 'with JOGMEC'), true],
    ['Lynas AND (Japan OR JOGMEC)', item('Lynas signs deal', 'with Korea'), false],
    ['Lynas AND Japan', item('Japan', '', ['Lynas']), true],
    ['JOGMEC, Sojitz', item('Sojitz expands'), true],
    ['rare earth', item('Mining news', '', ['Metals', 'Rare Earths']), true],
    ['NOT NOT Lynas', item('Lynas'), true],
    ['(a1 -b1) OR (b1 AND c1)', item('b1 and c1'), true],
    ['(a1 -b1) OR (b1 AND c1)', item('a1 and b1'), false],
  ])('%j on %j → %s', (expression, text, expected) => {
    expect(matchOne(expression, text) !== undefined).toBe(expected);
  });
});

// The examples given in README's description of the rule language.
describe('documented examples', () => {
  test.each([
    ['rare earth', item('Rare-earth magnet plant'), true],
    ['rare earth', item('RARE EARTHS rally'), true],
    ['rare earth', item('A rare earthquake'), false],
    ['"heavy rare earth"', item('Heavy rare earths from Laos'), true],
    ['"heavy rare earth"', item('Heavy, rare earth-moving kit'), false],
    ['dyspros*', item("Dysprosium's price"), true],
    ['dyspros*', item('Predysprosium'), false],
    ['JOGMEC, Sojitz', item('Sojitz ships ore'), true],
    ['Lynas AND (Japan OR JOGMEC)', item('Lynas expands', 'Japanese buyers and JOGMEC'), true],
    ['Lynas AND (Japan OR JOGMEC)', item('Lynas expands', 'Japanese buyers'), false],
    ['rare earth -recycling', item('Rare earth mine opens'), true],
    ['rare earth -recycling', item('Rare earth mine opens', '', ['Recycling']), false],
    ['battery', item('Batteries and more batteries'), true],
    ['magnet', item('Magnetic levitation'), false],
    ['NdPr', item('NdPr-oxide output'), true],
    ['NdPr', item('NdPrO output'), false],
    ['稀土, レアアース', item('中国稀土集团'), true],
    ['稀土, レアアース', item('日本のレアアース調達'), true],
    ['research and development', item('Research and development grants'), true],
    ['research and development', item('Research and new development'), false],
    ['"MP Materials" NOT "Mountain Pass"', item('MP Materials results'), true],
    ['"MP Materials" NOT "Mountain Pass"', item('MP Materials at Mountain Pass'), false],
  ])('%j on %j → %s', (expression, text, expected) => {
    expect(matchOne(expression, text) !== undefined).toBe(expected);
  });
});

describe('what a match reports', () => {
  test('positions point into the original fields, including after NFKC expansion', () => {
    const text = item('ﬁnance for ＮｄＰｒ-oxide', 'Two Rare\u2011Earths deals; dysprosium\u2019s rise', ['稀土']);
    const match = matchOne('(finance AND NdPr) OR "rare earth" OR dyspros* OR 稀土', text);
    expect(match?.terms).toEqual(['finance', 'NdPr', 'rare earth', 'dyspros*', '稀土']);
    const shown = match?.hits.map((h) => {
      const source = h.field === 'categories' ? (text.categories[h.index] ?? '') : text[h.field];
      return [h.term, h.field, h.index, source.slice(h.start, h.end)];
    });
    expect(shown).toEqual([
      ['finance', 'title', 0, 'ﬁnance'],
      ['NdPr', 'title', 0, 'ＮｄＰｒ'],
      ['rare earth', 'summary', 0, 'Rare\u2011Earths'],
      ['dyspros*', 'summary', 0, 'dysprosium'],
      ['稀土', 'categories', 0, '稀土'],
    ]);
  });

  test('reports every occurrence, and overlapping terms separately', () => {
    const match = matchOne('rare earth OR earth', item('Rare earths, earth and rare earth'));
    const spans = match?.hits.map((h) => [h.term, h.start, h.end]);
    expect(spans).toEqual([
      ['rare earth', 0, 11],
      ['earth', 5, 11],
      ['earth', 13, 18],
      ['rare earth', 23, 33],
      ['earth', 28, 33],
    ]);
  });

  test('lists only the terms that were found, as the rule wrote them', () => {
    const match = matchOne('Rare-Earth AND (Japan OR JOGMEC OR Korea)', item('JOGMEC and rare earth'));
    expect(match).toEqual({
      ruleId: 'r1',
      topicId: 'topic',
      terms: ['Rare-Earth', 'JOGMEC'],
      hits: [
        { term: 'JOGMEC', field: 'title', index: 0, start: 0, end: 6 },
        { term: 'Rare-Earth', field: 'title', index: 0, start: 11, end: 21 },
      ],
    });
  });

  test('returns the firing rules in the order they were given', () => {
    const set = compileRuleSet([
      { id: 'c', topicId: 't1', expression: 'Lynas' },
      { id: 'a', topicId: 't2', expression: 'Japan' },
      { id: 'b', topicId: 't1', expression: 'Korea' },
      { id: 'd', topicId: 't3', expression: 'Lynas -Japan' },
    ]);
    expect(set.match(item('Japan and Lynas')).map((m) => m.ruleId)).toEqual(['c', 'a']);
    expect(set.match(item('nothing here'))).toEqual([]);
  });

  test('shares one term between rules that spell it differently', () => {
    const set = compileRuleSet([
      { id: 'x', topicId: 't', expression: 'Rare Earth' },
      { id: 'y', topicId: 't', expression: 'rare-earth' },
    ]);
    expect(set.termCount).toBe(1);
    expect(set.match(item('rare earth')).map((m) => m.terms)).toEqual([['Rare Earth'], ['rare-earth']]);
  });
});
