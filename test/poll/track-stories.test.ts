import type { MatchedItem } from '../../src/poll/matched-item';
import { createStoryTracker } from '../../src/poll/track-stories';
import type { KeyValue } from '../../src/store/key-value';
import { openStore } from '../../src/store/open-store';
import { createStoryIndexStore } from '../../src/store/story-index-store';
import { STORY_WINDOW_MS } from '../../src/stories/story';
import { makeItem } from '../support/builders';
import { tempSqliteUrl } from '../support/stores';

const NOW = new Date('2026-03-04T12:00:00Z');
const later = (hours: number) => new Date(NOW.getTime() + hours * 3_600_000);

const told: MatchedItem = {
  item: makeItem({ feedId: 'wire', id: 'w-1', title: 'Sojitz, JOGMEC to invest A$200m in Lynas heavy rare earths', summary: "Japan's Sojitz and state agency JOGMEC will invest A$200 million in Lynas Rare Earths to expand heavy rare earth separation in Malaysia." }),
  matches: [],
};
const rewrite: MatchedItem = {
  item: makeItem({ feedId: 'chronicle', id: 'c-9', title: 'Lynas wins A$200m Japanese investment for heavy rare earths - Perth Mining Chronicle', summary: 'Lynas Rare Earths (ASX:LYC) has secured A$200 million from Sojitz and JOGMEC to expand heavy rare earth separation in Malaysia.' }),
  matches: [],
};

describe('story tracker over a shared store', () => {
  let tmp: ReturnType<typeof tempSqliteUrl>;
  let kv: KeyValue;
  const tracker = () => createStoryTracker({ store: createStoryIndexStore(kv, STORY_WINDOW_MS) });
  beforeEach(async () => {
    tmp = tempSqliteUrl();
    kv = await openStore(tmp.url);
  });
  afterEach(async () => {
    await kv.close();
    tmp.cleanup();
  });

  it('recognises a rewrite after a restart, or on another instance, of a story told and remembered before', async () => {
    const first = tracker();
    const [founder] = await first.assign([told], NOW);
    await first.remember([founder!]);
    expect(founder?.story).toEqual({ id: 'wire:w-1', joined: false });
    const restarted = tracker();
    expect((await restarted.assign([rewrite], later(3)))[0]?.story).toEqual({ id: 'wire:w-1', joined: true });
  });

  it('forgets a story whose items the sink never accepted, so its next teller is alerted', async () => {
    await tracker().assign([told], NOW);
    expect((await tracker().assign([rewrite], later(1)))[0]?.story).toEqual({ id: 'chronicle:c-9', joined: false });
  });

  it('sees what another instance remembered since its own last poll', async () => {
    const a = tracker();
    const b = tracker();
    await b.assign([{ item: makeItem({ title: 'Unrelated warm-up item about gallium prices' }), matches: [] }], NOW);
    await a.remember(await a.assign([told], later(1)));
    expect((await b.assign([rewrite], later(2)))[0]?.story?.joined).toBe(true);
  });

  it('treats a rewrite arriving after the 48 h window as a new story', async () => {
    const first = tracker();
    await first.remember(await first.assign([told], NOW));
    expect((await tracker().assign([rewrite], later(49)))[0]?.story?.joined).toBe(false);
  });
});
