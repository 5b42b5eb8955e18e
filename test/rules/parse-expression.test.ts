import { parseExpression, type Expr } from '../../src/rules/parse-expression';

/** A compact picture of the tree: terms by key, operators in capitals. */
function show(expr: Expr): string {
  switch (expr.kind) {
    case 'term':
      return expr.term.key;
    case 'not':
      return `NOT(${show(expr.item)})`;
    case 'and':
    case 'or':
      return `${expr.kind.toUpperCase()}(${expr.items.map(show).join(', ')})`;
  }
}

function shapeOf(source: string): string {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`expected ${source} to parse: ${result.error.message}`);
  return show(result.expr);
}

describe('parseExpression', () => {
  test.each([
    ['rare earth', 'rare earth'],
    ['"heavy rare earth"', 'heavy rare earth'],
    ['heavy rare earth', 'heavy rare earth'],
    ['rare-earth', 'rare earth'],
    ['rare  earth', 'rare earth'],
    ['JOGMEC, Sojitz', 'OR(jogmec, sojitz)'],
    ['JOGMEC OR Sojitz OR Lynas', 'OR(jogmec, sojitz, lynas)'],
    ['Lynas AND (Japan OR JOGMEC)', 'AND(lynas, OR(japan, jogmec))'],
    ['Lynas (Japan OR JOGMEC)', 'AND(lynas, OR(japan, jogmec))'],
    ['rare earth -recycling', 'AND(rare earth, NOT(recycling))'],
    ['rare earth NOT recycling', 'AND(rare earth, NOT(recycling))'],
    ['rare earth AND NOT recycling', 'AND(rare earth, NOT(recycling))'],
    ['rare earth -recycling -"scrap metal"', 'AND(rare earth, NOT(recycling), NOT(scrap metal))'],
    ['rare earth -(recycling OR scrap)', 'AND(rare earth, NOT(OR(recycling, scrap)))'],
    ['a, b AND c', 'OR(a, AND(b, c))'],
    ['a AND b, c', 'OR(AND(a, b), c)'],
    ['a OR b -c', 'OR(a, AND(b, NOT(c)))'],
    ['NOT NOT a', 'NOT(NOT(a))'],
    ['"rare earth" magnet', 'AND(rare earth, magnet)'],
    ['rare earths and magnets', 'rare earths and magnets'],
    ['"AND" OR "NOT"', 'OR(and, not)'],
    ['dyspros*', 'dyspros*'],
    ['"dyspros*"', 'dyspros*'],
    ['rare ear*', 'rare ear*'],
    ['NdPr-oxide', 'ndpr oxide'],
    ['ＪＯＧＭＥＣ', 'jogmec'],
    ['“rare earth”, Lynas', 'OR(rare earth, lynas)'],
    ['（Lynas，JOGMEC）', 'OR(lynas, jogmec)'],
    ['稀土, レアアース, 镝', 'OR(稀土, レアアース, 镝)'],
    ['  Lynas  ', 'lynas'],
    ['U.S. AND tariff*', 'AND(u.s., tariff*)'],
  ])('parses %j as %s', (source, shape) => {
    expect(shapeOf(source)).toBe(shape);
  });

  test('lists each distinct term once, in order, with how it was written', () => {
    const result = parseExpression('Rare-Earth AND (Japan OR "rare earth" OR dyspros*) -稀土');
    expect(result.ok && result.terms).toEqual([
      { text: 'Rare-Earth', key: 'rare earth', prefix: false, cjk: false },
      { text: 'Japan', key: 'japan', prefix: false, cjk: false },
      { text: 'dyspros*', key: 'dyspros*', prefix: true, cjk: false },
      { text: '稀土', key: '稀土', prefix: false, cjk: true },
    ]);
  });

  test.each([
    ['', 'empty expression at column 1', 1],
    ['   ', 'empty expression at column 1', 1],
    ['(rare earth AND (Japan OR JOGMEC)', 'unbalanced parenthesis at column 1', 1],
    ['Lynas AND (Japan OR JOGMEC', 'unbalanced parenthesis at column 11', 11],
    ['Lynas AND Japan)', 'unbalanced parenthesis at column 16', 16],
    [')', 'unbalanced parenthesis at column 1', 1],
    ['Lynas ()', 'empty parentheses at column 7', 7],
    ['Lynas OR OR JOGMEC', 'unexpected OR at column 10', 10],
    ['OR Lynas', 'unexpected OR at column 1', 1],
    [', Lynas', "unexpected ',' at column 1", 1],
    ['Lynas,,JOGMEC', "unexpected ',' at column 7", 7],
    ['Lynas AND', 'expected a term after AND at column 7', 7],
    ['Lynas (Japan OR)', 'expected a term after OR at column 14', 14],
    ['rare earth AND NOT', 'expected a term after NOT at column 16', 16],
    ['Lynas NOT AND x', 'unexpected AND at column 11', 11],
    ['Lynas,', "expected a term after ',' at column 6", 6],
    ['rare earth - recycling', "expected a term right after '-' at column 12 (write -word)", 12],
    ['rare earth -', "expected a term right after '-' at column 12 (write -word)", 12],
    ['ab "rare earth', 'unterminated quote at column 4', 4],
    ['"rare earth', 'unterminated quote at column 1', 1],
    ['""', 'empty term at column 2', 2],
    ['Lynas AND —', 'empty term at column 11', 11],
    ['dy*', "prefix too short: 'dy*' at column 1", 1],
    ['Lynas OR "dy*"', "prefix too short: 'dy*' at column 11", 11],
    ['dysp*rosium', "'*' must end a word (at column 5)", 5],
    ['*earth', "'*' must end a word (at column 1)", 1],
    ['Lynas *', "'*' must end a word (at column 7)", 7],
    ['dyspros**', "'*' must end a word (at column 8)", 8],
    ['Lynas AND (', 'unbalanced parenthesis at column 11', 11],
    ['rare* earth', "'*' must end the last word of a phrase (at column 5)", 5],
    ['-recycling', 'a rule needs at least one term that must appear (see the exclusion at column 1)', 1],
    ['NOT recycling -scrap', 'a rule needs at least one term that must appear (see the exclusion at column 1)', 1],
    ['Lynas OR -scrap', 'a rule needs at least one term that must appear (see the exclusion at column 10)', 10],
    ['🪨 AND (', 'unbalanced parenthesis at column 7', 7],
  ])('refuses %j with "%s"', (source, message, column) => {
    expect(parseExpression(source)).toEqual({ ok: false, error: { message, column } });
  });

  test('refuses a term longer than 100 characters', () => {
    const message = 'term too long at column 10 (at most 100 characters)';
    expect(parseExpression(`Lynas OR ${'x'.repeat(101)}`)).toEqual({ ok: false, error: { message, column: 10 } });
  });

  test('refuses an expression longer than 2000 characters', () => {
    const message = 'expression too long at column 2001 (at most 2000 characters)';
    expect(parseExpression(`Lynas OR ${'y'.repeat(2000)}`)).toEqual({ ok: false, error: { message, column: 2001 } });
  });

  test.each([['x'.repeat(100)], ['稀*'], ['abc*'], ['NOT NOT a'], ['(((a)))'], ['a -b -c -d'], ['"OR"'], ['constructor'], ['toString AND valueOf'], ['__proto__']])('accepts %j', (source) => {
    expect(parseExpression(source).ok).toBe(true);
  });
});
