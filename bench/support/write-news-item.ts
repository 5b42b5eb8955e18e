import type { Random } from './random';
import {
  ASSETS, CJK_SENTENCES, CLAUSES, DAYS, MONTHS, MOVES, OBJECTS, ORGANISATIONS, PLACES, SPOTLIGHT_SENTENCES, VERBS,
  companyName, pickCommodity,
} from './news-vocabulary';

export interface GeneratedItem {
  title: string;
  summary: string;
  categories: string[];
}

/** How many made-up companies the news talks about; rule sets draw their names from the same pool. */
export const COMPANY_POOL = 20_000;

const QUOTES = ['prices', 'contract values', 'offers', 'bids', 'quotes', 'spot values', 'assessments'] as const;

/**
 * Writes one news item of about 1 KB (a ~90-character title, a ~900-character summary, 1–3
 * categories) about critical-minerals companies, places and prices, from a seeded random source.
 * `rareEarthShare` is how often a commodity mentioned is a rare earth, and how often the item names
 * one of the companies or policies the default rules watch: 0.1 for a rare-earth trade feed, less for
 * general mining news.
 */
export function writeNewsItem(random: Random, rareEarthShare = 0.1): GeneratedItem {
  const company = companyName(random.int(0, COMPANY_POOL - 1));
  const other = companyName(random.int(0, COMPANY_POOL - 1));
  const commodity = pickCommodity(random, rareEarthShare);
  const place = random.pick(PLACES);
  const title = writeTitle(random, company, commodity, place);
  const sentences = [
    `${company} ${random.pick(VERBS)} ${random.pick(OBJECTS)} at its ${place} ${random.pick(ASSETS)} on ${random.pick(DAYS)}, ${random.pick(CLAUSES)}.`,
    `Shares in the company ${random.pick(MOVES)} ${random.int(1, 19)} per cent in early trade, valuing it at about A$${random.int(40, 2400)} million.`,
    `${capitalise(random.pick(ORGANISATIONS))} said ${commodity} ${random.pick(QUOTES)} ${random.pick(MOVES)} to US$${random.int(8, 140) * 1000} a tonne in ${random.pick(MONTHS)}, ${random.pick(CLAUSES)}.`,
    `The ${random.pick(ASSETS)} is expected to produce ${random.int(2, 90) * 500} tonnes a year of ${pickCommodity(random, rareEarthShare)} from ${random.int(2026, 2032)}.`,
    `${other} ${random.pick(VERBS)} ${random.pick(OBJECTS)} in ${random.pick(PLACES)} last month, ${random.pick(CLAUSES)}.`,
    `Chief executive ${random.pick(['Dana', 'Ravi', 'Mei', 'Tomas', 'Aiko', 'Grant', 'Ines', 'Kofi'])} ${random.pick(['Holt', 'Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Reyes', 'Brandt'])} told investors the company had ${random.pick(VERBS)} ${random.pick(OBJECTS)}, ${random.pick(CLAUSES)}.`,
    `${capitalise(random.pick(ORGANISATIONS))} expects ${pickCommodity(random, rareEarthShare)} demand to grow ${random.int(3, 14)} per cent a year to ${random.int(2030, 2040)}, led by ${random.pick(['motors', 'wind turbines', 'batteries', 'defence', 'electronics'])}.`,
    `The company holds A$${random.int(5, 400)} million in cash and plans ${random.pick(OBJECTS)} in ${random.pick(MONTHS)}.`,
  ];
  if (random.chance(rareEarthShare)) sentences[4] = random.pick(SPOTLIGHT_SENTENCES);
  if (random.chance(rareEarthShare / 3)) sentences[6] = random.pick(CJK_SENTENCES);
  return { title, summary: sentences.join(' '), categories: writeCategories(random, commodity) };
}

function writeTitle(random: Random, company: string, commodity: string, place: string): string {
  switch (random.int(0, 3)) {
    case 0:
      return `${company} ${random.pick(VERBS)} ${random.pick(OBJECTS)} for ${place} ${random.pick(ASSETS)}`;
    case 1:
      return `${capitalise(commodity)} prices ${random.pick(MOVES)} ${random.pick(CLAUSES)}`;
    case 2:
      return `${place} ${random.pick(ASSETS)}: ${company} ${random.pick(VERBS)} ${random.pick(OBJECTS)}`;
    default:
      return `${capitalise(random.pick(ORGANISATIONS))} weighs ${commodity} supply as ${company} ${random.pick(VERBS)} ${random.pick(OBJECTS)}`;
  }
}

function writeCategories(random: Random, commodity: string): string[] {
  const categories = [capitalise(commodity)];
  if (random.chance(0.6)) categories.push(random.pick(['Mining', 'Markets', 'Policy', 'Energy transition', 'Asia', 'Australia']));
  if (random.chance(0.3)) categories.push(random.pick(['Exploration', 'Processing', 'Trade', 'Investment']));
  return categories;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
