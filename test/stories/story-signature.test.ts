import { compareStories } from '../../src/stories/compare-stories';
import { extractAmounts } from '../../src/stories/story-amounts';
import { signatureOf } from '../../src/stories/story-signature';
import { cleanTitle, tokenize } from '../../src/stories/story-text';

const sign = (title: string, summary = '') => signatureOf({ title, summary });

describe('headline cleaning', () => {
  it.each([
    ['UPDATE 2-Sojitz, JOGMEC to invest A$200 mln in Lynas', 'Sojitz, JOGMEC to invest A$200 mln in Lynas'],
    ['EXCLUSIVE: Magnet makers scramble as China restricts seven rare earths', 'Magnet makers scramble as China restricts seven rare earths'],
    ['Analysis: Rebel capture of Kachin mines threatens dysprosium supply', 'Rebel capture of Kachin mines threatens dysprosium supply'],
    ['Lynas wins A$200m Japanese investment - Perth Mining Chronicle', 'Lynas wins A$200m Japanese investment'],
    ['Lynas - a new era', 'Lynas - a new era'],
  ])('reads %p as %p', (title, clean) => expect(cleanTitle(title)).toBe(clean));

  it('spells British and American alike and writes numbers as digits', () => {
    expect(tokenize('Finalises licence for seven tonnes')).toEqual(tokenize('finalizes license for 7 tons'));
  });
});

describe('amounts', () => {
  it.each([
    ['A$200m', [{ kind: 'money:AUD', value: 200e6 }]],
    ['A$200 mln', [{ kind: 'money:AUD', value: 200e6 }]],
    ['US$134.7 million', [{ kind: 'money:USD', value: 134.7e6 }]],
    ['$1.2bn', [{ kind: 'money:$', value: 1.2e9 }]],
    ['640,000 yuan a tonne', [{ kind: 'money:CNY', value: 640_000 }]],
    ['Rs 7,280 crore', [{ kind: 'money:INR', value: 7280e7 }]],
    ['up 40 per cent', [{ kind: 'percent', value: 40 }]],
    ['1,500tpa of NdPr', [{ kind: 'mass', value: 1_500_000 }]],
    ['seven rare earths in 2025', []],
  ])('reads %p', (text, amounts) => expect(extractAmounts(text)).toEqual(amounts));
});

describe('same story or not', () => {
  it.each([
    ['Sojitz, JOGMEC to invest A$200m in Lynas heavy rare earths', 'UPDATE 2-Sojitz, JOGMEC to invest A$200 mln in Lynas heavy rare earths - Mining Weekly'],
    ['NdPr prices steady in China as buyers wait', 'NDPR PRICES STEADY IN CHINA AS BUYERS WAIT'],
    ['Beijing lifts export ban on gallium to US for a year', 'China suspends gallium export ban to US for a year'],
  ])('%p and %p are one story', (a, b) => {
    const summary = "China's commerce ministry put its ban on gallium shipments to the United States on hold until November.";
    expect(compareStories(sign(a, summary), sign(b, summary))).toMatchObject({ same: true });
  });

  it('reads a capital as its country, and a ticker or a Title Case headline as no new name', () => {
    const summary = 'Canada will invest C$50 million in Torngat Metals (TSXV:TORN) to develop Strange Lake, a heavy rare earth deposit in Quebec.';
    const verdict = (a: string, b: string) => compareStories(sign(a, summary), sign(b, summary));
    expect(verdict('Torngat Metals gets C$50m from Ottawa for Strange Lake', "Canada commits C$50 million to Torngat's Strange Lake rare earth project")).toMatchObject({ same: true });
    expect(verdict('Torngat Metals (TSXV:TORN) Gets C$50 Million For Strange Lake', 'Torngat Metals gets C$50m for Strange Lake')).toMatchObject({ same: true });
  });

  it('keeps apart two short generic headlines, however alike: too little to go on', () => {
    expect(compareStories(sign('Dysprosium update'), sign('Dysprosium update'))).toMatchObject({ same: false, conflict: 'too-different' });
  });

  it.each([
    ['NdPr prices steady in China as buyers wait', 'NdPr prices slip in China as buyers wait', 'events'],
    ['China curbs gallium exports to the US', 'China lifts curbs on gallium exports to the US', 'events'],
    ['Lynas and Noveon sign MoU on magnet supply', 'Lynas and Noveon finalise magnet supply deal', 'events'],
    ['Energy Fuels produces first dysprosium oxide', 'Energy Fuels produces first terbium oxide', 'elements'],
    ['Sojitz, JOGMEC to invest A$200m in Lynas', 'Sojitz, JOGMEC to invest A$200m in Arafura', 'names'],
    ['Lynas revenue rises 40% to A$200m', 'Lynas revenue rises 20% to A$120m', 'amounts'],
    ['China sets first-batch rare earth quota', 'China sets second-batch rare earth quota', 'numbers'],
    ['Meteoric Resources lifts Caldeira rare earth resource by 40%', 'Meteoric Resources releases Caldeira pre-feasibility study', 'events'],
    ['Iluka says Eneabba refinery to cost more than A$1.7 billion', 'Iluka starts commissioning Eneabba rare earths refinery', 'events'],
  ])('%p and %p are different stories (%s)', (a, b, conflict) => expect(compareStories(sign(a), sign(b))).toMatchObject({ same: false, conflict }));

  it('keeps apart two items that share only the vocabulary of the trade', () => {
    expect(compareStories(sign('China rare earth exports rise in May'), sign('Rare earth magnet exports from China hit record'))).toMatchObject({ same: false });
  });
});
