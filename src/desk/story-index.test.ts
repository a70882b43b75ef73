import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LABELLED_ITEMS, labelledSetQuality } from './labelled-stories.ts';
import { itemTerms, StoryIndex } from './story-index.ts';

describe('story detection on the labelled set', () => {
  test('precision and recall of same-story pairs are both at least 0.9', () => {
    const { precision, recall } = labelledSetQuality();
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
    const { precision, recall } = labelledSetQuality({ threshold: t });
    console.log(t.toFixed(3), precision.toFixed(3), recall.toFixed(3));
  }
}
