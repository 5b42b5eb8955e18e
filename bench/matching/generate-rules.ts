import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config';
import { configRules } from '../../src/config/to-domain';
import type { Rule } from '../../src/rules/rule';
import { COMMODITIES, OBJECTS, PLACES, companyName, nameStem } from '../support/news-vocabulary';
import { REPO_ROOT } from '../support/paths';
import type { Random } from '../support/random';

/** Rule sets name companies from a wider pool than the news mentions, as servers watch names that rarely appear. */
const RULE_NAME_POOL = 65_000;

/**
 * `count` rules: the default config's rules first (real expressions, with AND, OR, CJK terms), then
 * generated ones in the shapes servers write: lists of company names, a company with commodities,
 * a commodity in a place, prefixes, quoted phrases and exclusions.
 */
export function generateRules(count: number, random: Random): Rule[] {
  const builtIn = configRules(loadConfig(join(REPO_ROOT, 'config/default.yaml')));
  const rules = builtIn.slice(0, count);
  for (let i = rules.length; i < count; i++) {
    rules.push({ id: `generated/${i}`, topicId: `topic-${i % 50}`, expression: generateExpression(random) });
  }
  return rules;
}

function generateExpression(random: Random): string {
  const company = () => companyName(random.int(0, RULE_NAME_POOL - 1));
  const shape = random.next();
  if (shape < 0.4) return Array.from({ length: random.int(1, 4) }, company).join(', ');
  if (shape < 0.55) return `${company()} AND (${random.pick(COMMODITIES)} OR ${random.pick(COMMODITIES)})`;
  if (shape < 0.65) return `${random.pick(COMMODITIES)} AND ${random.pick(PLACES).replace(/^the /, '')} AND ${company()}`;
  if (shape < 0.75) return `${nameStem(random.int(0, RULE_NAME_POOL - 1)).slice(0, 5)}*`;
  if (shape < 0.85) return `"${nameStem(random.int(0, RULE_NAME_POOL - 1))} ${random.pick(['project', 'mine', 'refinery', 'deposit'])}"`;
  if (shape < 0.95) return `${company()} -"${random.pick(OBJECTS).replace(/^(an?|its) /, '')}"`;
  return `${company()}, ${nameStem(random.int(0, RULE_NAME_POOL - 1)).toUpperCase().slice(0, 4)}`;
}
