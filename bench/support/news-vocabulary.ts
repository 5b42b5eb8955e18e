import type { Random } from './random';

/**
 * Word lists for generated news items and rules, written for these benchmarks. The mix imitates
 * trade-press copy about critical minerals: companies, places, commodities, deals and prices.
 */

const BASE_COMMODITIES = [
  'lithium', 'nickel', 'cobalt', 'copper', 'graphite', 'manganese', 'tin', 'tungsten', 'zinc', 'antimony',
  'gallium', 'germanium', 'vanadium', 'uranium', 'iron ore', 'bauxite', 'yttrium', 'scandium', 'niobium', 'tantalum',
  'palladium', 'platinum', 'silver', 'gold', 'magnesium', 'molybdenum', 'chromium', 'titanium', 'zircon',
  'mineral sands', 'spodumene', 'lithium hydroxide', 'nickel sulphate', 'battery metals',
] as const;

const RARE_EARTH_COMMODITIES = [
  'rare earth', 'rare earths', 'neodymium', 'praseodymium', 'dysprosium', 'terbium', 'NdPr oxide', 'heavy rare earths',
] as const;

export const COMMODITIES = [...BASE_COMMODITIES, ...RARE_EARTH_COMMODITIES] as const;

/** A commodity as trade press mentions them: mostly battery and base metals, rare earths `rareEarthShare` of the time. */
export function pickCommodity(random: Random, rareEarthShare: number): string {
  return random.chance(rareEarthShare) ? random.pick(RARE_EARTH_COMMODITIES) : random.pick(BASE_COMMODITIES);
}

export const PLACES = [
  'Western Australia', 'Queensland', 'the Northern Territory', 'Quebec', 'Ontario', 'Nevada', 'Wyoming', 'Texas',
  'Greenland', 'Brazil', 'Minas Gerais', 'Chile', 'Peru', 'Namibia', 'Tanzania', 'Malawi', 'Malaysia', 'Kuantan',
  'Inner Mongolia', 'Baotou', 'Jiangxi', 'Ganzhou', 'Myanmar', 'Kachin State', 'Kazakhstan', 'Vietnam', 'Norway',
  'Sweden', 'Finland', 'Estonia', 'Japan', 'South Korea', 'India', 'Saudi Arabia', 'Uganda', 'Angola', 'Tasmania',
  'British Columbia', 'Alaska', 'Utah', 'Colorado', 'Mongolia', 'Indonesia', 'the Philippines', 'Madagascar',
] as const;

export const ASSETS = [
  'project', 'mine', 'deposit', 'refinery', 'processing plant', 'separation plant', 'magnet plant', 'concentrator',
  'pilot plant', 'smelter', 'hub', 'tenement', 'joint venture', 'exploration licence',
] as const;

export const VERBS = [
  'raised', 'signed', 'approved', 'delayed', 'cut', 'expanded', 'lifted', 'secured', 'halted', 'resumed',
  'reported', 'announced', 'completed', 'filed', 'acquired', 'trimmed', 'extended', 'restarted', 'doubled', 'shelved',
] as const;

export const OBJECTS = [
  'an offtake agreement', 'a feasibility study', 'its production guidance', 'a drilling programme',
  'a funding round', 'export permits', 'a supply contract', 'a stockpile tender', 'a royalty deal',
  'its quarterly output', 'a resource estimate', 'an environmental approval', 'a loan facility',
  'a memorandum of understanding', 'a scoping study', 'a takeover bid', 'a capital raising', 'a licence renewal',
] as const;

export const CLAUSES = [
  'citing firmer demand from magnet makers', 'after weeks of talks with lenders', 'as buyers look for supply outside China',
  'while power costs in the region keep rising', 'despite a slower market for electric vehicles', 'ahead of a state election',
  'after a heavy wet season disrupted haulage', 'with government support for downstream processing',
  'as export licences take longer to clear', 'after a review of the mine plan', 'as inventories at ports fell',
  'with first shipments due before the end of the year', 'amid pressure from activist shareholders',
  'following a rise in spot prices', 'under a new critical minerals strategy', 'after the regulator asked for more data',
] as const;

export const ORGANISATIONS = [
  'the energy ministry', 'the trade department', 'regulators', 'the port authority', 'analysts at a Sydney broker',
  'a consultancy in Beijing', 'the state development bank', 'industry groups', 'a parliamentary committee',
  'the customs agency', 'a Tokyo trading house', 'the geological survey', 'magnet makers', 'automakers',
] as const;

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;
export const MOVES = ['rose', 'fell', 'climbed', 'slipped', 'jumped', 'eased', 'steadied', 'dropped'] as const;

/** Sentences about the names the default rules watch, so a realistic share of items matches them. */
export const SPOTLIGHT_SENTENCES = [
  'Lynas said its Kalgoorlie cracking plant ran at full rate for the first time, lifting NdPr output.',
  'JOGMEC agreed to take a stake in a heavy rare earth separation venture in Western Australia.',
  'MP Materials said magnet production at Mountain Pass and its Texas plant is on schedule.',
  'Beijing widened export controls on rare earth magnets and processing technology this week.',
  'Iluka said the Eneabba refinery remains on budget as it readies dysprosium and terbium circuits.',
  'Japan and Australia signed a critical minerals agreement covering stockpiles and joint funding.',
  'Arafura secured a further loan for its Nolans project from an export credit agency.',
  'Serra Verde began shipping mixed rare earth carbonate from its Brazilian operation.',
  'NdPr oxide prices in China held steady while dysprosium oxide prices edged higher.',
  'The Development Finance Corporation is weighing support for a rare earth refinery in Brazil.',
] as const;

/** Japanese and Chinese sentences (our own), for items from non-English feeds. */
export const CJK_SENTENCES = [
  'レアアースの調達先を広げるため、JOGMECが豪州の新しい事業に出資する。',
  '北方稀土は第三季度的氧化镨钕报价上调，市场关注出口管制的影响。',
  '重希土類のジスプロシウムとテルビウムの価格が上昇した。',
  '中国稀土集团表示，将加快重稀土分离项目的建设。',
] as const;

export const COMPANY_SUFFIXES = ['Minerals', 'Resources', 'Mining', 'Metals', 'Materials', 'Corp', 'Holdings', 'Exploration'] as const;

/** Syllables for made-up company and place names; two or three of them give ~68,000 distinct stems. */
const SYLLABLES = [
  'ka', 'lo', 'ven', 'tar', 'mi', 'dor', 'sel', 'qua', 'ri', 'bel', 'no', 'tra', 'zen', 'al', 'or', 'cas', 'pe', 'lin',
  'mar', 'vi', 'sto', 'kre', 'dun', 'ha', 'ul', 'es', 'gra', 'fen', 'ob', 'ty', 'wen', 'ax', 'cor', 'del', 'im', 'sa',
  'ber', 'on', 'thu', 'ry',
] as const;

/** The i-th made-up name stem, capitalised ("Kaloven"); distinct for distinct i below 65,600. */
export function nameStem(i: number): string {
  const n = SYLLABLES.length;
  const parts: string[] = [];
  let rest = i;
  const count = i < n * n ? 2 : 3;
  const base = count === 2 ? 0 : n * n;
  rest -= base;
  for (let k = 0; k < count; k++) {
    parts.push(SYLLABLES[rest % n] ?? 'ka');
    rest = Math.floor(rest / n);
  }
  const stem = parts.join('');
  return stem.charAt(0).toUpperCase() + stem.slice(1);
}

/** The i-th made-up company ("Kaloven Minerals"). */
export function companyName(i: number): string {
  return `${nameStem(i)} ${COMPANY_SUFFIXES[i % COMPANY_SUFFIXES.length]}`;
}
