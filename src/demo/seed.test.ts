import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { parseBody, type BodyBlock } from '../articles/body/body-schema.ts';
import type { ArticleFormat } from '../core/db/schema.ts';
import { SECTIONS } from './content/sections.ts';
import { isDatabaseEmpty } from './empty-database.ts';
import { DEMO_REFERENCE_SLUG, seedDemo, type SeedSummary } from './seed.ts';

// A Thursday morning: the Monday and Friday columns fall inside the last ten days.
const NOW = new Date('2026-11-26T10:07:00.000Z');
const NOW_ISO = '2026-11-26T10:05:00.000Z'; // the seed rounds down to five minutes
const DAY = 24 * 3600_000;
const FORMATS: ArticleFormat[] = ['actualite', 'decryptage', 'pepite', 'depeche', 'video', 'podcast', 'chronique'];

forEachDatabase('seedDemo', (database) => {
  let handle: TestDatabaseHandle;
  let summary: SeedSummary;
  let emptyBefore: boolean;

  before(async () => {
    handle = await database.open();
    emptyBefore = await isDatabaseEmpty(handle.db);
    summary = await seedDemo(handle.db, handle.dataDir, { now: NOW });
  });
  after(() => handle?.close());

  const publicArticles = () =>
    handle.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .selectAll('articles')
      .select('sections.slug as section_slug')
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<=', NOW_ISO)
      .orderBy('articles.published_at', 'desc')
      .execute();

  it('marks the database as set up, and reports what it stored', async () => {
    assert.equal(emptyBefore, true);
    assert.equal(await isDatabaseEmpty(handle.db), false);
    const articles = await handle.db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const images = await handle.db
      .selectFrom('images')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(articles.n), summary.articles);
    assert.equal(Number(images.n), summary.images);
    assert.ok(summary.articles >= 34);
    assert.ok(summary.people >= 14);
  });

  it('refuses to load over an existing publication', async () => {
    await assert.rejects(seedDemo(handle.db, handle.dataDir, { now: NOW }), /déjà une publication/);
  });

  it('publishes at least 30 articles of every format, spread over the last days', async () => {
    const rows = await publicArticles();
    assert.ok(rows.length >= 30, `${rows.length} articles publiés`);
    for (const format of FORMATS)
      assert.ok(
        rows.some((r) => r.format === format),
        `format ${format} absent`,
      );
    for (const row of rows) {
      const age = Date.parse(NOW_ISO) - Date.parse(row.published_at!);
      assert.ok(age >= 0 && age < 14 * DAY, `${row.slug} publié hors de la fenêtre`);
    }
    const lastDay = rows.filter((r) => Date.parse(NOW_ISO) - Date.parse(r.published_at!) < DAY);
    assert.ok(lastDay.length >= 10, `${lastDay.length} articles dans les dernières 24 h`);
    assert.ok(
      rows.some((r) => Date.parse(NOW_ISO) - Date.parse(r.published_at!) > 7 * DAY),
      'rien de plus ancien qu’une semaine',
    );
  });

  it('feeds every block of the home page', async () => {
    const rows = await publicArticles();
    const recent = (format: ArticleFormat, within = DAY) =>
      rows.filter((r) => r.format === format && Date.parse(NOW_ISO) - Date.parse(r.published_at!) < within);
    assert.ok(recent('pepite').length >= 4, 'pépites du jour');
    assert.ok(recent('depeche', 14 * DAY).length >= 5, 'dépêches');
    assert.ok(recent('video', 14 * DAY).length >= 2, 'vidéos');
    assert.ok(recent('podcast', 14 * DAY).length >= 2, 'podcasts');
    for (const slug of ['international', 'politique', 'economie', 'societe', 'decryptages', 'light']) {
      assert.ok(
        rows.some((r) => r.section_slug === slug && r.hero_image_id !== null),
        `bloc ${slug}`,
      );
    }
  });

  it('creates the sections in order, each with content', async () => {
    const sections = await handle.db.selectFrom('sections').selectAll().orderBy('position').execute();
    assert.deepEqual(
      sections.map((s) => s.slug),
      SECTIONS.map((s) => s.slug),
    );
    assert.deepEqual(
      sections.slice(0, 11).map((s) => s.slug),
      [
        'decryptages',
        'pepites',
        'dossiers',
        'rendez-vous',
        'light',
        'videos',
        'podcasts',
        'international',
        'politique',
        'economie',
        'societe',
      ],
    );
    for (const section of sections) assert.ok(section.description.length > 20, `description de ${section.slug}`);
    const rows = await publicArticles();
    const dossierCount = await handle.db.selectFrom('dossiers').select('id').where('section_id', '=', sections[2].id).execute();
    for (const section of sections) {
      // The Dossiers section holds dossiers rather than articles.
      const count = section.slug === 'dossiers' ? dossierCount.length : rows.filter((r) => r.section_id === section.id).length;
      assert.ok(count >= 1, `rubrique ${section.slug} vide`);
    }
  });

  it('builds the navigation: about page, newsletter, then sections', async () => {
    const nav = await handle.db.selectFrom('nav_items').selectAll().orderBy('position').execute();
    assert.deepEqual(
      nav.slice(0, 2).map((n) => [n.kind, n.target]),
      [
        ['page', 'a-propos'],
        ['page', 'newsletter'],
      ],
    );
    assert.match(nav[0].label, /c'est qui, c'est quoi/);
    assert.deepEqual(
      nav.slice(2).map((n) => n.target),
      ['decryptages', 'pepites', 'dossiers', 'rendez-vous', 'light', 'videos', 'podcasts', 'international'],
    );
    assert.ok(nav.slice(2).every((n) => n.kind === 'section'));
  });

  it('names and links the source of every pépite', async () => {
    const pepites = (await publicArticles()).filter((r) => r.format === 'pepite');
    for (const pepite of pepites) {
      assert.ok(pepite.source_outlet && pepite.source_headline, `${pepite.slug} sans source`);
      assert.match(pepite.source_url ?? '', /^https:\/\/www\.[a-z0-9-]+\.example\//);
    }
  });

  it('gives the reference article every part of the anatomy, and makes it the lead story', async () => {
    const article = await handle.db.selectFrom('articles').selectAll().where('slug', '=', DEMO_REFERENCE_SLUG).executeTakeFirstOrThrow();
    assert.ok(article.kicker && article.headline && article.lead);
    assert.ok(article.source_outlet && article.source_url && article.source_headline);
    assert.ok(article.updated_at && article.published_at && article.updated_at > article.published_at, 'mis à jour');
    const hero = await handle.db.selectFrom('images').selectAll().where('id', '=', article.hero_image_id!).executeTakeFirstOrThrow();
    assert.ok(hero.credit && hero.caption && hero.alt);
    assert.ok(hero.width >= 2000);
    const body = parseBody(JSON.parse(article.body));
    const paragraphs = body.content.filter((b) => b.type === 'paragraph');
    assert.ok(paragraphs.length >= 7, `${paragraphs.length} paragraphes`);
    const quote = body.content.find((b): b is Extract<BodyBlock, { type: 'quote' }> => b.type === 'quote');
    assert.ok(quote?.attrs.speaker && quote.attrs.role && quote.content.length >= 2, 'longue citation');
    const tags = await handle.db.selectFrom('article_tags').select('tag_id').where('article_id', '=', article.id).execute();
    assert.ok(tags.length >= 3);
    const corrections = await handle.db.selectFrom('corrections').selectAll().where('article_id', '=', article.id).execute();
    assert.equal(corrections.length, 1);
    assert.ok(corrections[0].text.length > 20);
    // Lead story: the newest news or analysis article.
    const newest = (await publicArticles()).find((r) => r.format === 'actualite' || r.format === 'decryptage');
    assert.equal(newest?.slug, DEMO_REFERENCE_SLUG);
    assert.equal((await publicArticles()).find((r) => r.id === article.id)?.section_slug, 'international');
  });

  it('opens comments with reader comments on some articles, and keeps the editors’ suspension notice ready', async () => {
    const settings = await handle.db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
    assert.equal(settings.id, 1);
    assert.equal(settings.comments_mode, 'open');
    assert.match(settings.comments_notice, /suspendre les commentaires/);
    const comments = await handle.db.selectFrom('comments').select(['article_id', 'parent_id', 'status']).execute();
    assert.ok(comments.length >= 8 && comments.every((c) => c.status === 'visible'));
    assert.ok(comments.some((c) => c.parent_id !== null));
    const threads = await handle.db.selectFrom('comment_threads').select(['article_id', 'visible_count']).execute();
    for (const t of threads) assert.equal(t.visible_count, comments.filter((c) => c.article_id === t.article_id).length);
    assert.ok(threads.length >= 3);
    assert.equal(settings.language, 'fr');
    assert.equal(settings.public_url, null);
    assert.ok(settings.name && settings.tagline);
  });

  it('orders the articles of at least two dossiers', async () => {
    const dossiers = await handle.db.selectFrom('dossiers').selectAll().execute();
    assert.ok(dossiers.length >= 2);
    for (const dossier of dossiers) {
      assert.ok(dossier.introduction.length > 100 && dossier.hero_image_id !== null && dossier.published_at);
      const items = await handle.db
        .selectFrom('dossier_articles')
        .selectAll()
        .where('dossier_id', '=', dossier.id)
        .orderBy('position')
        .execute();
      assert.ok(items.length >= 4, `${dossier.slug} : ${items.length} articles`);
      assert.deepEqual(
        items.map((i) => i.position),
        items.map((_, index) => index),
      );
    }
  });

  it('runs at least two series of chroniques in Rendez-vous', async () => {
    const series = await handle.db
      .selectFrom('series')
      .innerJoin('sections', 'sections.id', 'series.section_id')
      .select(['series.id', 'series.cadence', 'sections.slug'])
      .execute();
    assert.ok(series.length >= 2);
    for (const s of series) {
      assert.equal(s.slug, 'rendez-vous');
      assert.ok(s.cadence);
      const chroniques = (await publicArticles()).filter((a) => a.series_id === s.id);
      assert.ok(chroniques.length >= 2);
      assert.ok(chroniques.every((c) => c.format === 'chronique' && c.section_slug === 'rendez-vous'));
    }
  });

  it('writes the four static pages with valid bodies', async () => {
    const pages = await handle.db.selectFrom('pages').selectAll().orderBy('slug').execute();
    assert.deepEqual(
      pages.map((p) => [p.slug, p.kind]),
      [
        ['a-propos', 'about'],
        ['accessibilite', 'accessibility'],
        ['mentions-legales', 'legal'],
        ['newsletter', 'newsletter'],
      ],
    );
    for (const page of pages) parseBody(JSON.parse(page.body));
    assert.match(pages[0].body, /2 500/);
    assert.match(pages[1].body, /partiellement conforme/);
  });

  it('credits and describes every image, and body images exist', async () => {
    const images = await handle.db.selectFrom('images').selectAll().execute();
    const ids = new Set(images.map((i) => i.id));
    for (const image of images) assert.ok(image.credit.trim() && image.alt.trim(), `image ${image.id}`);
    const articles = await handle.db.selectFrom('articles').select(['slug', 'body', 'hero_image_id', 'format']).execute();
    for (const article of articles) {
      const body = parseBody(JSON.parse(article.body));
      for (const block of body.content) if (block.type === 'image') assert.ok(ids.has(block.attrs.imageId), article.slug);
      if (article.format !== 'depeche') assert.ok(article.hero_image_id !== null, `${article.slug} sans image`);
    }
    const heroes = images.filter((i) => articles.some((a) => a.hero_image_id === i.id));
    assert.ok(
      heroes.every((i) => i.width >= 1200),
      'images principales d’au moins 1 200 px',
    );
  });

  it('gives each article authors and three to five tags, with expert co-signatures', async () => {
    const articles = await handle.db.selectFrom('articles').select(['id', 'slug']).execute();
    const authors = await handle.db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['article_id', 'position', 'people.kind'])
      .execute();
    const tags = await handle.db.selectFrom('article_tags').select(['article_id']).execute();
    let coSigned = 0;
    for (const article of articles) {
      const byline = authors.filter((a) => a.article_id === article.id).sort((a, b) => a.position - b.position);
      assert.ok(byline.length >= 1, `${article.slug} sans auteur`);
      if (byline.length === 2 && byline[0].kind === 'staff' && byline[1].kind === 'contributor') coSigned += 1;
      const count = tags.filter((t) => t.article_id === article.id).length;
      assert.ok(count >= 3 && count <= 5, `${article.slug} : ${count} mots-clés`);
    }
    assert.ok(coSigned >= 3, `${coSigned} articles cosignés`);
    const people = await handle.db.selectFrom('people').selectAll().execute();
    assert.ok(people.filter((p) => p.kind === 'staff').length >= 6);
    assert.ok(people.filter((p) => p.kind === 'contributor').length >= 8);
    for (const person of people) {
      assert.ok(person.photo_image_id !== null && person.bio && person.role_line);
      const links = JSON.parse(person.links) as { label: string; url: string }[];
      assert.ok(links.length >= 1 && links.every((l) => l.label && /^(https:\/\/[a-z0-9.-]+\.example\/|mailto:)/.test(l.url)));
    }
  });

  it('keeps a draft, a scheduled article and a withdrawn one out of the public list', async () => {
    const byStatus = async (status: 'draft' | 'scheduled' | 'unpublished') =>
      handle.db.selectFrom('articles').selectAll().where('status', '=', status).execute();
    const [draft] = await byStatus('draft');
    const [scheduled] = await byStatus('scheduled');
    const [withdrawn] = await byStatus('unpublished');
    assert.equal(draft.published_at, null);
    assert.ok(scheduled.published_at! > NOW_ISO);
    assert.ok(withdrawn.published_at! < NOW_ISO);
    const publicIds = new Set((await publicArticles()).map((a) => a.id));
    for (const hidden of [draft, scheduled, withdrawn]) assert.ok(!publicIds.has(hidden.id));
  });

  it('keeps the former slug of a renamed article as a redirect', async () => {
    const redirects = await handle.db
      .selectFrom('slug_redirects')
      .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
      .select(['old_slug', 'articles.slug', 'articles.status'])
      .execute();
    assert.ok(redirects.length >= 1);
    for (const r of redirects) {
      assert.notEqual(r.old_slug, r.slug);
      assert.equal(r.status, 'published');
    }
  });

  it('embeds players in videos and keeps podcasts free of broken audio', async () => {
    const rows = await publicArticles();
    const providers = rows
      .filter((r) => r.format === 'video')
      .flatMap((r) =>
        parseBody(JSON.parse(r.body))
          .content.filter((b) => b.type === 'embed')
          .map((b) => b.attrs.provider),
      );
    assert.ok(providers.includes('youtube') && providers.includes('vimeo'));
    for (const podcast of rows.filter((r) => r.format === 'podcast')) {
      assert.equal(podcast.section_slug, 'podcasts');
      assert.ok(!podcast.body.includes('"audio"'), 'pas de lecteur audio sans fichier');
    }
  });
});
