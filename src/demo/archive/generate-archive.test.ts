import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { parseBody } from '../../articles/body/body-schema.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../../test/support/databases.ts';
import { isPublic, isPublicLink } from '../../articles/published.ts';
import { generateArchive } from './generate-archive.ts';

const ARTICLES = 1_200;
const NOW = new Date('2026-11-30T10:00:00Z');

forEachDatabase('generated archive', (engine) => {
  let database: TestDatabaseHandle;
  let summary: Awaited<ReturnType<typeof generateArchive>>;
  let demoMaxId = 0;

  before(async () => {
    database = await engine.open({ demo: true });
    const demo = await database.db
      .selectFrom('articles')
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    demoMaxId = Number(demo?.m ?? 0);
    summary = await generateArchive(database.db, { articles: ARTICLES, seed: 3, now: NOW });
  });
  after(async () => database?.close());

  test('writes the articles, people, tags, series, dossiers and revisions it reports', async () => {
    const db = database.db;
    const count = async (table: 'articles' | 'tags' | 'dossiers' | 'article_revisions') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    assert.equal(summary.articles, ARTICLES);
    assert.ok((await count('articles')) >= ARTICLES);
    assert.ok(summary.published > ARTICLES * 0.95, 'almost every archived piece is published');
    assert.ok(summary.tags >= 150 && summary.contributors >= 60 && summary.staff > 0);
    assert.ok(summary.dossiers >= 4 && summary.revisions > 0 && summary.series > 0);
    assert.ok((await count('dossiers')) >= summary.dossiers);
    assert.ok((await count('article_revisions')) >= summary.revisions);
  });

  test('spans the years before the clock, ids growing with time', async () => {
    const rows = await database.db
      .selectFrom('articles')
      .select(['id', 'published_at'])
      .where('status', '=', 'published')
      .where('id', '>', demoMaxId)
      .orderBy('id')
      .execute();
    const dates = rows.map((r) => r.published_at ?? '');
    assert.ok(dates[0] < '2008-01-01', `the oldest piece is from ${dates[0]}`);
    assert.ok(dates.every((d) => d <= NOW.toISOString()));
    const sorted = [...dates].sort();
    assert.deepEqual(dates.slice(-50), sorted.slice(-50), 'the archive is written in publication order');
  });

  test('bodies follow the real body schema and have the length of their format', async () => {
    const rows = await database.db
      .selectFrom('articles')
      .select(['format', 'body'])
      .where('id', '>', 100)
      .orderBy('id')
      .limit(300)
      .execute();
    const words: Record<string, number[]> = {};
    for (const row of rows) {
      const body = parseBody(JSON.parse(row.body));
      const text =
        JSON.stringify(body)
          .match(/"text":"[^"]*"/g)
          ?.join(' ') ?? '';
      const list = words[row.format] ?? [];
      list.push(text.split(/\s+/).length);
      words[row.format] = list;
    }
    const mean = (list: number[] = []) => list.reduce((a, b) => a + b, 0) / Math.max(1, list.length);
    assert.ok(mean(words.decryptage) > 3 * mean(words.depeche), 'an analysis is far longer than a wire item');
    assert.ok(mean(words.actualite) > 300, `a news story has ${mean(words.actualite)} words`);
  });

  test('tags follow a long tail: a few are everywhere, most are rare', async () => {
    const uses = (
      await database.db
        .selectFrom('article_tags')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .groupBy('tag_id')
        .orderBy('n', 'desc')
        .execute()
    ).map((r) => Number(r.n));
    assert.ok(uses[0] > 20 * uses[Math.floor(uses.length / 2)], `top ${uses[0]}, median ${uses[Math.floor(uses.length / 2)]}`);
  });

  test('the same seed gives the same archive, another seed another one', async () => {
    const build = async (seed: number) => {
      const handle = await engine.open({ demo: true });
      try {
        await generateArchive(handle.db, { articles: 150, seed, now: NOW });
        return await handle.db
          .selectFrom('articles')
          .select(['headline', 'published_at', 'format', 'body'])
          .orderBy('id', 'desc')
          .limit(150)
          .execute();
      } finally {
        await handle.close();
      }
    };
    const first = await build(11);
    assert.deepEqual(await build(11), first);
    assert.notDeepEqual(await build(12), first);
  });

  test('tag and byline links carry the public rule’s copy, kept by triggers through every change of state', async () => {
    const db = database.db;
    // For every link, at `now`: isPublicLink on the copy says what isPublic says of the article.
    const disagreements = async (now: string) => {
      let n = 0;
      for (const link of ['article_tags', 'article_authors'] as const) {
        const rows = await db
          .selectFrom(`${link} as tag_link` as 'article_tags as tag_link')
          .innerJoin('articles', 'articles.id', 'tag_link.article_id')
          .select((eb) => [
            'tag_link.article_id',
            eb.case().when(isPublicLink('tag_link', now)).then(1).else(0).end().as('by_link'),
            eb
              .case()
              .when(isPublic(eb as never, now))
              .then(1)
              .else(0)
              .end()
              .as('by_article'),
          ])
          .execute();
        n += rows.filter((r) => Number(r.by_link) !== Number(r.by_article)).length;
      }
      return n;
    };
    const check = async () => {
      for (const now of [NOW.toISOString(), '2026-12-02T00:00:00.000Z', '2099-01-01T00:00:00.000Z']) {
        assert.equal(await disagreements(now), 0, `links agree with the articles at ${now}`);
      }
    };
    await check();
    const article = await db
      .selectFrom('articles')
      .select('id')
      .where('status', '=', 'published')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const copies = async () => {
      const tags = await db.selectFrom('article_tags').select('public_at').where('article_id', '=', article.id).execute();
      const authors = await db.selectFrom('article_authors').select('public_at').where('article_id', '=', article.id).execute();
      assert.ok(tags.length > 0 && authors.length > 0);
      return new Set([...tags, ...authors].map((r) => (r.public_at === null ? null : new Date(r.public_at).toISOString())));
    };
    // Rescheduled to a later time (public once it comes), withdrawn, published again, back to draft.
    const later = '2026-12-01T08:00:00.000Z';
    await db.updateTable('articles').set({ published_at: later }).where('id', '=', article.id).execute();
    assert.deepEqual(await copies(), new Set([later]));
    await check();
    await db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', article.id).execute();
    assert.deepEqual(await copies(), new Set([null]));
    await check();
    await db.updateTable('articles').set({ status: 'published' }).where('id', '=', article.id).execute();
    assert.deepEqual(await copies(), new Set([later]));
    await db.updateTable('articles').set({ published_at: null, status: 'draft' }).where('id', '=', article.id).execute();
    // A link added to a draft has no date; publishing gives it one.
    const tag = await db.selectFrom('tags').select('id').orderBy('id').executeTakeFirstOrThrow();
    await db
      .insertInto('article_tags')
      .values({ article_id: article.id, tag_id: tag.id, position: 99 })
      .onConflict((oc) => oc.doNothing())
      .execute();
    assert.deepEqual(await copies(), new Set([null]));
    await check();
    await db.updateTable('articles').set({ published_at: later, status: 'published' }).where('id', '=', article.id).execute();
    assert.deepEqual(await copies(), new Set([later]));
    await check();
  });
});
