import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { testDatabases } from '../../../test/support/databases.ts';
import { importTestSite, writeSampleImages } from '../import-test-site.ts';
import { SYSTEM_ACTOR } from '../../accounts/policy.ts';
import { importWordPress } from './wordpress-import.ts';
import { type FixturePost, wxrDocument } from './wxr-fixture.ts';
import { WxrError } from './wxr-reader.ts';

const SITE = { url: 'https://echo-vallee.example', title: 'L’Écho de la vallée' };
const UPLOADS = `${SITE.url}/wp-content/uploads`;

const GUTENBERG = `<!-- wp:paragraph -->
<p>Le conseil municipal a voté <strong>mardi soir</strong> la rénovation du pont de la Sarre, fermé depuis l’hiver.</p>
<!-- /wp:paragraph -->
<!-- wp:heading -->
<h2>Un chantier de six mois</h2>
<!-- /wp:heading -->
<!-- wp:image {"id":21} -->
<figure class="wp-block-image"><img src="${UPLOADS}/2019/04/chantier-1024x576.jpg" alt="Les ouvriers sur le tablier du pont"/><figcaption>Le tablier sera remplacé. Photo : Luc Marchal</figcaption></figure>
<!-- /wp:image -->
<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>Nous rouvrirons avant la rentrée.</p><cite>Hélène Vasseur, adjointe aux travaux</cite></blockquote>
<!-- /wp:quote -->
<!-- wp:embed {"url":"https://www.youtube.com/watch?v=Abc123Def45","type":"video","providerNameSlug":"youtube"} -->
<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=Abc123Def45
</div></figure>
<!-- /wp:embed -->
<!-- wp:list -->
<ul><li>Coût : 1,2 million d’euros</li><li>Fin prévue : <em>septembre</em></li></ul>
<!-- /wp:list -->`;

const CLASSIC = `La fête du village aura lieu samedi.
Rendez-vous place de l’Église à 14 h.

[caption id="attachment_22" align="alignnone" width="300"]<img src="${UPLOADS}/2018/06/fete.jpg" alt="La place décorée" width="300" height="200" /> La place, l’an dernier © Studio Reflets[/caption]

<span style="color:#c00">Attention</span> : le parking sera fermé. <a href="javascript:alert(1)">Plan</a>

[gallery ids="22,23"]

<img src="${UPLOADS}/2018/06/disparue.jpg" alt="Une image perdue" />

<script>alert('xss')</script><p onclick="alert(1)">Texte <b>en gras <i>et italique</b> mal fermé</p>`;

/** Hostile markup as found in the wild (OWASP filter evasion cheat sheet and mutation XSS), in one body. */
const XSS_CORPUS = [
  '<p>Début du corpus.</p>',
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)" alt="piège">',
  '<svg onload=alert(1)><circle r="4"/></svg>',
  '<p><a href="javascript:alert(1)">lien 1</a> <a href="JaVaScRiPt:alert(1)">lien 2</a> <a href="&#106;avascript:alert(1)">lien 3</a> <a href="  javascript:alert(1)">lien 4</a> <a href="java&#x09;script:alert(1)">lien 5</a></p>',
  '<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">données</a> <a href="vbscript:msgbox(1)">vb</a></p>',
  '<iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<p style="background:url(javascript:alert(1));width:expression(alert(1))">Stylé</p>',
  '<math><mtext><a xlink:href="javascript:alert(1)">maths</a></mtext></math>',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">Envoyer</button></form>',
  '<div onmouseover="alert(1)">Survol</div><body onload=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<p><a href="https://exemple.fr/programme" onclick="alert(1)">Le programme</a></p>',
  '[embed]javascript:alert(1)[/embed]',
  '<p>Texte sûr après le corpus.</p>',
].join('\n');

function posts(over: Partial<Record<number, Partial<FixturePost>>> = {}): FixturePost[] {
  const list: FixturePost[] = [
    {
      id: 20,
      title: 'Photo pont',
      slug: 'pont',
      status: 'inherit',
      type: 'attachment',
      attachmentUrl: `${UPLOADS}/2019/04/pont.jpg`,
      alt: 'Le pont de la Sarre',
    },
    {
      id: 1,
      title: 'Le pont de la Sarre sera rénové &#8211; enfin',
      slug: 'pont-de-la-sarre-renove',
      status: 'publish',
      date: '2019-04-25 06:30:00',
      content: GUTENBERG,
      excerpt: 'Le chantier commence en mai.',
      categories: [['vie-locale', 'Vie locale']],
      tags: [
        ['conseil-municipal', 'Conseil municipal'],
        ['travaux', 'Travaux'],
      ],
      thumbnailId: 20,
      sticky: true,
      comments: [
        { id: 501, author: 'Jacques', content: 'Enfin ! Il était temps.' },
        { id: 502, author: 'Anne', content: 'Et les cyclistes ?', parent: 501 },
      ],
    },
    {
      id: 2,
      title: 'Fête du village',
      slug: 'fete-du-village',
      status: 'publish',
      date: '2018-06-12 09:00:00',
      creator: 'pierrot',
      content: CLASSIC,
      categories: [['environnement', 'Environnement']],
    },
    {
      id: 3,
      title: 'Fête du village (bis)',
      slug: 'fete-du-village',
      status: 'publish',
      date: '2018-06-13 09:00:00',
      content: '<p>Doublon de slug.</p>',
      categories: [['vie-locale', 'Vie locale']],
    },
    { id: 4, title: 'Brouillon sur la piscine', slug: '', status: 'draft', content: '<p>À finir.</p>' },
    { id: 5, title: 'En relecture', slug: 'en-relecture', status: 'pending', content: '<p>Presque prêt.</p>' },
    { id: 6, title: 'Réservé aux abonnés', slug: 'prive', status: 'private', content: '<p>Privé.</p>' },
    { id: 7, title: 'Jeté', slug: 'jete', status: 'trash', content: '<p>Corbeille.</p>' },
    {
      id: 8,
      title: 'Qui sommes-nous',
      slug: 'qui-sommes-nous',
      status: 'publish',
      type: 'page',
      content: '<p>Un journal local depuis 1998.</p>',
    },
  ];
  return list.map((p) => ({ ...p, ...(over[p.id] ?? {}) }));
}

for (const engine of testDatabases()) {
  describe(`WordPress import [${engine.label}]`, () => {
    let exportFile: string;
    let uploads: string;
    const site = importTestSite(engine, 'kiosque-wxr-', async (work) => {
      exportFile = path.join(work, 'echo.xml');
      uploads = path.join(work, 'uploads');
      await writeSampleImages(uploads, [
        ['2019/04/pont.jpg', '#4a6fa5'],
        ['2019/04/chantier.jpg', '#a5784a'],
        ['2018/06/fete.jpg', '#6fa54a'],
      ]);
      fs.writeFileSync(exportFile, wxrDocument(SITE, posts()));
    });
    const { db, get, count } = site;

    test('a dry run reads and reports everything, and writes nothing', async () => {
      const lines: string[] = [];
      const report = await importWordPress(site.ctx(), SYSTEM_ACTOR, {
        file: exportFile,
        uploadsDir: uploads,
        dryRun: true,
        out: (l) => lines.push(l),
      });
      assert.equal(report.created, 7, 'five posts, a page (the trash and the attachment are not imported)');
      assert.equal(report.skipped, 1);
      assert.match(lines.join('\n'), /Essai \(rien ne sera enregistré\)/);
      assert.equal(await count('articles'), 0);
      assert.equal(await count('images'), 0);
    });

    test('posts, pages, authors, categories, tags, images, comments and old addresses come over', async () => {
      const lines: string[] = [];
      const invalidated: string[] = [];
      site.ctx().pageCache.onApplied((tags) => invalidated.push(...tags));
      const report = await importWordPress(site.ctx(), SYSTEM_ACTOR, {
        file: exportFile,
        uploadsDir: uploads,
        out: (l) => lines.push(l),
      });
      const text = lines.join('\n');
      assert.equal(report.failed, 0, text);
      assert.equal(report.created, 7, text);
      assert.equal(report.sectionsCreated, 3, 'Vie locale, Environnement, and Archives for posts without a category');
      assert.equal(report.peopleCreated, 2);
      assert.equal(report.comments, 2);

      const articles = await site.articles();
      const byHeadline = new Map(articles.map((a) => [a.headline, a]));
      const bridge = byHeadline.get('Le pont de la Sarre sera rénové – enfin')!;
      assert.ok(bridge, 'the title’s entities are decoded');
      assert.equal(bridge.status, 'published');
      assert.equal(bridge.published_at, '2019-04-25T06:30:00.000Z', 'keeps its publication date');
      assert.equal(bridge.section, 'vie-locale');
      assert.equal(bridge.lead, 'Le chantier commence en mai.');
      assert.ok(bridge.hero_image_id, 'the featured image, from the uploads folder');
      const hero = await db().selectFrom('images').selectAll().where('id', '=', bridge.hero_image_id!).executeTakeFirstOrThrow();
      assert.equal(hero.alt, 'Le pont de la Sarre');
      const body = JSON.parse(bridge.body) as { content: { type: string; attrs?: Record<string, unknown> }[] };
      assert.deepEqual(
        body.content.map((b) => b.type),
        ['paragraph', 'heading', 'image', 'quote', 'embed', 'bulletList'],
      );
      assert.deepEqual(body.content[3]!.attrs, { speaker: 'Hélène Vasseur', role: 'adjointe aux travaux' });
      assert.deepEqual(body.content[4]!.attrs, { provider: 'youtube', id: 'Abc123Def45', title: 'Vidéo YouTube' });
      const inBody = await db()
        .selectFrom('images')
        .selectAll()
        .where('id', '=', Number(body.content[2]!.attrs!.imageId))
        .executeTakeFirstOrThrow();
      assert.equal(inBody.credit, 'Luc Marchal', 'the credit taken from the caption');
      assert.equal(inBody.caption, 'Le tablier sera remplacé');
      const authors = await db()
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select('people.name')
        .where('article_id', '=', bridge.id)
        .execute();
      assert.deepEqual(
        authors.map((a) => a.name),
        ['Mathilde Girard'],
      );
      const mathilde = await db()
        .selectFrom('people')
        .select(['slug', 'bio'])
        .where('name', '=', 'Mathilde Girard')
        .executeTakeFirstOrThrow();
      assert.equal(mathilde.bio, 'Mathilde Girard suit la vie municipale de la vallée depuis 2012.', 'the bio, when the export has it');
      assert.match((await get(`/auteur/${mathilde.slug}`)).body, /suit la vie municipale de la vallée/);
      const oldAuthorPage = await get('/author/mgirard/');
      assert.equal(oldAuthorPage.statusCode, 301);
      assert.equal(oldAuthorPage.headers.location, `/auteur/${mathilde.slug}`);
      const tags = await db()
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select('tags.name')
        .where('article_id', '=', bridge.id)
        .execute();
      assert.deepEqual(tags.map((x) => x.name).sort(), ['Conseil municipal', 'Travaux']);

      // Classic editor: paragraphs from blank lines, the caption shortcode, hostile markup cleaned, report.
      const fete = byHeadline.get('Fête du village')!;
      const feteBody = JSON.stringify(JSON.parse(fete.body));
      assert.ok(!/script|onclick|javascript|style/.test(feteBody), feteBody);
      assert.match(feteBody, /"hardBreak"/);
      assert.match(text, /Fête du village[\s\S]*abandonné : shortcode \[gallery\], styles en ligne, lien non autorisé .*script/);
      assert.match(text, /image introuvable dans le dossier des médias : .*disparue\.jpg/);
      assert.equal(fete.section, 'environnement');

      const duplicate = byHeadline.get('Fête du village (bis)')!;
      assert.equal(duplicate.slug, 'fete-du-village-2', 'duplicate slugs get a suffix');
      assert.equal(byHeadline.get('Brouillon sur la piscine')!.status, 'draft');
      assert.equal(byHeadline.get('Brouillon sur la piscine')!.section, 'archives');
      assert.equal(byHeadline.get('En relecture')!.status, 'submitted');
      assert.equal(byHeadline.get('Réservé aux abonnés')!.status, 'draft');
      assert.match(text, /privé sur WordPress : importé en brouillon/);
      assert.ok(!byHeadline.has('Jeté'));

      const comments = await db().selectFrom('imported_comments').selectAll().orderBy('source_id').execute();
      assert.deepEqual(
        comments.map((c) => [c.author_name, c.content, c.parent_source_id]),
        [
          ['Jacques', 'Enfin ! Il était temps.', null],
          ['Anne', 'Et les cyclistes ?', '1:501'],
        ],
      );
      // Saved after their article was published: the pages showing its comments are dropped again.
      assert.ok(invalidated.includes(`comments:${comments[0]!.article_id}`), invalidated.join(' '));
      const home = await db().selectFrom('home_slots').select('article_id').execute();
      assert.deepEqual(
        home.map((h) => h.article_id),
        [bridge.id],
        'the sticky post goes on la une',
      );

      // The public site and the old addresses.
      const page = await get(`/vie-locale/${bridge.slug}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Nous rouvrirons avant la rentrée/);
      for (const [old, target] of [
        [`/2019/04/25/pont-de-la-sarre-renove/`, `/vie-locale/${bridge.slug}`],
        [`/2019/04/25/pont-de-la-sarre-renove`, `/vie-locale/${bridge.slug}`],
        ['/?p=1', `/vie-locale/${bridge.slug}`],
        ['/category/environnement/', '/environnement'],
        ['/qui-sommes-nous/', '/qui-sommes-nous'],
        ['/?page_id=8', '/qui-sommes-nous'],
        // What hangs off an old address leads where the address leads: AMP, feed, a page of it.
        [`/2019/04/25/pont-de-la-sarre-renove/amp/`, `/vie-locale/${bridge.slug}`],
        [`/2019/04/25/pont-de-la-sarre-renove/feed/`, `/vie-locale/${bridge.slug}`],
        [`/2019/04/25/pont-de-la-sarre-renove/2/`, `/vie-locale/${bridge.slug}`],
        ['/category/environnement/page/3/', '/environnement'],
      ]) {
        const response = await get(old!);
        assert.equal(response.statusCode, 301, old);
        assert.equal(response.headers.location, target, old);
      }
      assert.equal((await get('/?p=4')).statusCode, 200, 'a draft’s old address leads nowhere: la une');
      assert.equal((await get('/2019/04/25/inconnu/')).statusCode, 404);
      assert.equal((await get('/2019/04/25/inconnu/amp/')).statusCode, 404);
      assert.equal((await get('/2019/04/25/pont-de-la-sarre-renove/autre/')).statusCode, 404, 'only known suffixes');
      const about = await get('/qui-sommes-nous');
      assert.equal(about.statusCode, 200);
      assert.match(about.body, /Un journal local depuis 1998/);
    });

    test('a second run changes nothing; a post changed on WordPress is updated, never duplicated', async () => {
      const before = { articles: await count('articles'), images: await count('images'), people: await count('people') };
      const revisions = await db().selectFrom('article_revisions').select('id').execute();
      const again = await importWordPress(site.ctx(), SYSTEM_ACTOR, { file: exportFile, uploadsDir: uploads });
      assert.equal(again.unchanged, 7);
      assert.equal(again.created + again.updated, 0);
      assert.deepEqual({ articles: await count('articles'), images: await count('images'), people: await count('people') }, before);
      assert.equal((await db().selectFrom('article_revisions').select('id').execute()).length, revisions.length, 'no new revision');

      fs.writeFileSync(exportFile, wxrDocument(SITE, posts({ 1: { title: 'Le pont de la Sarre rouvrira en septembre' } })));
      const changed = await importWordPress(site.ctx(), SYSTEM_ACTOR, { file: exportFile, uploadsDir: uploads });
      assert.equal(changed.updated, 1);
      assert.equal(changed.unchanged, 6);
      assert.equal(await count('articles'), before.articles);
      const bridge = await db()
        .selectFrom('articles')
        .select(['headline', 'status', 'published_at'])
        .where('headline', 'like', 'Le pont%')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        { ...bridge },
        {
          headline: 'Le pont de la Sarre rouvrira en septembre',
          status: 'published',
          published_at: '2019-04-25T06:30:00.000Z',
        },
      );
    });

    test('a 10 MB post fails alone with a clear reason and leaves nothing; an XSS corpus in bodies comes out clean', async () => {
      const hostile = { url: 'https://hostile.example', title: 'Le Site piégé' };
      const paragraph = `<p>${'Le conseil a longuement débattu du budget de la cantine scolaire. '.repeat(20)}</p>\n`;
      const huge = paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length));
      assert.ok(huge.length >= 10 * 1024 * 1024);
      const file = path.join(site.work(), 'hostile.xml');
      fs.writeFileSync(
        file,
        wxrDocument(hostile, [
          { id: 1, title: 'Avant le gros article', slug: 'avant', status: 'publish', content: '<p>Un article ordinaire.</p>' },
          { id: 2, title: 'Les débats intégraux', slug: 'debats-integraux', status: 'publish', content: huge },
          { id: 3, title: 'Titre <script>alert(1)</script> piégé', slug: 'corpus-xss', status: 'publish', content: XSS_CORPUS },
        ]),
      );
      const lines: string[] = [];
      const report = await importWordPress(site.ctx(), SYSTEM_ACTOR, { file, out: (l) => lines.push(l) });
      const text = lines.join('\n');
      assert.equal(report.created, 2, text);
      assert.equal(report.failed, 1, text);
      assert.match(
        text,
        /✗ échec : article « Les débats intégraux » — L’article n’a pas été enregistré : Le corps de l’article est invalide : trop/,
      );
      // Nothing of the failed post: no article, no old address, no record that it was imported.
      assert.equal((await db().selectFrom('articles').select('id').where('slug', 'like', 'debats-integraux%').execute()).length, 0);
      assert.equal(
        (await db().selectFrom('legacy_redirects').select('path').where('path', 'like', '%debats-integraux%').execute()).length,
        0,
      );
      const recorded = await db()
        .selectFrom('import_sources')
        .select('source_key')
        .where('source', '=', `wordpress:${hostile.url}`)
        .where('kind', '=', 'article')
        .orderBy('source_key')
        .execute();
      assert.deepEqual(
        recorded.map((r) => r.source_key),
        ['1', '3'],
      );

      const xss = await db().selectFrom('articles').select(['headline', 'body']).where('slug', '=', 'corpus-xss').executeTakeFirstOrThrow();
      assert.equal(xss.headline, 'Titre alert(1) piégé', 'a title is text: its tags are dropped, never run');
      // Only markup of Kiosque's own body document: no element, handler or style of the source.
      assert.doesNotMatch(xss.body, /<[a-z]|\bon[a-z]+\s*=|srcdoc|formaction|expression\(/i);
      const addresses = [...xss.body.matchAll(/"(?:href|src)":"([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(addresses, ['https://exemple.fr/programme'], 'the harmless link stays, and only it');
      for (const kept of ['Début du corpus.', 'lien 1', 'Stylé', 'Survol', 'Texte sûr après le corpus.'])
        assert.ok(xss.body.includes(kept), `${kept}: the text around hostile markup is kept`);
      const page = await get('/archives/corpus-xss');
      assert.equal(page.statusCode, 200);
      const article = /<article[\s\S]*<\/article>/.exec(page.body)?.[0] ?? '';
      assert.ok(article.includes('Texte sûr après le corpus'), 'the body is on the page');
      assert.doesNotMatch(article, /<(script|iframe|object|embed|style|form|math)\b|\son[a-z]+\s*=|srcdoc|formaction/i);
      assert.doesNotMatch(article, /(href|src|action|data)\s*=\s*["']?\s*(javascript|vbscript|data:text)/i);
    });

    test('broken and hostile files are refused before anything is written', async () => {
      const cases: [string, string, RegExp][] = [
        ['pas-xml.xml', 'ceci n’est pas du XML', /XML invalide|racine/],
        ['tronque.xml', wxrDocument(SITE, posts()).slice(0, 3000), /XML invalide/],
        [
          'milliard.xml',
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><rss><channel>&lol2;</channel></rss>',
          /DOCTYPE/,
        ],
        [
          'xxe.xml',
          '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>&xxe;</title></channel></rss>',
          /DOCTYPE/,
        ],
        [
          'flux.xml',
          '<?xml version="1.0"?><rss version="2.0"><channel><title>Un flux</title></channel></rss>',
          /pas une exportation WordPress/,
        ],
        ['atom.xml', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', /racine est <feed>/],
        ['absent.xml', '', /Fichier vide|XML invalide/],
      ];
      await site.expectRefused((file) => importWordPress(site.ctx(), SYSTEM_ACTOR, { file }), WxrError, cases);
    });
  });
}
