// A generated archive of French articles for the search, sitemap and feed scenarios of the bench:
// words drawn from the demo edition's own texts (skewed towards the frequent ones, as in real
// prose), spread over eight years, with sections, authors and tags. Written straight into a fresh
// SQLite database under DATA_DIR, then indexed for search as `npm run kiosque -- search:rebuild` would.
// (Stand-in until the project's archive generator, scripts/generate-archive.ts, is on main.)

import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { rebuildSearchIndex } from '../src/search/search-index.ts';

const CONTENT_DIR = path.resolve(import.meta.dirname, '../src/demo/content');
const YEARS = 8;

/** A small deterministic generator (mulberry32), so two runs build the same archive. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** French words of the demo edition, most frequent first. */
function vocabulary(): string[] {
  const counts = new Map<string, number>();
  for (const file of fs.readdirSync(CONTENT_DIR)) {
    const source = fs.readFileSync(path.join(CONTENT_DIR, file), 'utf8');
    // The prose only: string literals with spaces in them, not the code around them.
    for (const [, , text] of source.matchAll(/(['"`])((?:\\.|(?!\1).)*)\1/g))
      if (text!.includes(' '))
        for (const [word] of text!.matchAll(/\p{L}{3,}/gu)) if (/[a-zà-ÿ]/.test(word[0]!)) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

export interface ArchiveSummary {
  articles: number;
  generateMs: number;
  indexMs: number;
  /** Words that occur in the archive, for queries: frequent, middling and rare ones. */
  words: { frequent: string[]; middling: string[]; rare: string[] };
}

/** Builds an archive of `count` published articles in a new SQLite database under dataDir. */
export async function generateArchive(dataDir: string, count: number): Promise<ArchiveSummary> {
  const started = performance.now();
  const rand = random(20261203);
  const words = vocabulary();
  const pick = () => words[Math.floor(words.length * rand() ** 2.2)]!;
  const sentence = (n: number) => {
    const list = Array.from({ length: n }, pick);
    list[0] = list[0]![0]!.toUpperCase() + list[0]!.slice(1);
    return `${list.join(' ')}.`;
  };
  const handle = openDatabase({ dataDir });
  const db = handle.db;
  try {
    await migrateToLatest(db);
    const now = new Date();
    await db
      .insertInto('settings')
      .values({
        id: 1,
        name: 'Archives du banc',
        tagline: '',
        public_url: null,
        language: 'fr',
        logo_image_id: null,
        comments_mode: 'open',
        comments_notice: '',
        updated_at: now.toISOString(),
      })
      .execute();
    const sections = ['international', 'politique', 'economie', 'societe', 'culture', 'sciences', 'sport', 'pepites'];
    for (const [i, slug] of sections.entries())
      await db
        .insertInto('sections')
        .values({ slug, name: slug[0]!.toUpperCase() + slug.slice(1), description: '', position: i, created_at: now.toISOString() })
        .execute();
    for (let i = 0; i < 60; i++)
      await db
        .insertInto('people')
        .values({
          slug: `auteur-${i}`,
          name: `${pick()} ${pick()}`,
          kind: i < 20 ? 'staff' : 'contributor',
          role_line: '',
          bio: '',
          photo_image_id: null,
          links: '[]',
          created_at: now.toISOString(),
        })
        .execute();
    for (let i = 0; i < 400; i++)
      await db
        .insertInto('tags')
        .values({ slug: `sujet-${i}`, name: `${pick()} ${i}` })
        .execute();
    const span = YEARS * 365 * 86400_000;
    const formats = ['actualite', 'actualite', 'decryptage', 'depeche', 'pepite', 'chronique'] as const;
    for (let start = 0; start < count; start += 500) {
      await db.transaction().execute(async (trx) => {
        const rows = [];
        for (let i = start; i < Math.min(count, start + 500); i++) {
          const paragraphs = Array.from({ length: 4 }, () => ({
            type: 'paragraph',
            content: [{ type: 'text', text: `${sentence(14)} ${sentence(16)}` }],
          }));
          const published = new Date(now.getTime() - 3600_000 - Math.floor(((count - i) / count) * span)).toISOString();
          rows.push({
            format: formats[i % formats.length]!,
            section_id: 1 + (i % sections.length),
            series_id: null,
            kicker: i % 3 === 0 ? sentence(3).slice(0, -1) : '',
            headline: sentence(9).slice(0, -1),
            slug: `archive-${i}`,
            lead: sentence(24),
            body: JSON.stringify({ type: 'doc', content: paragraphs }),
            hero_image_id: null,
            source_outlet: i % 6 === 4 ? 'Le Courrier de l’Ouest-Atlantique' : null,
            source_url: null,
            source_headline: null,
            status: 'published' as const,
            created_at: published,
            published_at: published,
            updated_at: null,
            seo_title: null,
            seo_description: null,
            comments_setting: 'inherit' as const,
            revision: 1,
          });
        }
        const ids = await trx.insertInto('articles').values(rows).returning('id').execute();
        await trx
          .insertInto('article_authors')
          .values(ids.map(({ id }) => ({ article_id: id, person_id: 1 + (id % 60), position: 0 })))
          .execute();
        await trx
          .insertInto('article_tags')
          .values(
            ids.flatMap(({ id }) =>
              [
                { article_id: id, tag_id: 1 + (id % 400), position: 0 },
                { article_id: id, tag_id: 1 + ((id * 7) % 400), position: 1 },
              ].filter((t, j, all) => j === 0 || t.tag_id !== all[0]!.tag_id),
            ),
          )
          .execute();
      });
    }
    const generated = performance.now();
    await rebuildSearchIndex(db, 'sqlite');
    const indexed = performance.now();
    const content = words.filter((w) => w.length >= 6 && w === w.toLowerCase());
    return {
      articles: count,
      generateMs: Math.round(generated - started),
      indexMs: Math.round(indexed - generated),
      words: { frequent: content.slice(0, 5), middling: content.slice(200, 205), rare: content.slice(1500, 1505) },
    };
  } finally {
    await handle.close();
  }
}
