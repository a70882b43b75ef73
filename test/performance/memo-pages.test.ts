import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/core/db/database.ts';
import { updateDossier, dossierValues, dossierInputFromForm } from '../../src/curation/dossiers-admin-operations.ts';
import { makeActor } from '../../src/curation/curation-test-support.ts';
import { updateSection } from '../../src/curation/sections-admin-operations.ts';
import { personInput, updatePerson } from '../../src/curation/people-admin-operations.ts';
import { updateImage } from '../../src/media/media-operations.ts';
import { testDatabaseConfig } from '../support/query-plans.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';
import { countingHandle, type StatementLog } from '../support/query-count.ts';

// The front page and the section pages read their rarely changing parts (sections, editors'
// slots, dossiers, series) once per change of their content tags (core/cache/tagged-memo.ts), the
// article page its related articles: a render after that costs fewer statements, and a change made
// through an operation shows on the very next render, page cache off as here.

/**
 * Statements of the front page once its rarely changing parts and its teasers are kept: the lists
 * (with their comment counts) and the picks' rows; the authors and images only of teasers not kept.
 */
const HOME_BUDGET = 2;

forEachDatabase('rarely changing parts of pages, kept until their content changes', (engine) => {
  let database: TestDatabaseHandle;
  let app: FastifyInstance;
  let counted: DatabaseHandle;
  let log: StatementLog;

  before(async () => {
    database = await engine.open({ demo: true });
    ({ handle: counted, log } = countingHandle(database));
    app = await buildApp({ config: testDatabaseConfig(database), database: counted });
    log.track(app);
    await app.ready();
  });

  after(async () => {
    await app?.close();
    await counted?.close();
    await database?.close();
  });

  test('the front page reads its sections, slots, dossiers and series once; a dossier renamed shows at once', async () => {
    const first = await app.inject('/');
    assert.equal(first.statusCode, 200);
    const firstCount = log.byUrl.get('/')!.length;
    assert.equal((await app.inject('/')).statusCode, 200);
    const statements = log.byUrl.get('/')!;
    assert.ok(statements.length <= HOME_BUDGET, `${statements.length} requêtes :\n${statements.join('\n')}`);
    assert.ok(firstCount >= statements.length + 4, `${firstCount} requêtes au premier rendu`);
    assert.ok(!statements.some((s) => /from "(dossiers|series|sections|home_slots)"/.test(s)), statements.join('\n'));

    const dossier = await database.db
      .selectFrom('dossiers')
      .selectAll()
      .where('published_at', 'is not', null)
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.ok(first.body.includes(dossier.title.slice(0, 12)), 'the newest dossier is on the front page');
    const actor = await makeActor(database.db, 'editeur');
    const title = `Dossier renommé ${engine.label}`;
    await updateDossier(app.kiosque, actor, dossier.id, dossierInputFromForm({ ...dossierValues(dossier), title }));
    const after = await app.inject('/');
    assert.ok(after.body.includes(title), 'the new title is on the next render');
    assert.ok(
      log.byUrl.get('/')!.some((s) => /from "dossiers"/.test(s)),
      'the dossiers were read again',
    );
  });

  test('a section page finds its section once, until the section changes: a new address answers at once, the old one no longer', async () => {
    const section = await database.db.selectFrom('sections').selectAll().where('slug', '=', 'international').executeTakeFirstOrThrow();
    assert.equal((await app.inject('/international')).statusCode, 200);
    assert.equal((await app.inject('/international')).statusCode, 200);
    assert.ok(
      !log.byUrl.get('/international')!.some((s) => /from "sections" where "slug"/.test(s)),
      log.byUrl.get('/international')!.join('\n'),
    );

    const actor = await makeActor(database.db, 'administrateur');
    const name = `Monde ${engine.label}`;
    await updateSection(app.kiosque, actor, section.id, {
      name,
      slug: 'monde',
      description: section.description,
      position: section.position,
    });
    assert.equal((await app.inject('/international')).statusCode, 404, 'the old address is no longer the section');
    const moved = await app.inject('/monde');
    assert.equal(moved.statusCode, 200);
    assert.ok(moved.body.includes(name), 'the new name shows at once');
    // An address that is no section is looked up on each request: nothing kept for it.
    assert.equal((await app.inject('/international')).statusCode, 404);
  });

  test('an article page reads its related articles once, until one of them changes', async () => {
    const home = await app.inject('/');
    const path = /<a[^>]+href="(\/[a-z-]+\/[a-z0-9-]+)"/.exec(home.body)![1]!;
    await app.inject(path);
    const before = (await app.inject(path)).body;
    assert.ok(!log.byUrl.get(path)!.some((s) => s.includes('"tag_link"')), 'related articles kept');
    const related = /<section class="related"[\s\S]*?<a[^>]+href="\/[a-z-]+\/([a-z0-9-]+)"/.exec(before)?.[1];
    assert.ok(related, 'the article shows related articles');
    const row = await database.db.selectFrom('articles').select('id').where('slug', '=', related).executeTakeFirstOrThrow();
    await database.db.updateTable('articles').set({ headline: 'Titre changé du lié' }).where('id', '=', row.id).execute();
    app.kiosque.pageCache.invalidate([`article:${row.id}`]);
    const after = (await app.inject(path)).body;
    assert.ok(after.includes('Titre changé du lié'), 'the related article’s change shows at once');
  });

  test('an article page reads only its row once its byline, tags, corrections and images are kept; each change shows at once', async () => {
    // The demo's article with a hero image and an author with a photo.
    const row = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['articles.id', 'articles.slug', 'articles.hero_image_id', 'sections.slug as section', 'people.id as personId'])
      .where('articles.status', '=', 'published')
      .where('articles.format', 'not in', ['video', 'podcast'])
      .where('articles.hero_image_id', 'is not', null)
      .where('people.photo_image_id', 'is not', null)
      .orderBy('articles.id')
      .executeTakeFirstOrThrow();
    const path = `/${row.section}/${row.slug}`;
    const page = async () => {
      const res = await app.inject(path);
      assert.equal(res.statusCode, 200, path);
      return res.body;
    };
    await page();
    await page();
    const statements = log.byUrl.get(path)!;
    assert.equal(statements.length, 1, `${statements.length} requêtes :\n${statements.join('\n')}`);
    assert.match(statements[0]!, /from "articles" inner join "sections"/);

    // An author renamed in the people admin.
    const actor = await makeActor(database.db, 'editeur');
    const person = await database.db.selectFrom('people').selectAll().where('id', '=', row.personId).executeTakeFirstOrThrow();
    const name = `${person.name} Renommé`;
    await updatePerson(app.kiosque, actor, person.id, { ...personInput(person), name });
    assert.ok((await page()).includes(name), 'the new name in the byline');
    assert.ok(
      log.byUrl.get(path)!.some((s) => s.includes('article_authors')),
      'the byline was read again',
    );

    // The hero image's alternative text corrected in the media library.
    const hero = await database.db.selectFrom('images').selectAll().where('id', '=', row.hero_image_id!).executeTakeFirstOrThrow();
    const alt = `Texte alternatif corrigé ${engine.label}`;
    await updateImage(app.kiosque, actor, hero.id, {
      alt,
      caption: hero.caption,
      credit: hero.credit || 'Rédaction',
      focalX: hero.focal_x,
      focalY: hero.focal_y,
    });
    assert.ok((await page()).includes(alt), 'the new alternative text on the hero');

    // A correction noted (as a save of the public article does: articles/operations/article-cache.ts).
    await database.db
      .insertInto('corrections')
      .values({ article_id: row.id, noted_at: new Date().toISOString(), text: 'Une date était erronée : corrigée.' })
      .execute();
    app.kiosque.pageCache.invalidate([`article:${row.id}`]);
    assert.ok((await page()).includes('Une date était erronée'), 'the correction shows');
  });

  test('a section page reads only its page of ids once its teasers are kept; an article edited shows at once', async () => {
    const busiest = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['sections.slug', (eb) => eb.fn.countAll<number>().as('n')])
      .where('articles.status', '=', 'published')
      .groupBy('sections.slug')
      .orderBy('n', 'desc')
      .orderBy('sections.slug')
      .executeTakeFirstOrThrow();
    const path = `/${busiest.slug}`;
    const first = await app.inject(path);
    assert.equal(first.statusCode, 200);
    const firstCount = log.byUrl.get(path)!.length;
    assert.equal((await app.inject(path)).statusCode, 200);
    const statements = log.byUrl.get(path)!;
    assert.ok(statements.length <= 1, `${statements.length} requêtes :\n${statements.join('\n')}`);
    assert.ok(firstCount >= statements.length + 3, `${firstCount} requêtes au premier rendu`);

    const headline = /<a class="teaser__link" href="\/[a-z-]+\/([a-z0-9-]+)"/.exec(first.body)![1]!;
    const row = await database.db.selectFrom('articles').select('id').where('slug', '=', headline).executeTakeFirstOrThrow();
    await database.db.updateTable('articles').set({ headline: 'Titre changé en rubrique' }).where('id', '=', row.id).execute();
    app.kiosque.pageCache.invalidate([`article:${row.id}`]);
    const after = await app.inject(path);
    assert.ok(after.body.includes('Titre changé en rubrique'), 'the change shows on the next render');
    const again = log.byUrl.get(path)!;
    assert.equal(again.length, 4, again.join('\n'));
    assert.ok(
      again.some((sql) => /"articles"\."id" in \((\?|\$\d+)\)$/.test(sql)),
      'that teaser alone is read again (its row, then its authors and picture)',
    );
  });
});
