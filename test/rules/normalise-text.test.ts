import { CHAR_SPACE, CHAR_WORD, charClass } from '../../src/rules/char-class';
import { createFoldedText, foldText, normaliseText } from '../../src/rules/normalise-text';

describe('normaliseText', () => {
  test.each([
    ['Rare Earth', 'rare earth'],
    ['Rare-Earth', 'rare earth'],
    ['rare\u2011earth', 'rare earth'],
    ['rare\u2010earth', 'rare earth'],
    ['rare\u2014earth', 'rare earth'],
    ['rare\u00a0earth', 'rare earth'],
    ['rare\u3000earth', 'rare earth'],
    ['rare \t\n - earth', 'rare earth'],
    ['dyspro\u200bsium', 'dysprosium'],
    ['dyspro\u00adsium', 'dysprosium'],
    ['\ufeffLynas', 'lynas'],
    ['ＪＯＧＭＥＣ', 'jogmec'],
    ['ﬁnance', 'finance'],
    ['Se\u0301rra Verde', 'sérra verde'],
    ['SÉRRA', 'sérra'],
    ['ｶﾞｽ', 'ガス'],
    ['中国稀土集团', '中国稀土集团'],
    ['ÄÖÜß', 'äöüß'],
    ['', ''],
  ])('folds %j to %j', (input, expected) => {
    expect(normaliseText(input).text).toBe(expected);
  });

  test('maps every folded character back to the original character it came from', () => {
    const original = 'ﬁne ＮｄＰｒ\u00a0-\u00a0ok';
    const { text, map, ends } = normaliseText(original);
    expect(text).toBe('fine ndpr ok');
    expect(map).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12]);
    expect(ends).toEqual([1, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13]);
    expect(original.slice(map[5], ends[8])).toBe('ＮｄＰｒ');
  });

  test('keeps a combining accent with its letter', () => {
    const original = 'Se\u0301rra';
    const { text, map, ends } = normaliseText(original);
    expect(text).toBe('s\u00e9rra');
    expect(map).toEqual([0, 1, 3, 4, 5]);
    expect(ends).toEqual([1, 3, 4, 5, 6]);
  });

  test('maps a character whose lower case is longer to one original character', () => {
    const { text, map, ends } = normaliseText('İx');
    expect(text).toBe('i\u0307x');
    expect(map).toEqual([0, 0, 1]);
    expect(ends).toEqual([1, 1, 2]);
  });

  test('keeps astral characters whole', () => {
    const { text, map } = normaliseText('a🪨b');
    expect(text).toBe('a🪨b');
    expect(map).toEqual([0, 1, 1, 3]);
  });
});

describe('normaliseText with long runs of combining marks', () => {
  test('folds a letter under 200,000 marks as the letter with its first 30 marks, spanning them all', () => {
    const text = `a${'\u0301\u0316'.repeat(100_000)} Lynas`;
    const folded = normaliseText(text);
    const expected = `a${'\u0301\u0316'.repeat(15)}`.normalize('NFKC');
    expect(folded.text).toBe(`${expected} lynas`);
    expect(folded.ends[expected.length - 1]).toBe(200_001);
    expect(folded.map[expected.length + 1]).toBe(200_002);
  });
});

describe('foldText match starts', () => {
  /** The rule the scanner applied to every folded unit before foldText listed the starts. */
  function startsByClass(codes: Uint16Array, length: number): number[] {
    const starts: number[] = [];
    let previous = CHAR_SPACE;
    for (let i = 0; i < length; i++) {
      const current = charClass(codes[i] ?? 0);
      if (current !== CHAR_SPACE && !(current === CHAR_WORD && previous === CHAR_WORD)) starts.push(i);
      previous = current;
    }
    return starts;
  }

  const PIECES = [
    'Rare', 'earth', 'ＪＯＧＭＥＣ', 'ﬁnance', 'Se\u0301rra', 'e' + '\u0301'.repeat(40), '中国稀土', 'ｶﾞｽ', 'İx', 'a🪨b', 'ß',
    'U.S.', '2025', ' ', '  ', '-', ' - ', '\t', '\u00a0', '\u2011', '\u200b', '\u00ad', '\ufeff', '(', ')', ',', '’', 'ﷺ', '¼',
  ];

  test('lists exactly the units that start a word, a CJK character or punctuation, whatever the text', () => {
    const buffer = createFoldedText(4); // small, so the buffers grow while folding
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (let n = 0; n < 500; n++) {
      const text = Array.from({ length: next(60) }, () => PIECES[next(PIECES.length)]).join('');
      const folded = foldText(text, buffer);
      const listed = Array.from(folded.matchStarts.subarray(0, folded.startCount));
      expect({ text, starts: listed }).toEqual({ text, starts: startsByClass(folded.codes, folded.length) });
    }
  });
});
