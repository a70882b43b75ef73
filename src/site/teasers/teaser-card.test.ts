import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleTeaser } from '../../articles/teaser-repository.ts';
import type { ImageRecord } from '../../images/image-types.ts';
import { bylineNames, renderTeaserCard } from './teaser-card.ts';
import { teaserTags } from './teaser-tags.ts';
import { renderDepecheItem, renderPepiteItem } from './teaser-variants.ts';

const image: ImageRecord = {
  id: 7,
  file_key: 'abc.jpg',
  mime: 'image/jpeg',
  width: 2400,
  height: 1600,
  bytes: 1,
  alt: 'Une place à Kyiv',
  caption: '',
  credit: 'Studio',
  focal_x: 0.5,
  focal_y: 0.5,
  created_at: '2026-11-01T00:00:00.000Z',
  uploaded_by_user_id: null,
};

function teaser(over: Partial<ArticleTeaser> = {}): ArticleTeaser {
  return {
    id: 12,
    slug: 'un-titre',
    sectionId: 3,
    sectionSlug: 'international',
    sectionName: 'International',
    format: 'actualite',
    kicker: 'Diplomatie',
    headline: "L'Europe face à Moscou : que faire ?",
    lead: 'Un chapô.',
    publishedAt: '2026-11-26T07:05:00.000Z',
    updatedAt: null,
    heroImage: image,
    authors: [{ id: 4, name: 'Jeanne Martin', slug: 'jeanne-martin' }],
    sourceOutlet: null,
    commentCount: 0,
    ...over,
  };
}

describe('renderTeaserCard', () => {
  it('names the number of reader comments when there are some', () => {
    assert.match(renderTeaserCard(teaser({ commentCount: 12 })), /<span class="teaser__comments">12 commentaires<\/span>/);
    assert.doesNotMatch(renderTeaserCard(teaser()), /commentaire/);
  });

  it('is an article whose heading holds the link, with kicker, byline and machine-readable date', () => {
    const card = renderTeaserCard(teaser(), { headingLevel: 2 });
    assert.match(card, /^<article class="teaser teaser--medium/);
    assert.match(card, /<h2 class="teaser__title"><a class="teaser__link" href="\/international\/un-titre">/);
    assert.match(card, /<p class="teaser__kicker">Diplomatie<\/p>/);
    assert.match(card, /Par Jeanne Martin/);
    assert.match(card, /<time datetime="2026-11-26T08:05:00\+01:00">26\u00a0novembre 2026<\/time>/);
  });

  it('applies French typography to text, and escapes it', () => {
    const card = renderTeaserCard(teaser({ headline: 'A <b>gras</b> : oui !' }));
    assert.match(card, /A &#60;b&#62;gras&#60;\/b&#62;\u00a0: oui\u202f!/);
    assert.match(renderTeaserCard(teaser()), /L’Europe face à Moscou\u00a0: que faire\u202f\?/);
  });

  it('shows the lead only on large sizes unless asked', () => {
    assert.doesNotMatch(renderTeaserCard(teaser(), { size: 'medium' }), /teaser__lead/);
    assert.match(renderTeaserCard(teaser(), { size: 'large' }), /<p class="teaser__lead">Un chapô.<\/p>/);
    assert.match(renderTeaserCard(teaser(), { size: 'small', showLead: true }), /teaser__lead/);
  });

  it('loads pictures lazily, except the eager lead story with high priority', () => {
    assert.match(renderTeaserCard(teaser()), /loading="lazy"/);
    assert.doesNotMatch(renderTeaserCard(teaser()), /fetchpriority/);
    const lead = renderTeaserCard(teaser(), { size: 'lead', eager: true });
    assert.match(lead, /loading="eager"/);
    assert.match(lead, /fetchpriority="high"/);
    assert.match(lead, /alt="Une place à Kyiv"/);
  });

  it('has no picture when compact, asked so, or the article has none', () => {
    assert.doesNotMatch(renderTeaserCard(teaser(), { size: 'compact' }), /<picture/);
    assert.doesNotMatch(renderTeaserCard(teaser(), { showImage: false }), /<picture/);
    assert.doesNotMatch(renderTeaserCard(teaser({ heroImage: null })), /<picture/);
  });

  it('puts a format badge on video and podcast cards', () => {
    assert.match(
      renderTeaserCard(teaser({ format: 'video' })),
      /<div class="teaser__media">.*<span class="format-badge format-badge--video">Vidéo<\/span><\/div>/,
    );
    assert.match(renderTeaserCard(teaser({ format: 'podcast', heroImage: null })), /format-badge--podcast">Podcast</);
    assert.doesNotMatch(renderTeaserCard(teaser()), /format-badge/);
  });

  it('names the source of a pépite and the section when asked and there is no kicker', () => {
    assert.match(renderTeaserCard(teaser({ format: 'pepite', sourceOutlet: 'Le Monde' })), /via <cite>Le Monde<\/cite>/);
    assert.match(renderTeaserCard(teaser({ kicker: '' }), { showSection: true }), /teaser__kicker">International</);
    assert.doesNotMatch(renderTeaserCard(teaser({ kicker: '' })), /teaser__kicker/);
  });

  it('numbers the items of an ordered list', () => {
    assert.match(renderTeaserCard(teaser(), { number: 3 }), /<span class="teaser__number" aria-hidden="true">3<\/span>/);
  });
});

describe('teaser variants', () => {
  it('writes a dépêche line with its Paris time, and the date when not today', () => {
    const line = renderDepecheItem(teaser({ publishedAt: '2026-11-26T07:05:00.000Z' }), { today: '2026-11-26' });
    assert.match(line, /^<li class="depeche"><time class="depeche__time" datetime="2026-11-26T08:05:00\+01:00">8\u00a0h\u00a005<\/time>/);
    const older = renderDepecheItem(teaser({ publishedAt: '2026-11-25T22:40:00.000Z' }), { today: '2026-11-26' });
    assert.match(older, /><span class="depeche__day">25\u00a0nov.<\/span> 23\u00a0h\u00a040</);
  });

  it('names the outlet of a pépite', () => {
    const item = renderPepiteItem(teaser({ format: 'pepite', sourceOutlet: 'Financial Times' }));
    assert.match(item, /^<article class="pepite">/);
    assert.match(item, /<h3 class="pepite__title"><a class="pepite__link" href="\/international\/un-titre">/);
    assert.match(item, /via <cite>Financial Times<\/cite>/);
  });
});

describe('cards of shared teasers', () => {
  it('a frozen teaser (kept in the memo) is rendered once per set of options; others every time', () => {
    let reads = 0;
    const counted = <T extends ArticleTeaser>(t: T): T =>
      Object.defineProperty(t, 'headline', {
        get: () => {
          reads++;
          return 'Un titre compté';
        },
        enumerable: true,
      });
    const shared = Object.freeze(counted(teaser({ id: 40 })));
    const first = renderTeaserCard(shared, { size: 'small' });
    assert.equal(renderTeaserCard(shared, { size: 'small' }), first);
    assert.equal(reads, 1, 'kept with the teaser');
    const large = renderTeaserCard(shared, { size: 'large', eager: true });
    assert.notEqual(large, first);
    assert.match(large, /teaser--large/);
    assert.equal(reads, 2, 'other options: another card');
    assert.equal(renderTeaserCard(shared, { size: 'large', eager: true }), large);
    assert.equal(reads, 2);

    const fresh = counted(teaser({ id: 41 }));
    renderTeaserCard(fresh, { size: 'small' });
    renderTeaserCard(fresh, { size: 'small' });
    assert.equal(reads, 4, 'a teaser that may still change is rendered each time');
  });
});

describe('bylineNames and teaserTags', () => {
  it('joins names the French way', () => {
    assert.equal(bylineNames([]), '');
    assert.equal(bylineNames([{ name: 'A' }]), 'A');
    assert.equal(bylineNames([{ name: 'A' }, { name: 'B' }]), 'A et B');
    assert.equal(bylineNames([{ name: 'A' }, { name: 'B' }, { name: 'C' }]), 'A, B et C');
  });

  it('names articles, sections, authors and the site once each', () => {
    const tags = teaserTags([teaser(), teaser({ id: 13 })]);
    assert.deepEqual(tags.sort(), ['article:12', 'article:13', 'person:4', 'section:3', 'site']);
  });
});
