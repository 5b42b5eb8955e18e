/**
 * Joins `pieces` until the next one would pass `maxChars`, then ends with "+N more" for the rest.
 * Each step keeps room for the label it would need, so the result always fits; each piece must
 * already fit on its own.
 */
export function joinWithin(pieces: readonly string[], separator: string, maxChars: number): string {
  let result = '';
  for (let i = 0; i < pieces.length; i++) {
    const candidate = result === '' ? (pieces[i] ?? '') : `${result}${separator}${pieces[i] ?? ''}`;
    const left = pieces.length - i - 1;
    const reserve = left > 0 ? moreLabel(left).length + 1 : 0;
    if (candidate.length + reserve > maxChars) return result === '' ? moreLabel(pieces.length) : `${result} ${moreLabel(pieces.length - i)}`;
    result = candidate;
  }
  return result;
}

function moreLabel(count: number): string {
  return `+${count} more`;
}
