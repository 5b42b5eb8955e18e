import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord-api-types/v10';
import type { CommandContext, ListRoute, ListViewOrText, Reply } from '../interactions/command-route';
import { REPLY_CONTENT_LIMIT, truncateText } from '../interactions/reply-payload';
import { EMBED_DESCRIPTION_LIMIT, EMBED_TITLE_LIMIT, fitLines, LIST_EMBED_COLOUR } from './list-reply';

/**
 * What a list command shows: built afresh for every page, so a page is never staler than the click.
 * `filter` narrows the list (e.g. a topic id); the buttons carry it so the next page shows the same list.
 */
export type ListView = Exclude<ListViewOrText, string>;

/** Discord's cap on a component's custom_id. */
const CUSTOM_ID_LIMIT = 100;
const PREFIX = 'list';

/**
 * A button's custom_id: everything needed to draw the page, so buttons keep working after a restart and
 * on another instance (nothing is remembered between clicks). Filters too long to fit are never cut
 * (undefined is returned): renderListPage then falls back to one page ending "… and N more".
 */
export function pageCustomId(kind: string, page: number, filter?: string): string | undefined {
  const id = [PREFIX, kind, String(page), ...(filter === undefined ? [] : [filter])].join(':');
  return id.length <= CUSTOM_ID_LIMIT ? id : undefined;
}

export function parsePageCustomId(customId: string): { kind: string; page: number; filter?: string } | undefined {
  const [prefix, kind, page, ...rest] = customId.split(':');
  if (prefix !== PREFIX || !kind || !/^\d{1,4}$/.test(page ?? '')) return undefined;
  // a filter may itself contain ':'; it is everything after the page
  return rest.length === 0 ? { kind, page: Number(page) } : { kind, page: Number(page), filter: rest.join(':') };
}

/** Whole lines per page, each page within `limit` characters; a single line longer than a page is cut. */
export function splitPages(lines: readonly string[], limit: number): string[][] {
  const pages: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = truncateText(raw, limit);
    const next = length + (current.length > 0 ? 1 : 0) + line.length;
    if (current.length > 0 && next > limit) {
      pages.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? 1 : 0) + line.length;
    current.push(line);
  }
  if (current.length > 0 || pages.length === 0) pages.push(current);
  return pages;
}

function pageButtons(kind: string, page: number, count: number, filter?: string): APIActionRowComponent<APIButtonComponent>[] {
  // Previous and Next always point at different pages (0 and 1 on the first, n-2 and n-1 on the last), so their ids never clash.
  const previous = pageCustomId(kind, Math.max(0, page - 1), filter);
  const next = pageCustomId(kind, Math.min(count - 1, page + 1), filter);
  if (previous === undefined || next === undefined) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Previous', custom_id: previous, disabled: page === 0 },
        { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Next', custom_id: next, disabled: page >= count - 1 },
      ],
    },
  ];
}

/**
 * One page of a list: the whole list as a plain message when it fits in one, else an embed per page with
 * Previous/Next buttons. `page` past the end (the list shrank since) shows the last page.
 */
export function renderListPage(kind: string, view: ListView, page = 0): Reply {
  const text = [view.heading, ...view.lines].join('\n');
  if (text.length <= REPLY_CONTENT_LIMIT) return { content: text, embeds: [], components: [] };
  const pages = splitPages(view.lines, EMBED_DESCRIPTION_LIMIT);
  // A filter too long for a custom_id (a long /rules test text) cannot be paged: one embed, cut as before.
  if (pages.length > 1 && pageCustomId(kind, pages.length, view.filter) === undefined) {
    const title = truncateText(view.heading.replaceAll('**', ''), EMBED_TITLE_LIMIT);
    return { embeds: [{ title, description: fitLines(view.lines, EMBED_DESCRIPTION_LIMIT), color: LIST_EMBED_COLOUR }], components: [] };
  }
  const shown = Math.min(Math.max(0, page), pages.length - 1);
  const title = view.heading.replaceAll('**', '');
  const counter = pages.length > 1 ? ` · page ${shown + 1} of ${pages.length}` : '';
  return {
    embeds: [{ title: truncateText(title, EMBED_TITLE_LIMIT - counter.length) + counter, description: (pages[shown] ?? []).join('\n'), color: LIST_EMBED_COLOUR }],
    components: pages.length > 1 ? pageButtons(kind, shown, pages.length, view.filter) : [],
  };
}

/** A list command's answer: its first page. */
export async function showList(route: ListRoute, { interaction, deps, guildId, now }: CommandContext, filter?: string): Promise<Reply> {
  const view = await route.view({ guild: interaction.guild, deps, guildId, now }, filter);
  return typeof view === 'string' ? view : renderListPage(route.kind, view, 0);
}
