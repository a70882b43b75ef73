import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isValidSlug, SLUG_FALLBACK, slugify } from './slug.ts';

describe('slugify', () => {
  it('lowercases and folds accents and ligatures to ASCII', () => {
    assert.equal(slugify('Élysée : où en est la réforme ?'), 'elysee-ou-en-est-la-reforme');
    assert.equal(slugify('Cœur, Ægée, Straße, Øresund, Łódź'), 'coeur-aegee-strasse-oresund-lodz');
    assert.equal(slugify('ÇA BOUGE À NOËL'), 'ca-bouge-a-noel');
    assert.equal(slugify('ﬁnance ²'), 'finance-2');
  });

  it('turns apostrophes and punctuation into single dashes, trimmed', () => {
    assert.equal(slugify("L'homme d’aujourd’hui"), 'l-homme-d-aujourd-hui');
    assert.equal(slugify('  « Kim Jong-un » -- Poutine !!! '), 'kim-jong-un-poutine');
    assert.equal(slugify('Sommet Corée du Nord - Russie'), 'sommet-coree-du-nord-russie');
    assert.equal(slugify('50 % de 2026'), '50-de-2026');
  });

  it('cuts between words at maxLength', () => {
    const title = 'Sommet Corée du Nord - Russie : Kim Jong-un et Vladimir Poutine renforcent les liens entre leurs deux pays';
    const slug = slugify(title);
    assert.ok(slug.length <= 80);
    assert.equal(slug, 'sommet-coree-du-nord-russie-kim-jong-un-et-vladimir-poutine-renforcent-les-liens');
    assert.equal(slugify('un deux trois quatre', 13), 'un-deux-trois');
    assert.equal(slugify('un deux trois quatre', 12), 'un-deux');
  });

  it('cuts inside a single word longer than maxLength', () => {
    assert.equal(slugify('a'.repeat(200), 20), 'a'.repeat(20));
  });

  it('never returns an empty slug', () => {
    assert.equal(slugify(''), SLUG_FALLBACK);
    assert.equal(slugify('??? ★ —'), 'sans-titre');
    assert.equal(slugify('北京'), 'sans-titre');
  });

  it('refuses a maxLength too short to hold a slug', () => {
    assert.throws(() => slugify('abc', 0), RangeError);
    assert.throws(() => slugify('abc', 2.5), RangeError);
  });

  it('always produces valid slugs', () => {
    for (const text of ['Élysée', "l'été", '---', 'x'.repeat(500), 'A - B', 'ŀ·l', 'İstanbul']) {
      assert.ok(isValidSlug(slugify(text)), text);
    }
  });
});

describe('isValidSlug', () => {
  it('accepts lowercase ASCII words joined by single dashes', () => {
    assert.ok(isValidSlug('kim-jong-un-2026'));
    assert.ok(isValidSlug('a'));
    assert.ok(isValidSlug('a'.repeat(120)));
  });

  it('refuses everything else', () => {
    for (const bad of ['', '-a', 'a-', 'a--b', 'A', 'é', 'a b', 'a_b', 'a/b', 'a'.repeat(121)]) {
      assert.equal(isValidSlug(bad), false, bad);
    }
  });
});
