import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ArticleFormat } from '../core/db/schema.ts';
import { articleSlug, checkDemoContent } from './check-content.ts';
import { ARTICLES } from './content/articles.ts';

/** Paragraph counts the editors asked for, per format (lists and quotations count as paragraphs). */
const LENGTHS: Record<ArticleFormat, [number, number]> = {
  decryptage: [8, 12],
  actualite: [5, 9],
  chronique: [5, 8],
  pepite: [2, 4],
  depeche: [1, 3],
  video: [3, 6],
  podcast: [3, 6],
};

describe('demo content', () => {
  it('is consistent: references resolve, slugs are unique, bodies are valid', () => {
    assert.doesNotThrow(() => checkDemoContent());
  });

  it('gives each published format its expected length', () => {
    for (const article of ARTICLES.filter((a) => (a.status ?? 'published') === 'published')) {
      const blocks = article.body.content.filter((b) => b.type !== 'heading' && b.type !== 'embed' && b.type !== 'image').length;
      const [min, max] = LENGTHS[article.format];
      assert.ok(blocks >= min && blocks <= max, `${article.key} : ${blocks} paragraphes (${min}–${max} attendus)`);
    }
  });

  it('puts inter-titles in every décryptage and a lead in every article', () => {
    for (const article of ARTICLES) {
      assert.ok(article.lead.length > 60, `${article.key} : chapô trop court`);
      if (article.format === 'decryptage' && article.status !== 'draft') {
        assert.ok(article.body.content.filter((b) => b.type === 'heading').length >= 2, article.key);
      }
    }
  });

  it('quotes only fictional outlets, on the reserved .example domain', () => {
    for (const article of ARTICLES) {
      if (article.source) assert.match(article.source.url, /^https:\/\/www\.[a-z0-9-]+\.example\//, article.key);
      for (const href of JSON.stringify(article.body).match(/"href":"[^"]+"/g) ?? []) {
        assert.match(href, /"href":"(\/|mailto:|https:\/\/www\.[a-z0-9-]+\.example\/)/, `${article.key} : ${href}`);
      }
    }
  });

  it('links internally only to articles that exist', () => {
    const paths = new Set(ARTICLES.map((a) => `/${a.section}/${articleSlug(a)}`));
    for (const article of ARTICLES) {
      for (const [, href] of JSON.stringify(article.body).matchAll(/"href":"(\/[^"]*)"/g)) {
        assert.ok(paths.has(href), `${article.key} : lien interne mort ${href}`);
      }
    }
  });
});
