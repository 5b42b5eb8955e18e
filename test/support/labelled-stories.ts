import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One item of the labelled set: `label` is its story (a multi-outlet story's id, or a distinct one's). */
export interface LabelledItem {
  label: string;
  /** Within its story: 0 for the first outlet to report it, 1… for the rewrites. */
  variant: number;
  outlet: string;
  title: string;
  summary: string;
  /** Hours after the first item of the set. */
  hour: number;
}

interface LabelledFile {
  stories: { id: string; variants: { outlet: string; title: string; summary: string }[] }[];
  distinct: { id: string; near: string; outlet: string; title: string; summary: string }[];
}

export const LABELLED_PATH = join(__dirname, '..', 'fixtures', 'stories', 'labelled.json');
/** Written after the recogniser was tuned on the labelled set, to see how far its figures carry. */
export const HELD_OUT_PATH = join(__dirname, '..', 'fixtures', 'stories', 'held-out.json');
/** Written by an independent reviewer to find the recogniser's blind spots; the rules were revised against it since. */
export const REVIEW_PATH = join(__dirname, '..', 'fixtures', 'stories', 'review.json');

/**
 * The labelled set as a 42-hour news flow, oldest first: story k breaks at k × 45 min and its rewrites
 * follow every 2.5 h; each look-alike distinct story lands between its neighbour's first report and the
 * first rewrite, when it is most likely to be mistaken for it. Everything is within one 48 h window.
 */
export function labelledTimeline(path = LABELLED_PATH): LabelledItem[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as LabelledFile;
  const breaks = new Map(file.stories.map((s, k) => [s.id, k * 0.75]));
  const items: LabelledItem[] = [
    ...file.stories.flatMap((s) => s.variants.map((v, j) => ({ label: s.id, variant: j, ...v, hour: (breaks.get(s.id) ?? 0) + j * 2.5 }))),
    ...file.distinct.map((d) => ({ label: d.id, variant: 0, outlet: d.outlet, title: d.title, summary: d.summary, hour: (breaks.get(d.near) ?? 0) + 1.25 })),
  ];
  return items.sort((a, b) => a.hour - b.hour);
}

/** How many rewrites the set holds: every variant after a story's first. */
export function duplicateCount(items: readonly LabelledItem[]): number {
  return items.filter((i) => i.variant > 0).length;
}

/**
 * The same flow played backwards (last item first), hours kept ascending: a look-alike or a late rewrite
 * now arrives before the story's first report and founds the story the others must join or stay out of.
 */
export function reversedTimeline(items: readonly LabelledItem[]): LabelledItem[] {
  const last = Math.max(...items.map((i) => i.hour));
  return [...items].reverse().map((i) => ({ ...i, hour: last - i.hour }));
}
