import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle as createArticleRow } from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createNewsroom, getAs, paragraphs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { publishArticle, updateArticle } from '../articles/operations/index.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { loadBoard } from './board-repository.ts';
import { deskFiltersSchema } from './desk-schemas.ts';
import { composeEdition } from '../newsletters/edition-compose.ts';
import { findNewsletter } from '../newsletters/newsletter-repository.ts';
import { createNewsletter } from '../newsletters/newsletter-test-fixtures.ts';
import { startTestOutlets, TEST_OUTLETS, TEST_PAGE_PARAGRAPH, type TestOutletServer } from './test-outlets.ts';

// The desk through its screens (app.inject), on both engines: the outlets registry and its French
// errors, feeds polled by the job runner, the story of three outlets on the desk, filters and saved
// views, reading a page, a pépite drafted in one click, the quote guard warning then blocking.

for (const engine of testDatabases()) {
  describe(`curation desk [${engine.label}]`, () => {
    let t: TestApp;
    let editor: SignedIn;
    let outlets: TestOutletServer;
    let room: Awaited<ReturnType<typeof createNewsroom>>;

    before(async () => {
      t = await createTestApp({ dialect: engine.label, env: { DESK_ALLOW_PRIVATE: '1', DESK_POLITENESS_MS: '0' } });
      room = await createNewsroom(t.app.kiosque.db);
      editor = await signInAs(t.app, 'editeur', { personId: room.staff.id });
      outlets = await startTestOutlets();
    });
    after(async () => {
      await outlets.close();
      await t.close();
    });

    const db = () => t.app.kiosque.db;
    const runJobs = () => jobRunnerOf(t.app.kiosque)!.runDue();

    test('a bad outlet form says what is wrong in French (422) and stores nothing', async () => {
      const response = await postFormAs(t.app, editor, '/admin/veille/medias', {
        name: '',
        siteUrl: 'pas une adresse',
        logoUrl: 'javascript:alert(1)',
        language: 'français',
        country: 'FR',
      });
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /Nom : obligatoire/);
      assert.match(response.body, /Site : une adresse web complète est attendue/);
      assert.match(response.body, /Logo : une adresse web complète est attendue/);
      assert.match(response.body, /Langue : un code de deux lettres/);
      assert.equal((await db().selectFrom('desk_outlets').selectAll().execute()).length, 0);
    });

    test('outlets and feeds added through the screens are polled by the job runner; the desk shows the story across outlets', async () => {
      for (const outlet of TEST_OUTLETS) {
        const created = await postFormAs(t.app, editor, '/admin/veille/medias', {
          name: outlet.name,
          siteUrl: `${outlets.origin}/${outlet.slug}/`,
          logoUrl: '',
          language: 'fr',
          country: 'FR',
        });
        assert.equal(created.statusCode, 303, created.body);
        const page = created.headers.location as string;
        const feed = await postFormAs(t.app, editor, `${page.split('?')[0]}/flux`, {
          url: `${outlets.origin}/${outlet.slug}/${outlet.feed}`,
          kind: 'auto',
          intervalMinutes: '15',
        });
        assert.equal(feed.statusCode, 303, feed.body);
      }
      const badFeed = await postFormAs(t.app, editor, '/admin/veille/medias/1/flux', {
        url: 'ftp://exemple.test/flux',
        kind: 'auto',
        intervalMinutes: '2',
      });
      assert.equal(badFeed.statusCode, 422);
      assert.match(badFeed.body, /Adresse du flux : une adresse web complète/);
      await runJobs();
      const feeds = await db().selectFrom('desk_feeds').selectAll().execute();
      assert.equal(feeds.length, TEST_OUTLETS.length);
      assert.ok(
        feeds.every((f) => f.last_success_at !== null),
        JSON.stringify(feeds.map((f) => f.last_error)),
      );
      const pending = await db().selectFrom('jobs').select(['run_at', 'status']).where('kind', '=', 'desk-feed-fetch').execute();
      assert.equal(pending.length, TEST_OUTLETS.length);
      assert.ok(
        pending.every((j) => j.status === 'pending' && j.run_at > new Date().toISOString()),
        'each feed books its next poll',
      );

      const desk = await getAs(t.app, editor, '/admin/veille?hours=24');
      assert.equal(desk.statusCode, 200);
      assert.match(desk.body, /4 articles, 4 médias/);
      assert.match(desk.body, /Premier : Le Héraut du Matin/);
      assert.match(desk.body, /Pas encore traité par la rédaction/);
      const sources = await getAs(t.app, editor, '/admin/veille/medias');
      assert.match(sources.body, /Info Lumière/);
    });

    test('filters by keywords, outlet and language; saved views belong to their editor', async () => {
      const bridge = await getAs(t.app, editor, `/admin/veille?q=${encodeURIComponent('pont saint-aubin')}&hours=24`);
      assert.match(bridge.body, /Saint-Aubin/);
      assert.doesNotMatch(bridge.body, /Nuvéa/);
      const lumiere = await db().selectFrom('desk_outlets').select('id').where('name', '=', 'Info Lumière').executeTakeFirstOrThrow();
      const byOutlet = await getAs(t.app, editor, `/admin/veille?outlet=${lumiere.id}&hours=24`);
      assert.match(byOutlet.body, /Nuvéa/);
      assert.doesNotMatch(byOutlet.body, /Brénouille/, 'only stories where this outlet has an item');
      const english = await getAs(t.app, editor, '/admin/veille?language=en&hours=24');
      assert.match(english.body, /Aucun sujet/);

      const saved = await postFormAs(t.app, editor, '/admin/veille/vues', { name: 'Ponts et routes', filters: 'q=pont&hours=24' });
      assert.equal(saved.statusCode, 303);
      const empty = await postFormAs(t.app, editor, '/admin/veille/vues', { name: '', filters: 'q=pont&hours=24' });
      assert.equal(empty.statusCode, 422);
      assert.match(empty.body, /Nom de la vue : obligatoire/);
      const mine = await getAs(t.app, editor, '/admin/veille');
      const views = mine.body.slice(mine.body.indexOf('id="vues-titre"'));
      assert.match(views, /href="\/admin\/veille\?q&#61;pont&#38;hours&#61;24">Ponts et routes<\/a>/, views.slice(0, 600));
      const other = await signInAs(t.app, 'editeur');
      assert.doesNotMatch((await getAs(t.app, other, '/admin/veille')).body, /Ponts et routes/);
    });

    test('reading a page shows its article text, escaped; one click makes a pépite draft; the quote guard warns, then blocks', async () => {
      const item = await db()
        .selectFrom('desk_items')
        .innerJoin('desk_outlets', 'desk_outlets.id', 'desk_items.outlet_id')
        .select(['desk_items.id', 'desk_items.url', 'desk_items.headline', 'desk_items.published_at'])
        .where('desk_outlets.name', '=', 'Le Héraut du Matin')
        .where('desk_items.headline', 'like', '%Saint-Aubin%')
        .executeTakeFirstOrThrow();
      const read = await postFormAs(t.app, editor, `/admin/veille/articles/${item.id}/lire`, {});
      assert.equal(read.statusCode, 303);
      const page = await getAs(t.app, editor, `/admin/veille/articles/${item.id}`);
      assert.match(page.body, /data-extracted/);
      assert.match(page.body, /Sur place, les habitants rencontrés/);
      assert.doesNotMatch(page.body, /ne doit jamais tourner/);
      assert.doesNotMatch(page.body, /Tout accepter|À lire aussi|Je m’inscris/);
      assert.match(page.body, /Le même sujet ailleurs/);

      const created = await postFormAs(t.app, editor, `/admin/veille/articles/${item.id}/pepite`, {});
      assert.equal(created.statusCode, 303);
      const articleId = Number(/\/admin\/articles\/(\d+)$/.exec(created.headers.location as string)![1]);
      const draft = await db().selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
      assert.equal(draft.format, 'pepite');
      assert.equal(draft.status, 'draft');
      assert.equal(draft.source_outlet, 'Le Héraut du Matin');
      assert.equal(draft.source_url, item.url);
      assert.equal(draft.source_headline, item.headline);
      const editorPage = await getAs(t.app, editor, `/admin/articles/${articleId}`);
      assert.match(editorPage.body, /Pépite tirée de la veille/);
      assert.match(editorPage.body, /data-quote-guard="ok"/);

      const input = {
        format: 'pepite' as const,
        sectionId: room.section.id,
        headline: 'À Valmorin, un pont fissuré fermé pour trois semaines',
        lead: `Résumé de la rédaction. ${TEST_PAGE_PARAGRAPH}`,
        body: paragraphs('Notre propre résumé, écrit avec nos mots.'),
        heroImageId: room.image.id,
        authorPersonIds: [room.staff.id],
        source: { outlet: draft.source_outlet!, url: draft.source_url!, headline: draft.source_headline! },
      };
      // The live guard reads the unsaved fields: nothing is stored, the verdict comes back as markup.
      const live = (who: SignedIn, payload: unknown, csrf = who.csrfToken) =>
        t.app.inject({
          method: 'POST',
          url: `/admin/veille/garde/${articleId}`,
          headers: { cookie: who.cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
          payload: JSON.stringify(payload),
        });
      const typed = await live(editor, { kicker: '', lead: TEST_PAGE_PARAGRAPH, body: JSON.stringify(input.body) });
      assert.equal(typed.statusCode, 200, typed.body);
      assert.equal(typed.json().verdict, 'block');
      assert.match(typed.json().html, /data-quote-guard="block"/);
      assert.equal(
        (await db().selectFrom('articles').select('lead').where('id', '=', articleId).executeTakeFirstOrThrow()).lead,
        draft.lead,
      );
      assert.equal((await live(editor, { lead: 'Notre résumé.', body: 'pas du JSON' })).json().verdict, 'ok');
      assert.equal((await live(editor, { lead: 42 })).statusCode, 400);
      assert.equal((await live(editor, { lead: 'x' }, 'jeton-faux')).statusCode, 403, 'CSRF checked');
      const moderator = await signInAs(t.app, 'moderateur');
      assert.equal((await live(moderator, { lead: 'x' })).statusCode, 403, 'desk:use only');
      const plain = await createArticleRow(db(), { section: room.section });
      const notDesk = await t.app.inject({
        method: 'POST',
        url: `/admin/veille/garde/${plain.id}`,
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrfToken, 'content-type': 'application/json' },
        payload: '{}',
      });
      assert.equal(notDesk.statusCode, 404, 'only a pépite drafted at the desk has a guard');

      let { revision } = await updateArticle(t.app.kiosque, editor.actor, articleId, draft.revision, input);
      const warned = await getAs(t.app, editor, `/admin/articles/${articleId}`);
      assert.match(warned.body, /data-quote-guard="block"/, 'the whole paragraph (45 words) is above the default hard limit of 40');
      await assert.rejects(publishArticle(t.app.kiosque, editor.actor, articleId), (error: Error & { details?: unknown }) => {
        assert.match(JSON.stringify(error.details), /reprise plus courte de l’original/);
        return true;
      });
      // A short quotation only warns (above 20 words, below 40): publication goes through.
      const shorter = TEST_PAGE_PARAGRAPH.split(' ').slice(0, 25).join(' ');
      ({ revision } = await updateArticle(t.app.kiosque, editor.actor, articleId, revision, { ...input, lead: `Résumé : « ${shorter} »` }));
      assert.match((await getAs(t.app, editor, `/admin/articles/${articleId}`)).body, /data-quote-guard="warn"/);
      // The front page is cached before publication; publishing drops exactly what shows the pépite.
      const homeBefore = await t.app.inject({ method: 'GET', url: '/' });
      assert.doesNotMatch(homeBefore.body, /un pont fissuré fermé/);
      await publishArticle(t.app.kiosque, editor.actor, articleId);
      const home = await t.app.inject({ method: 'GET', url: '/' });
      const block = home.body.slice(home.body.indexOf('id="pepites"'), home.body.indexOf('</section>', home.body.indexOf('id="pepites"')));
      assert.match(block, /Les pépites du jour/);
      assert.match(block, /un pont fissuré fermé pour trois semaines/);
      assert.match(block, /<cite>Le Héraut du Matin<\/cite>/);
      // The newsletters' automatic edition takes the day's pépites from the same place.
      const letter = await createNewsletter(db(), { recipe: { lead: false, topStories: 0, pepites: 3, videos: 0, podcasts: 0 } });
      const edition = await composeEdition(t.app.kiosque, (await findNewsletter(db(), letter.id))!);
      assert.ok(edition.blocks.some((b) => b.kind === 'article' && b.articleId === articleId && b.role === 'pepite'));
      const published = await db().selectFrom('articles').select(['status', 'slug']).where('id', '=', articleId).executeTakeFirstOrThrow();
      assert.equal(published.status, 'published');
      const publicPage = await t.app.inject({ method: 'GET', url: `/international/${published.slug}` });
      assert.equal(publicPage.statusCode, 200);
      assert.match(publicPage.body, /Source&nbsp;:<\/span> <a href="[^"]+"[^>]*>Le Héraut du Matin<\/a>/);
      assert.match(publicPage.body, /"isBasedOn":"[^"]*heraut\/articles/);
      const desk = await getAs(t.app, editor, `/admin/veille?q=${encodeURIComponent('Saint-Aubin')}&hours=24`);
      assert.match(desk.body, /Déjà publié par la rédaction/);
    });

    test('a large story shows its first and latest items, its counts over all of them', async () => {
      const outlets = await db().selectFrom('desk_outlets').select('id').orderBy('id').limit(2).execute();
      const now = Date.now();
      const at = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
      const story = await db()
        .insertInto('desk_clusters')
        .values({ first_item_id: 0, item_count: 10, first_seen_at: at(300), last_seen_at: at(10) })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Ten items, every 30 minutes from nearly 5 hours ago (the last one 5 minutes ago), from two outlets.
      await db()
        .insertInto('desk_items')
        .values(
          Array.from({ length: 10 }, (_, i) => ({
            outlet_id: outlets[i % 2]!.id,
            feed_id: null,
            guid: null,
            url: `https://grand-sujet.example/${i}`,
            headline: `Grand sujet, épisode ${i}`,
            summary: '',
            language: 'fr',
            published_at: at(295 - i * 30 - (i === 9 ? 20 : 0)),
            first_seen_at: at(300 - i * 30),
            updated_at: at(0),
            cluster_id: Number(story.id),
          })),
        )
        .execute();
      const board = await loadBoard(db(), deskFiltersSchema.parse({ hours: '24' }));
      const shown = board.find((s) => s.id === Number(story.id))!;
      assert.equal(shown.itemCount, 10);
      assert.equal(shown.outletCount, 2);
      assert.deepEqual(
        shown.items.map((i) => i.headline.replace('Grand sujet, épisode ', '')),
        ['0', '4', '5', '6', '7', '8', '9'],
        'the first item, then the six latest, oldest first',
      );
      assert.deepEqual(shown.growth, [
        { hours: 1, items: 2 },
        { hours: 3, items: 6 },
        { hours: 6, items: 10 },
      ]);
      const page = await getAs(t.app, editor, '/admin/veille?hours=24');
      assert.match(page.body, /10 articles, 2 médias/);
      assert.match(page.body, /… et 3 autres articles/);
    });

    test('a page that cannot be read says why, in French, and loses nothing', async () => {
      const outlet = await db().selectFrom('desk_outlets').selectAll().limit(1).executeTakeFirstOrThrow();
      const row = await db()
        .insertInto('desk_items')
        .values({
          outlet_id: outlet.id,
          feed_id: null,
          guid: null,
          url: `${outlets.origin}/heraut/articles/introuvable`,
          headline: 'Un article disparu',
          summary: '',
          language: 'fr',
          published_at: new Date().toISOString(),
          first_seen_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
          cluster_id: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const response = await postFormAs(t.app, editor, `/admin/veille/articles/${row.id}/lire`, {});
      assert.equal(response.statusCode, 422);
      assert.match(response.body, /La page n’a pas pu être lue : réponse 404\./);
    });
  });
}
