import { compareStories } from '../../src/stories/compare-stories';
import { extractAmounts } from '../../src/stories/story-amounts';
import { signatureOf } from '../../src/stories/story-signature';
import { cleanTitle, tokenize } from '../../src/stories/story-text';

const sign = (title: string, summary = '') => signatureOf({ title, summary });
const item = (title: string, summary: string) => ({ title, summary });

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

  it('reads a word that names a property of every JavaScript object as a word', () => {
    expect(tokenize('Constructor named for the second plant')).toEqual(['constructor', 'named', 'for', 'the', 'second', 'plant']);
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
    ['80 billion yen', [{ kind: 'money:JPY', value: 80e9 }]],
    ['¥30bn', [{ kind: 'money:¥', value: 30e9 }]],
    ['$650 per tonne unit', [{ kind: 'money:$/t', value: 650 }]],
    ['US$12 a kg', [{ kind: 'money:USD/kg', value: 12 }]],
    ['$18m', [{ kind: 'money:$', value: 18e6, rounding: 0.5e6 }]],
    ['$200m', [{ kind: 'money:$', value: 200e6, rounding: 0 }]],
  ])('reads %p', (text, amounts) => expect(extractAmounts(text)).toMatchObject(amounts));
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

  it.each([
    [
      item('Acme sells Kalgoorlie magnet plant stake to Borealis', 'Acme Metals will sell 30% of its Kalgoorlie magnet plant to Borealis for A$80 million.'),
      item("Borealis buys 30% of Acme's Kalgoorlie magnet plant", 'Borealis will pay A$80 million for a 30% stake in the Kalgoorlie magnet plant of Acme Metals.'),
    ],
    [
      item('Niger extends uranium export ban by six months', 'Niger extended its ban on uranium exports by six months, the mines ministry said.'),
      item('Niger prolongs uranium export halt by six months', 'Niger has extended its halt to uranium exports for six more months, the mines ministry said.'),
    ],
    [
      item('Acme wins $18m defense award for Ohio magnet plant', 'Acme Metals received $18 million from the Department of Defense for its Ohio magnet plant.'),
      item('Pentagon gives Acme US$18.4 million for Ohio magnet plant', 'The Department of Defense has awarded Acme Metals US$18.4 million for its Ohio magnet plant.'),
    ],
  ])('a sale told as a purchase, a ban told as a halt, or a rounded figure is one story: %p', (a, b) => {
    expect(compareStories(signatureOf(a), signatureOf(b))).toMatchObject({ same: true });
    expect(compareStories(signatureOf(b), signatureOf(a))).toMatchObject({ same: true });
  });

  it.each([
    [
      item('Acme Magnetics Wins EU Grant For Magnet Recycling Plant', 'Acme Magnetics won a €5 million EU grant for a magnet recycling plant in Lyon.'),
      item('Borealis Metals wins EU grant for magnet recycling plant in Lille', 'Borealis Metals won a €5 million EU grant for a magnet recycling plant in Lille.'),
      'names',
    ],
    [
      item('Gallium prices jump after China extends export ban', 'Gallium prices in Rotterdam rose 6% after China extended its export ban by six months.'),
      item('China extends gallium export ban by six months', "China's commerce ministry extended its ban on gallium exports by six months."),
      'events',
    ],
    [
      item('Nippon Magnet to expand Osaka magnet plant', 'Nippon Magnet will invest 50 billion yen to expand magnet production at its Osaka plant.'),
      item('Nippon Magnet plans ¥20bn Osaka plant expansion', 'Nippon Magnet will spend 20 billion yen on a larger magnet line at its Osaka plant.'),
      'amounts',
    ],
    [
      item('Acme pours first rare earth metal at Texas plant', 'Acme Metals made its first terbium metal at its Texas plant.'),
      item('Acme pours first rare earth metal at Texas plant', 'Acme Metals made its first NdPr metal at its Texas plant.'),
      'elements',
    ],
    [
      item('Acme agrees to buy Borealis Metals', 'Acme Metals agreed to acquire Borealis Metals for A$300 million.'),
      item('Acme completes acquisition of Borealis Metals', 'Acme Metals completed its A$300 million takeover of Borealis Metals.'),
      'events',
    ],
    [
      item('EU opens anti-dumping probe into Chinese graphite anodes', 'The European Commission opened an investigation into Chinese graphite anodes.'),
      item('EU imposes anti-dumping duties on Chinese graphite anodes', 'The European Commission imposed duties on Chinese graphite anodes after its investigation.'),
      'events',
    ],
    [
      item('Acme raises $50 million for Texas magnet plant', 'Acme Metals raised $50 million from investors for its Texas magnet plant.'),
      item('Acme raises magnet output at Texas plant', 'Acme Metals raised magnet output at its Texas plant by a fifth.'),
      'events',
    ],
    [
      item('Acme wins US Army contract for Ohio magnet plant', 'Acme Metals won a US Army contract for its Ohio magnet plant.'),
      item('Acme loses US Army contract for Ohio magnet plant', 'The US Army cancelled its contract with Acme Metals for the Ohio magnet plant.'),
      'events',
    ],
    [
      item('China approves rare earth export licences for German magnet makers', 'China approved rare earth export licences for several German magnet makers.'),
      item('China rejects rare earth export licences for German magnet makers', 'China rejected rare earth export licence requests from several German magnet makers.'),
      'events',
    ],
    [
      item('Acme chief executive Jane Roe to step down', 'Acme Metals said chief executive Jane Roe will retire at the end of the year.'),
      item('Acme names new chief executive', 'Acme Metals appointed a new chief executive to succeed Jane Roe.'),
      'events',
    ],
  ])('keeps apart look-alikes the headlines alone do not tell apart: %p', (a, b, conflict) => {
    expect(compareStories(signatureOf(a), signatureOf(b))).toMatchObject({ same: false, conflict });
    expect(compareStories(signatureOf(b), signatureOf(a))).toMatchObject({ same: false });
  });

  it('keeps apart two items that share only the vocabulary of the trade', () => {
    expect(compareStories(sign('China rare earth exports rise in May'), sign('Rare earth magnet exports from China hit record'))).toMatchObject({ same: false });
  });
});
