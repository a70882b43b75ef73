import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import {
  createArticle as insertArticle,
  createPerson,
  createSection,
  createSettings,
  createTag,
  minutesAgo,
} from '../../test/support/content-factories.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { countingHandle } from '../../test/support/query-count.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { createArticle, deleteArticle, publishArticle, unpublishArticle, updateArticle } from '../articles/operations/index.ts';
import { actorFor, newsroom } from '../articles/operations/operations-test-fixture.ts';
import { parseXml } from '../feeds/feed-test-support.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { rebuildSearchIndex, SEARCH_BACKFILL_JOB, startSearchBackfillIfNeeded } from './search-index.ts';
import { parseQuery } from './search-query.ts';
import { searchArticles } from './search-repository.ts';

const doc = (...paragraphs: string[]) =>
  JSON.stringify({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const DAY = 24 * 60;

for (const { label } of testDatabases()) {
  describe(`search [${label}]`, () => {
    let t: TestApp;
    let w: Awaited<ReturnType<typeof makeWorld>>;
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    /** The slugs of the results of a search, in order. */
    const results = async (query: string) => {
      const res = await get(`/recherche?${query}`);
      assert.equal(res.statusCode, 200, query);
      return [...res.body.matchAll(/<h3 class="search-result__title"><a href="\/[^/]+\/([^"]+)">/g)].map((m) => m[1]);
    };

    async function makeWorld() {
      const db = t.database.db;
      await createSettings(db, { name: 'La Gazette' });
      const international = await createSection(db, { slug: 'international', name: 'International' });
      const economie = await createSection(db, { slug: 'economie', name: 'Économie' });
      const pepites = await createSection(db, { slug: 'pepites', name: 'Pépites' });
      const claire = await createPerson(db, { slug: 'claire-montrieux', name: 'Claire Montrieux' });
      const coree = await createTag(db, { slug: 'coree-du-nord', name: 'Corée du Nord' });
      const summit = await insertArticle(db, {
        section: international,
        slug: 'sommet-vladivostok',
        kicker: 'Bras de fer avec les États-Unis',
        headline: 'Les présidents russe et nord-coréen se sont rencontrés à Vladivostok',
        lead: 'Les deux dirigeants ont signé un accord de défense.',
        body: doc('Le sommet s’est tenu dans le port, loin des regards.', 'Les deux chefs d’État ont évoqué le blé et les munitions.'),
        authors: [claire],
        tags: [coree],
        source_outlet: 'Euronews',
        published_at: minutesAgo(DAY),
      });
      const bank = await insertArticle(db, {
        section: economie,
        slug: 'banque-centrale',
        headline: 'Le président de la Banque centrale s’inquiète de la croissance',
        lead: 'Les taux resteront élevés.',
        body: doc('La croissance ralentit au troisième trimestre.'),
        published_at: minutesAgo(2 * DAY),
      });
      const oldMeeting = await insertArticle(db, {
        section: international,
        slug: 'rencontre-pyongyang',
        headline: 'Rencontre au sommet à Pyongyang',
        lead: 'Une visite rare.',
        published_at: minutesAgo(700 * DAY),
      });
      const bodyOnly = await insertArticle(db, {
        section: economie,
        slug: 'budget-agricole',
        headline: 'Le budget agricole en débat',
        lead: 'Les députés discutent.',
        body: doc('Le président de la commission a parlé <script>alert(1)</script> longuement.'),
        published_at: minutesAgo(60),
      });
      const pick = await insertArticle(db, {
        section: pepites,
        format: 'pepite',
        slug: 'pepite-diplomatie',
        headline: 'Le retour des grandes conférences',
        lead: 'Un long format à lire.',
        source_outlet: 'Le Monde diplomatique',
        published_at: minutesAgo(3 * DAY),
      });
      const hidden = [
        await insertArticle(db, { section: international, slug: 'brouillon', status: 'draft', headline: 'Présidents en brouillon' }),
        await insertArticle(db, {
          section: international,
          slug: 'programme',
          status: 'scheduled',
          published_at: minutesAgo(-60),
          headline: 'Présidents programmés',
        }),
        await insertArticle(db, { section: international, slug: 'retire', status: 'unpublished', headline: 'Présidents retirés' }),
        await insertArticle(db, {
          section: international,
          slug: 'futur',
          status: 'published',
          published_at: minutesAgo(-30),
          headline: 'Présidents du futur',
        }),
      ];
      await rebuildSearchIndex(db, label);
      return { international, economie, claire, summit, bank, oldMeeting, bodyOnly, pick, hidden };
    }

    before(async () => {
      t = await createTestApp({ dialect: label, env: { PUBLIC_URL: 'https://gazette.example' } });
      w = await makeWorld();
    });
    after(() => t?.close());

    it('finds French words whatever their form, accents and case, headline first', async () => {
      // présidents ↔ président: the two headlines before the body-only mention, though it is newer.
      const presidents = await results('q=pr%C3%A9sidents');
      assert.deepEqual(presidents.slice(0, 2).sort(), ['banque-centrale', 'sommet-vladivostok']);
      assert.equal(presidents[2], 'budget-agricole');
      assert.equal(presidents.length, 3, 'drafts, scheduled, withdrawn and future articles are never found');
      // Etat ↔ État (chefs d’État in the body), États-Unis in the kicker.
      assert.deepEqual(await results('q=ETAT'), ['sommet-vladivostok']);
      assert.deepEqual(await results('q=etats+unis'), ['sommet-vladivostok']);
      // rencontre ↔ rencontrés; the recent article before the one from two years ago.
      assert.deepEqual(await results('q=rencontre'), ['sommet-vladivostok', 'rencontre-pyongyang']);
    });

    it('searches authors, tags and the source outlet too', async () => {
      assert.deepEqual(await results('q=Montrieux'), ['sommet-vladivostok']);
      assert.equal((await results('q=cor%C3%A9e+du+nord'))[0], 'sommet-vladivostok');
      assert.deepEqual(await results('q=diplomatique'), ['pepite-diplomatie']);
    });

    it('matches phrases in quotes, in order', async () => {
      assert.deepEqual(await results('q=%22pr%C3%A9sident+de+la+banque%22'), ['banque-centrale']);
      assert.deepEqual(await results('q=%22banque+de+la+pr%C3%A9sident%22'), []);
      assert.deepEqual(await results('q=%22pr%C3%A9sident+de+la%22+commission'), ['budget-agricole']);
    });

    it('filters by section, format, author and dates', async () => {
      assert.deepEqual((await results('q=pr%C3%A9sident&rubrique=economie')).sort(), ['banque-centrale', 'budget-agricole']);
      assert.deepEqual(await results('q=conf%C3%A9rences&format=pepite'), ['pepite-diplomatie']);
      assert.deepEqual(await results('q=conf%C3%A9rences&format=depeche'), []);
      assert.deepEqual(await results('q=pr%C3%A9sidents&auteur=claire-montrieux'), ['sommet-vladivostok']);
      const since = minutesAgo(1.5 * DAY).slice(0, 10);
      const sinceResults = await results(`q=pr%C3%A9sident&du=${since}`);
      assert.ok(!sinceResults.includes('banque-centrale') || since <= w.bank.published_at!.slice(0, 10));
      assert.deepEqual(await results('q=rencontre&au=2020-01-01'), []);
      const page = (await get('/recherche?q=pr%C3%A9sident&rubrique=economie')).body;
      assert.match(page, /<option value="economie" selected>/);
    });

    it('highlights the words found in escaped snippets', async () => {
      const body = (await get('/recherche?q=commission')).body;
      assert.match(body, /<mark>commission<\/mark>/);
      assert.match(body, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
      assert.doesNotMatch(body, /<script>alert/);
      const headline = (await get('/recherche?q=pr%C3%A9sidents')).body;
      assert.match(headline, /Les <mark>présidents<\/mark> russe/);
      assert.match(headline, /Le <mark>président<\/mark> de la Banque/);
    });

    it('suggests close spellings when nothing matches, with a helpful French page', async () => {
      const res = await get('/recherche?q=presidant');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Aucun article ne correspond à «\u202fpresidant\u202f»/);
      assert.match(res.body, /Essayez plutôt\u00a0: <a href="\/recherche\?q&#61;pr%C3%A9sident">président<\/a>/);
      assert.match(res.body, /Vérifiez l’orthographe/);
      const filtered = await get('/recherche?q=rencontre&rubrique=economie');
      assert.match(filtered.body, /Relancez la recherche sans les filtres/);
    });

    it('answers any input with results or a clear French page, never a 500', async () => {
      const inputs = [
        '',
        '"',
        '*',
        'NEAR',
        'NEAR(a b)',
        '-',
        ':',
        'a:b',
        '"président',
        'présidents"',
        '""',
        'AND OR NOT',
        '()',
        '^',
        "l'",
        '%',
        '\\',
        'x'.repeat(10_240),
        `${'président '.repeat(1000)}`,
      ];
      for (const q of inputs) {
        const res = await get(`/recherche?q=${encodeURIComponent(q)}`);
        assert.equal(res.statusCode, 200, JSON.stringify(q.slice(0, 20)));
        assert.match(res.body, /<html lang="fr">/);
        assert.doesNotMatch(res.body, /SQLITE|syntax error|fts5|tsquery/i);
      }
      assert.match((await get(`/recherche?q=${'x'.repeat(10_240)}`)).body, /ne sont pas pris en compte/);
      assert.match((await get('/recherche?q=*')).body, /Aucun mot à chercher/);
      // An unclosed quote is read as if it were not there.
      assert.deepEqual(await results('q=%22pr%C3%A9sident'), await results('q=pr%C3%A9sident'));
      for (const [query, status] of [
        ['q=pr%C3%A9sident&page=0', 400],
        ['q=pr%C3%A9sident&page=abc', 400],
        ['q=pr%C3%A9sident&page=-1', 400],
        ['q=pr%C3%A9sident&page=1.5', 400],
        ['q=pr%C3%A9sident&page=2', 404],
        ['q=pr%C3%A9sident&page=999999', 404],
        ['q=pr%C3%A9sident&format=roman', 400],
        ['q=pr%C3%A9sident&rubrique=..%2Fadmin', 400],
        ['q=pr%C3%A9sident&du=2026-13-45', 400],
        ['q=a&q=b', 200],
        ['q=pr%C3%A9sident&rubrique=inconnue', 200],
      ] as const) {
        const res = await get(`/recherche?${query}`);
        assert.equal(res.statusCode, status, query);
        assert.match(res.headers['content-type'] as string, /^text\/html/);
        if (status === 400) assert.match(res.body, /Recherche impossible|Page/);
      }
    });

    it('paginates ten results a page, keeping the query and filters', async () => {
      const db = t.database.db;
      for (let i = 0; i < 12; i++)
        await insertArticle(db, { section: w.economie, slug: `inflation-${i}`, headline: `Inflation, épisode ${i}` });
      await rebuildSearchIndex(db, label);
      const first = await get('/recherche?q=inflation&rubrique=economie');
      assert.match(first.body, /12 articles trouvés/);
      assert.equal([...first.body.matchAll(/class="search-result"/g)].length, 10);
      assert.match(first.body, /href="\/recherche\?q&#61;inflation&#38;rubrique&#61;economie&#38;page&#61;2"/);
      const second = await get('/recherche?q=inflation&rubrique=economie&page=2');
      assert.equal([...second.body.matchAll(/class="search-result"/g)].length, 2);
      assert.match(second.body, /<ol class="search-results" start="11">/);
    });

    it('follows publish, update, unpublish and delete in the same transaction', async () => {
      const ctx = t.app.kiosque;
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const { id } = await createArticle(ctx, editor, n.input({ headline: 'Les ostréiculteurs inquiets', tags: [] }));
      assert.deepEqual(await results('q=ostr%C3%A9iculteurs'), [], 'a draft is not searchable');
      await publishArticle(ctx, editor, id);
      assert.equal((await results('q=ostreiculteur')).length, 1);
      const revision = (await ctx.db.selectFrom('articles').select('revision').where('id', '=', id).executeTakeFirstOrThrow()).revision;
      await updateArticle(ctx, editor, id, revision, n.input({ headline: 'Les conchyliculteurs inquiets', tags: [] }));
      assert.equal((await results('q=ostreiculteur')).length, 0);
      assert.equal((await results('q=conchyliculteurs')).length, 1);
      await unpublishArticle(ctx, editor, id);
      assert.equal((await results('q=conchyliculteurs')).length, 0);
      await publishArticle(ctx, editor, id);
      assert.equal((await results('q=conchyliculteurs')).length, 1);
      await unpublishArticle(ctx, editor, id);
      await deleteArticle(ctx, editor, id);
      assert.equal((await results('q=conchyliculteurs')).length, 0);
      // Rebuilding from scratch gives the same index.
      const before = await results('q=pr%C3%A9sident');
      await rebuildSearchIndex(ctx.db, label);
      assert.deepEqual(await results('q=pr%C3%A9sident'), before);
    });

    it('indexes at start, through the job runner, what an existing database holds without an entry', async () => {
      const ctx = t.app.kiosque;
      const expected = await results('q=pr%C3%A9sident');
      assert.ok(expected.length >= 2);
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label), false, 'a complete index needs nothing');
      // A database from before the index, half of it indexed when the process stopped: it has no
      // record of a check (app_state), so the whole archive is looked at.
      const half = w.bank.id;
      if (label === 'postgres') await sql`delete from search_documents where article_id >= ${half}`.execute(ctx.db);
      else await sql`delete from search_fts where rowid >= ${half}`.execute(ctx.db);
      await ctx.db.deleteFrom('app_state').execute();
      assert.notDeepEqual(await results('q=pr%C3%A9sident'), expected);
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label), true);
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label), false, 'queued once');
      await jobRunnerOf(ctx)!.runDue();
      assert.deepEqual(await results('q=pr%C3%A9sident'), expected);
      const job = await ctx.db.selectFrom('jobs').selectAll().where('kind', '=', SEARCH_BACKFILL_JOB).executeTakeFirstOrThrow();
      assert.equal(job.status, 'done');
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label), false);
    });

    it('looks at the archive in slices at start, and finds a missing entry past the first; a closing server stops looking', async () => {
      const ctx = t.app.kiosque;
      const last = await ctx.db.selectFrom('articles').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      if (label === 'postgres') await sql`delete from search_documents where article_id = ${last.id}`.execute(ctx.db);
      else await sql`delete from search_fts where rowid = ${last.id}`.execute(ctx.db);
      await ctx.db.deleteFrom('app_state').execute();
      const closed = new AbortController();
      closed.abort();
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label, closed.signal, 1), false, 'stopped: nothing queued');
      // Slices of one id: only the last slice holds the article without an entry.
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label, undefined, 1), true);
      await jobRunnerOf(ctx)!.runDue();
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label, undefined, 1), false);
    });

    it('remembers how far the archive was found whole: a restart looks only at the articles written since', async () => {
      const ctx = t.app.kiosque;
      const mark = async () =>
        Number(
          (await ctx.db.selectFrom('app_state').select('value').where('key', '=', 'search-index:checked-through').executeTakeFirst())
            ?.value ?? 0,
        );
      const lastId = async () => (await ctx.db.selectFrom('articles').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label), false);
      assert.equal(await mark(), await lastId(), 'found whole up to the last article');
      // An entry lost below the mark is not looked for again (entries are kept by the operations)…
      const first = w.summit.id;
      if (label === 'postgres') await sql`delete from search_documents where article_id = ${first}`.execute(ctx.db);
      else await sql`delete from search_fts where rowid = ${first}`.execute(ctx.db);
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label, undefined, 1), false);
      // …an article written straight into the tables since is, even in slices of one id.
      const section = await ctx.db.selectFrom('sections').selectAll().orderBy('id').executeTakeFirstOrThrow();
      const before = await mark();
      const raw = await insertArticle(ctx.db, { section, headline: 'Les ostréiculteurs de la lagune comptent leurs parcs' });
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label, undefined, 1), true);
      assert.equal(await mark(), before, 'not moved while something is missing');
      await jobRunnerOf(ctx)!.runDue();
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label, undefined, 1), false);
      assert.equal(await mark(), raw.id);
      assert.equal((await results('q=ostr%C3%A9iculteurs')).length, 1);
      // The entry lost below the old mark comes back with a rebuild, as before.
      await rebuildSearchIndex(ctx.db, label);
    });

    it('cuts snippets from the body text kept with the index, or from the body itself for an entry without it', async () => {
      const ctx = t.app.kiosque;
      const stored = await ctx.db
        .selectFrom('search_passages')
        .select('body')
        .where('article_id', '=', w.summit.id)
        .executeTakeFirstOrThrow();
      assert.equal(
        stored.body,
        'Le sommet s’est tenu dans le port, loin des regards.\n\nLes deux chefs d’État ont évoqué le blé et les munitions.',
      );
      const before = (await get('/recherche?q=munitions')).body;
      assert.match(before, /le blé et les <mark>munitions<\/mark>/);
      // An index from before passages were kept: the same snippet, and the start-up backfill adds them.
      await ctx.db.deleteFrom('search_passages').execute();
      await ctx.db.deleteFrom('app_state').execute();
      assert.equal((await get('/recherche?q=munitions')).body, before);
      assert.equal(await startSearchBackfillIfNeeded(ctx.db, label), true);
      await jobRunnerOf(ctx)!.runDue();
      const count = await ctx.db
        .selectFrom('search_passages')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const articles = await ctx.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), Number(articles.n));
      assert.equal((await get('/recherche?q=munitions')).body, before);
    });

    it('lets the back office find any piece by the same index and rule, drafts included; readers never see them', async () => {
      const ctx = t.app.kiosque;
      const n = await newsroom(ctx.db);
      const editor = await actorFor(ctx.db, 'editeur');
      const signedIn = await signInAs(t.app, 'editeur');
      const { id } = await createArticle(
        ctx,
        editor,
        n.input({
          headline: 'Les apiculteurs face au frelon',
          body: JSON.parse(doc('L’État promet une aide aux ruchers du Gers.')),
          tags: [],
        }),
      );
      const adminList = async (q: string) => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/admin/articles?q=${encodeURIComponent(q)}`,
          headers: { cookie: signedIn.cookie },
        });
        assert.equal(res.statusCode, 200, q);
        return [...res.body.matchAll(/<a href="\/admin\/articles\/(\d+)">/g)].map((m) => Number(m[1]));
      };
      // Stems, accents and capitals as in public search: "ETAT" finds "État", "aides" finds "aide", body words too.
      assert.deepEqual(await adminList('ETAT aides ruchers'), [id]);
      assert.deepEqual(await adminList('apiculteur'), [id]);
      assert.deepEqual(await adminList('le de'), [], 'only words the search leaves out: nothing, not everything');
      // The last word a beginning: every indexed word that begins so ("apic" → apiculteurs), after
      // other words or a phrase; a beginning no word has finds nothing.
      assert.deepEqual(await adminList('apic'), [id]);
      assert.deepEqual(await adminList('ETAT ruc'), [id]);
      assert.deepEqual(await adminList('"aide aux" ruch'), [id]);
      assert.deepEqual(await adminList('frelons apicx'), []);
      // FTS and tsquery syntax, unbalanced quotes and a 10 KB text: an answer (200, checked by adminList), never an error.
      for (const hostile of ['"', 'ruch*', 'NEAR(ruchers aide)', '-ruchers', 'headline:ruch', '(ruch', 'aide OR', 'x'.repeat(10_000)])
        await adminList(hostile);
      assert.deepEqual(await results('q=apiculteurs'), [], 'a draft is never a reader’s result');
    });

    // SQLite only: PostgreSQL reads `word:*` from its GIN index.
    if (label === 'sqlite')
      it('keeps the terms of the index as FTS5 makes them, for the back office’s beginnings of words', async () => {
        const ctx = t.app.kiosque;
        const n = await newsroom(ctx.db);
        const editor = await actorFor(ctx.db, 'editeur');
        await createArticle(
          ctx,
          editor,
          n.input({
            headline: 'Aujourd’hui, le porte-parole parle du COVID-19 et de l’œuvre d’Œdipe',
            body: JSON.parse(doc('Élan 2026 : cœur, naïveté, garçon – l’ÉTAT « fait » 3,5 % de croissance…')),
            tags: [],
          }),
        );
        const termsOf = async (table: 'search_terms' | 'search_vocab') =>
          (await sql<{ term: string }>`select term from ${sql.table(table)} order by term`.execute(ctx.db)).rows.map((r) => r.term);
        // Everything the index holds is listed (an article written through the operations)…
        const kept = new Set(await termsOf('search_terms'));
        const missing = (await termsOf('search_vocab')).filter((term) => !kept.has(term));
        assert.deepEqual(missing, []);
        // …and a rebuild lists exactly the index's terms, nothing of its own making.
        await rebuildSearchIndex(ctx.db, label);
        assert.deepEqual(await termsOf('search_terms'), await termsOf('search_vocab'));
      });

    it('weighs the columns through one statement text whatever the matches (bounds bound, never written in)', async () => {
      if (label !== 'sqlite') return;
      const { handle, log } = countingHandle(t.database);
      try {
        const weighing = async (q: string) =>
          (
            await log.during(() =>
              searchArticles(handle.db, 'sqlite', parseQuery(q).groups, {}, { limit: 10, offset: 0 }, new Date().toISOString()),
            )
          ).statements.filter((statement) => statement.includes('rowid between'));
        const [first] = await weighing('président');
        assert.ok(first, 'several matches: the columns are weighed');
        assert.doesNotMatch(first, /between \d/);
        assert.deepEqual(await weighing('président'), [first]);
      } finally {
        await handle.close();
      }
    });

    it('describes itself to browsers and search engines', async () => {
      const page = await get('/recherche?q=vladivostok');
      assert.match(page.headers['cache-control'] as string, /public/);
      assert.match(page.body, /<meta name="robots" content="noindex, follow">/);
      assert.match((await get('/recherche')).body, /<meta name="robots" content="index, follow/, 'the empty search page may be indexed');
      const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
      const results = ld.find((d) => d['@type'] === 'SearchResultsPage');
      assert.ok(results);
      assert.equal(results.mainEntity.itemListElement[0].url, 'https://gazette.example/international/sommet-vladivostok');
      const home = (await get('/')).body;
      const website = [...home.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)]
        .map((m) => JSON.parse(m[1]!))
        .find((d) => d['@type'] === 'WebSite');
      assert.deepEqual(website.potentialAction, {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: 'https://gazette.example/recherche?q={search_term_string}' },
        'query-input': 'required name=search_term_string',
      });
      assert.match(home, /<form class="site-search" role="search" action="\/recherche" method="get">/);
      assert.match(home, /<link rel="search" type="application\/opensearchdescription\+xml"[^>]*href="\/opensearch.xml">/);
      const open = await get('/opensearch.xml');
      assert.match(open.headers['content-type'] as string, /^application\/opensearchdescription\+xml/);
      const description = parseXml(open.body).OpenSearchDescription;
      assert.equal(description.ShortName, 'La Gazette');
      assert.ok(
        description.Url.some?.((u: { '@template': string }) => u['@template'] === 'https://gazette.example/recherche?q={searchTerms}') ??
          false,
      );
    });
  });
}
