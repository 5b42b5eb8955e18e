import { compareStories } from '../../src/stories/compare-stories';
import { signatureOf } from '../../src/stories/story-signature';
import { createStoryRecogniser } from '../../src/stories/story-recogniser';
import { storyTextOf } from '../../src/stories/story';
import { duplicateCount, labelledTimeline, type LabelledItem } from '../support/labelled-stories';

const HOUR_MS = 3_600_000;
const START = Date.parse('2026-03-02T00:00:00Z');

/** Runs the timeline through one recogniser; returns each item's story id. */
function recogniseAll(items: readonly LabelledItem[]): Map<LabelledItem, string> {
  const recogniser = createStoryRecogniser();
  return new Map(items.map((item, i) => [item, recogniser.recognise({ key: `item-${i}`, text: storyTextOf(item) }, START + item.hour * HOUR_MS).id]));
}

describe('story recognition on the labelled set', () => {
  const items = labelledTimeline();
  const stories = recogniseAll(items);
  const labelsOf = (storyId: string) => new Set(items.filter((i) => stories.get(i) === storyId).map((i) => i.label));

  it('holds at least 40 multi-outlet stories with 80 rewrites and 40 look-alike distinct stories', () => {
    expect(new Set(items.filter((i) => i.variant > 0).map((i) => i.label)).size).toBeGreaterThanOrEqual(40);
    expect(duplicateCount(items)).toBeGreaterThanOrEqual(80);
    expect(items.filter((i) => i.label.startsWith('d-')).length).toBeGreaterThanOrEqual(40);
  });

  it('never merges two different stories', () => {
    const mixed = [...new Set(stories.values())].map(labelsOf).filter((labels) => labels.size > 1).map((labels) => [...labels]);
    expect(mixed).toEqual([]);
  });

  it('merges at least 90% of rewritten duplicates into the story already told', () => {
    const rewrites = items.filter((i) => i.variant > 0);
    const merged = rewrites.filter((item) => items.some((earlier) => earlier.label === item.label && earlier.hour < item.hour && stories.get(earlier) === stories.get(item)));
    const missed = rewrites.filter((item) => !merged.includes(item)).map((i) => i.title);
    console.log(`story recognition: ${merged.length}/${rewrites.length} rewrites merged (${((100 * merged.length) / rewrites.length).toFixed(1)}%); missed: ${missed.join(' | ')}`);
    expect(merged.length / rewrites.length).toBeGreaterThanOrEqual(0.9);
  });

  it('judges no two items of different stories the same, in whichever order they come', () => {
    const signed = items.map((item) => ({ label: item.label, title: item.title, signature: signatureOf(storyTextOf(item)) }));
    const confused: string[] = [];
    signed.forEach((a, i) => {
      for (const b of signed.slice(i + 1)) if (a.label !== b.label && compareStories(a.signature, b.signature).same) confused.push(`${a.title} ~ ${b.title}`);
    });
    expect(confused).toEqual([]);
  });
});
