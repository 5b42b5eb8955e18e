import type { GuildSettings, GuildTopic } from './guild-settings';

/** A topic a server can use: a built-in one from config, or one of its own. */
export interface CatalogTopic {
  id: string;
  name: string;
  colour: number;
  builtIn: boolean;
}

/** Built-in topics first, then the server's own, as autocomplete and `/rules list` show them. */
export function topicsFor(builtIn: readonly { id: string; name: string; colour: number }[], settings: GuildSettings): CatalogTopic[] {
  return [...builtIn.map((t) => ({ ...t, builtIn: true })), ...settings.topics.map((t) => ({ ...t, builtIn: false }))];
}

/** Finds a topic by id or by name, ignoring case and surrounding spaces. */
export function findTopic(topics: readonly CatalogTopic[], query: string): CatalogTopic | undefined {
  const wanted = query.trim().toLowerCase();
  return topics.find((t) => t.id === wanted) ?? topics.find((t) => t.name.toLowerCase() === wanted);
}

/** `Graphite & anodes` → `graphite-anodes`; non-Latin names keep their letters. */
export function topicIdFromName(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'topic';
}

/** Server topics get a colour from a fixed palette, so the same name always looks the same. */
const PALETTE = [0x1abc9c, 0xe67e22, 0x9b59b6, 0x2ecc71, 0xe91e63, 0x95a5a6, 0x34495e, 0xd35400];

export function newGuildTopic(name: string, existing: readonly CatalogTopic[]): GuildTopic {
  const base = topicIdFromName(name);
  let id = base;
  for (let n = 2; existing.some((t) => t.id === id); n++) id = `${base}-${n}`;
  const hash = [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  return { id, name: name.trim(), colour: PALETTE[hash % PALETTE.length] ?? 0x95a5a6 };
}
