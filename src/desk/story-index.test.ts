import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LABELLED_ITEMS } from './labelled-stories.ts';
import { itemTerms, StoryIndex } from './story-index.ts';

/** Runs the labelled set through a fresh index in time order; returns pairwise precision and recall. */
function measure(threshold?: number): { precision: number; recall: number } {
  const index = new StoryIndex({ threshold });
  const base = Date.parse('2026-12-01T06:00:00Z');
  const items = LABELLED_ITEMS.map((item, id) => ({ ...item, id: id + 1 })).sort((a, b) => a.minutes - b.minutes);
  const predicted = new Map<number, number>();
  for (const item of items) {
    const terms = itemTerms(item.headline, item.summary);
    const time = base + item.minutes * 60_000;
    const story = index.match(terms, time)?.story ?? item.id;
    predicted.set(item.id, story);
    index.add(item.id, story, terms, time);
  }
  let truePairs = 0;
  let predictedPairs = 0;
  let both = 0;
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i]!;
      const b = items[j]!;
      const same = a.story === b.story;
      const together = predicted.get(a.id) === predicted.get(b.id);
      if (same) truePairs++;
      if (together) predictedPairs++;
      if (same && together) both++;
    }
  }
  return { precision: predictedPairs ? both / predictedPairs : 1, recall: truePairs ? both / truePairs : 1 };
}

describe('story detection on the labelled set', () => {
  test('precision and recall of same-story pairs are both at least 0.9', () => {
    const { precision, recall } = measure();
    console.log(`# stories: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${LABELLED_ITEMS.length} items)`);
    assert.ok(precision >= 0.9, `precision ${precision}`);
    assert.ok(recall >= 0.9, `recall ${recall}`);
  });

  test('accents, case and inflections do not separate an item from its story', () => {
    const index = new StoryIndex();
    const time = Date.parse('2026-12-01T06:00:00Z');
    index.add(1, 1, itemTerms('Grève des contrôleurs à la gare de Lormes', 'Les trains supprimés toute la journée.'), time);
    const match = index.match(itemTerms('GREVE DES CONTROLEURS A LA GARE DE LORMES', 'Trains supprimés.'), time + 60_000);
    assert.equal(match?.story, 1);
  });

  test('items further apart than the window never join', () => {
    const index = new StoryIndex({ windowMs: 3600_000 });
    const time = Date.parse('2026-12-01T06:00:00Z');
    const terms = itemTerms('Le pont Saint-Aubin fermé à Valmorin', 'Des fissures.');
    index.add(1, 1, terms, time);
    assert.equal(index.match(terms, time + 2 * 3600_000), null);
  });
});

// Not a test: prints precision and recall over a range of thresholds (node src/desk/story-index.test.ts --sweep).
if (process.argv.includes('--sweep')) {
  for (let t = 0.1; t <= 0.6; t += 0.025) {
    const { precision, recall } = measure(t);
    console.log(t.toFixed(3), precision.toFixed(3), recall.toFixed(3));
  }
}
