import { tokenize } from './story-text';

/** Words nearly every rare-earth story uses: sharing them says little. */
const COMMON_WORDS = new Set(
  tokenize(
    'china chinese us global market markets price prices supply supplies chain export exports import production produce magnet magnets mine mines mining plant plants processing refinery metal metals critical strategic industry government ministry demand company companies output ton tons tonnes million billion percent project projects deal deals report reports',
  ),
);

/** Weight of a word shared by two items when the common rare-earth vocabulary counts for less. */
export const COMMON_WORD_WEIGHT = 0.35;

/** How much sharing a word says: common rare-earth vocabulary a third of an ordinary word. */
export function wordWeight(word: string): number {
  return COMMON_WORDS.has(word) ? COMMON_WORD_WEIGHT : 1;
}
