import { escapeMarkdown } from 'discord.js';

/**
 * Escapes Discord markdown in feed text. escapeMarkdown handles `\`, `*`, `_`, `~~`, `||`, headings and
 * lists; backticks and `[` are escaped here one by one instead, because its code-span logic leaves
 * runs of four or more backticks half-escaped, and its masked-link escape only sees a whole `[x](y)`,
 * which a segment boundary (we escape between emphasis spans) can split. `>` and `-#` are escaped where
 * they would start a quote or subtext line.
 *
 * Its italic and underline passes look behind every position of the text for a URL or an emoji, which
 * is quadratic in the text's length: on 800-character summaries they were 14% of the delivery
 * benchmark's CPU. They only ever act on `*`, `_` and `__`, so text without them skips them.
 */
export function escapeFeedMarkdown(text: string): string {
  const escaped = escapeMarkdown(text, {
    codeBlock: false,
    inlineCode: false,
    italic: text.includes('*') || text.includes('_'),
    underline: text.includes('__'),
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: false,
  });
  return escaped.replace(/[`[]/g, '\\$&').replace(/^( *)(>|-#)/gm, '$1\\$2');
}
