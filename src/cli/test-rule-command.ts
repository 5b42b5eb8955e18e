import { compileRuleSet } from '../rules/compile-rule-set';
import { parseExpression } from '../rules/parse-expression';
import { EXIT_INVALID, EXIT_NEGATIVE, EXIT_OK, type CliContext } from './cli-context';

/** `test-rule "<expression>" "<text>"`: exit 0 when it matches, 1 when it does not, 2 when the rule is invalid. */
export async function testRuleCommand(ctx: CliContext): Promise<number> {
  const [expression, text] = ctx.positionals;
  if (expression === undefined || text === undefined || ctx.positionals.length > 2) {
    ctx.stderr('usage: radar test-rule "<expression>" "<text>"');
    return EXIT_INVALID;
  }
  const parsed = parseExpression(expression);
  if (!parsed.ok) {
    ctx.stderr(`invalid expression: ${parsed.error.message}\n  ${expression}\n  ${' '.repeat(Math.max(0, parsed.error.column - 1))}^`);
    return EXIT_INVALID;
  }
  const [match] = compileRuleSet([{ id: 'test', topicId: 'test', expression }]).match({ title: text, summary: '', categories: [] });
  if (!match) {
    ctx.stdout('no match');
    return EXIT_NEGATIVE;
  }
  const hits = match.hits.map((h) => `"${text.slice(h.start, h.end)}" at ${h.start + 1}–${h.end}`);
  ctx.stdout(`match: ${match.terms.join(', ')}\n  ${hits.join('\n  ')}`);
  return EXIT_OK;
}
