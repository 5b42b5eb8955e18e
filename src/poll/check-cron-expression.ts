import { validateDetailed } from 'node-cron';

/**
 * Why `expression` is not a schedule the poll scheduler can run, or undefined when it is. Checked by
 * node-cron itself (so what validates is what will run), here beside the scheduler: config/ asks, and
 * node-cron stays imported by poll/ alone.
 */
export function checkCronExpression(expression: string): string | undefined {
  const result = validateDetailed(expression);
  if (result.valid) return undefined;
  return result.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || expression;
}
