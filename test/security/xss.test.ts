import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { apiClientFor } from '../../src/api/api-test-client.ts';
import { addSessionCookies, launchBrowser, openPage } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { createImage, createSettings } from '../support/content-factories.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/app-factory.ts';
import { getAs, postFormAs, snapshotDatabase } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';

// Script typed into any text field of the back office is stored as typed and shown as text, on
// the public site and in the back office; URL fields refuse `javascript:`. Checked in the HTML
// (app.inject) for every field of the article form, the person, section and settings forms and
// the image's credit, caption and alt text; then once in Chromium: no dialog ever opens.

const SCRIPT = '<script>alert(1)</script>';
const BREAKOUT = '"><img src=x onerror=alert(1)>';
const PAYLOAD = `${SCRIPT}${BREAKOUT}`;
/** How the payload's script reads once escaped as text. */
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const UNSAFE_URLS = ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>'];

/** The HTML with ghtml's numeric entities written as named ones, so one spelling of the escaped payload fits all pages. */
function canonical(html: string): string {
  return html
    .replaceAll('&#60;', '&lt;')
    .replaceAll('&#62;', '&gt;')
    .replaceAll('&#34;', '&quot;')
    .replaceAll('&#61;', '=')
    .replaceAll('&#38;', '&amp;')
    .replaceAll('&#39;', "'");
}

/** Fails if the HTML holds the payload as markup rather than text. */
function assertInert(html: string, where: string): void {
  assert.ok(!html.includes('<script>alert(1)'), `${where} : <script> injecté`);
  assert.ok(!/<img[^>]*src=x/i.test(html), `${where} : <img onerror> injecté`);
  assert.ok(
    !/\b(?:href|src|action|formaction)\s*=\s*["']?\s*(?:javascript|data):/i.test(html),
    `${where} : URL javascript: dans un attribut`,
  );
}

interface Seeded {
  articleId: number;
  articlePath: string;
  sectionPath: string;
  authorPath: string;
  tagPaths: string[];
  imageId: number;
  personId: number;
  sectionId: number;
}

/** Types the payload into every text field, through the back-office forms, and publishes the article. */
async function seedPayloads(app: TestApp['app'], editor: SignedIn, admin: SignedIn): Promise<Seeded> {
  const db = app.kiosque.db;
  const expectRedirect = (response: { statusCode: number; body: string }, what: string) =>
    assert.equal(
      response.statusCode,
      303,
      `${what} : ${[...response.body.matchAll(/field__error[^>]*>([^<]*)/g)].map((m) => m[1]).join(' | ') || response.body.slice(0, 300)}`,
    );

  expectRedirect(
    await postFormAs(app, admin, '/admin/reglages', {
      name: `Gazette ${PAYLOAD}`,
      tagline: `Devise ${PAYLOAD}`,
      publicUrl: 'https://gazette.example',
      language: 'fr',
      logoImageId: '',
      commentsMode: 'suspended',
      commentsNotice: `Avis ${PAYLOAD}`,
    }),
    'réglages',
  );
  expectRedirect(
    await postFormAs(app, editor, '/admin/rubriques/nouvelle', {
      name: `R ${PAYLOAD}`,
      slug: 'rubrique-piegee',
      description: `Description ${PAYLOAD}`,
      position: '1',
    }),
    'rubrique',
  );
  const section = await db.selectFrom('sections').select(['id', 'slug']).where('slug', '=', 'rubrique-piegee').executeTakeFirstOrThrow();
  expectRedirect(
    await postFormAs(app, editor, '/admin/personnes/nouvelle', {
      name: `Plume ${SCRIPT}`,
      slug: 'plume-piegee',
      kind: 'contributor',
      roleLine: `Qualité ${PAYLOAD}`,
      bio: `Bio ${PAYLOAD}`,
      photoImageId: '',
      linkLabel: [`Lien ${PAYLOAD}`],
      linkUrl: ['https://exemple.fr/?q="><script>alert(1)</script>'],
    }),
    'personne',
  );
  const person = await db.selectFrom('people').select(['id', 'slug']).where('slug', '=', 'plume-piegee').executeTakeFirstOrThrow();
  const image = await createImage(db, { credit: 'Avant', alt: 'Avant' });
  expectRedirect(
    await postFormAs(app, editor, `/admin/medias/${image.id}`, {
      credit: `Crédit ${PAYLOAD}`,
      alt: `Alt ${PAYLOAD}`,
      caption: `Légende ${PAYLOAD}`,
      focalX: '0.5',
      focalY: '0.5',
    }),
    'image',
  );

  const text = (t: string) => [{ type: 'text', text: t }];
  const body = {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          ...text(`Paragraphe ${PAYLOAD} `),
          {
            type: 'text',
            text: `lien ${PAYLOAD}`,
            marks: [{ type: 'link', attrs: { href: 'https://exemple.fr/?"><script>alert(1)</script>' } }],
          },
        ],
      },
      { type: 'heading', attrs: { level: 2 }, content: text(`Intertitre ${PAYLOAD}`) },
      {
        type: 'quote',
        attrs: { speaker: `Orateur ${PAYLOAD}`, role: `Qualité ${PAYLOAD}` },
        content: [{ type: 'paragraph', content: text(`Citation ${PAYLOAD}`) }],
      },
      { type: 'image', attrs: { imageId: image.id, caption: `Légende dans le texte ${PAYLOAD}`, size: null } },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: text(`Puce ${PAYLOAD}`) }] }] },
    ],
  };
  const created = await postFormAs(app, editor, '/admin/articles', {
    revision: '',
    format: 'actualite',
    sectionId: String(section.id),
    seriesId: '',
    kicker: `Surtitre ${PAYLOAD}`,
    headline: `Titre ${PAYLOAD}`,
    slug: 'article-piege',
    lead: `Chapô ${PAYLOAD}`,
    body: JSON.stringify(body),
    heroImageId: String(image.id),
    authorPersonIds: [String(person.id)],
    authorPosition: ['1'],
    tags: `${SCRIPT}, ${BREAKOUT}`,
    sourceOutlet: `Média ${PAYLOAD}`,
    sourceUrl: 'https://exemple.fr/article?q="><script>alert(1)</script>',
    sourceHeadline: `Titre original ${PAYLOAD}`,
    newCorrection: `Correction ${PAYLOAD}`,
    seoTitle: `SEO ${PAYLOAD}`.slice(0, 70),
    seoDescription: `Description ${PAYLOAD}`,
    commentsSetting: 'inherit',
  });
  expectRedirect(created, 'article');
  const articleId = Number(/\/admin\/articles\/(\d+)/.exec(created.headers.location as string)![1]);
  expectRedirect(await postFormAs(app, editor, `/admin/articles/${articleId}/publier`, {}), 'publication');
  const tags = await db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .select('tags.slug')
    .where('article_tags.article_id', '=', articleId)
    .execute();
  assert.equal(tags.length, 2);
  return {
    articleId,
    articlePath: `/${section.slug}/article-piege`,
    sectionPath: `/${section.slug}`,
    authorPath: `/auteur/${person.slug}`,
    tagPaths: tags.map((t) => `/sujet/${t.slug}`),
    imageId: image.id,
    personId: person.id,
    sectionId: section.id,
  };
}

forEachDatabase('XSS: stored as typed, shown as text', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let admin: SignedIn;
  let seeded: Seeded;

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    await createSettings(t.database.db);
    editor = await signInAs(t.app, 'editeur');
    admin = await signInAs(t.app, 'administrateur');
    seeded = await seedPayloads(t.app, editor, admin);
  });
  after(() => t?.close());

  test('the payload is stored exactly as typed (escaping happens at output only)', async () => {
    const row = await t.database.db.selectFrom('articles').selectAll().where('id', '=', seeded.articleId).executeTakeFirstOrThrow();
    assert.equal(row.headline, `Titre ${PAYLOAD}`);
    assert.equal(row.kicker, `Surtitre ${PAYLOAD}`);
    assert.equal(row.status, 'published');
    assert.ok(row.body.includes(`Orateur ${PAYLOAD}`.replaceAll('"', '\\"')));
    const image = await t.database.db
      .selectFrom('images')
      .select(['credit', 'alt', 'caption'])
      .where('id', '=', seeded.imageId)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...image }, { credit: `Crédit ${PAYLOAD}`, alt: `Alt ${PAYLOAD}`, caption: `Légende ${PAYLOAD}` });
  });

  test('public pages show every field as text: article, section, author, tags, home', async () => {
    const article = await getAs(t.app, null, seeded.articlePath);
    assert.equal(article.statusCode, 200);
    assertInert(article.body, seeded.articlePath);
    const articleHtml = canonical(article.body);
    for (const shown of [
      'Surtitre',
      'Titre',
      'Chapô',
      'Paragraphe',
      'lien',
      'Intertitre',
      'Orateur',
      'Citation',
      'Puce',
      'Légende dans le texte',
      'Crédit',
      'Média',
      'Titre original',
      'Correction',
      'Avis',
      'Plume',
    ]) {
      assert.ok(articleHtml.includes(`${shown} ${ESCAPED_SCRIPT}`), `« ${shown} » affiché comme texte`);
    }
    assert.ok(articleHtml.includes(ESCAPED_SCRIPT), 'the tag names as text');
    for (const url of [seeded.sectionPath, seeded.authorPath, ...seeded.tagPaths, '/']) {
      const page = await getAs(t.app, null, url);
      assert.equal(page.statusCode, 200, url);
      assertInert(page.body, url);
      assert.ok(canonical(page.body).includes(ESCAPED_SCRIPT), `${url} shows the payload as text`);
    }
  });

  test('back-office screens show every field as text', async () => {
    const urls = [
      '/admin',
      '/admin/articles',
      `/admin/articles/${seeded.articleId}`,
      `/admin/articles/${seeded.articleId}/revisions`,
      `/admin/articles/${seeded.articleId}/revisions/1`,
      `/admin/articles/${seeded.articleId}/apercu`,
      `/admin/articles/${seeded.articleId}/apercu/page`,
      '/admin/medias',
      `/admin/medias/${seeded.imageId}`,
      '/admin/personnes',
      `/admin/personnes/${seeded.personId}`,
      '/admin/rubriques',
      `/admin/rubriques/${seeded.sectionId}`,
      '/admin/reglages',
      '/admin/journal',
      '/admin/une?q=script',
    ];
    for (const url of urls) {
      const page = await getAs(t.app, admin, url);
      assert.equal(page.statusCode, 200, url);
      assertInert(page.body, url);
      // Defence in depth: were anything injected, the policy forbids inline script.
      assert.match(page.headers['content-security-policy'] as string, /script-src 'self'(;|$)/, url);
    }
    // The picker's JSON carries the text as JSON strings, never as HTML.
    const json = await getAs(t.app, admin, '/admin/medias.json');
    assert.match(json.headers['content-type'] as string, /^application\/json/);
    assert.ok(json.json().items.some((i: { credit: string }) => i.credit === `Crédit ${PAYLOAD}`));
    const editorPage = canonical((await getAs(t.app, admin, `/admin/articles/${seeded.articleId}`)).body);
    for (const field of ['Surtitre', 'Titre', 'Chapô', 'Média', 'Titre original', 'Description'])
      assert.ok(editorPage.includes(`${field} ${ESCAPED_SCRIPT}`), `« ${field} » dans l’éditeur`);
    assert.ok(editorPage.includes('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'), 'the attribute breakout is escaped');
  });

  test('URL fields refuse javascript: and data: (source, body link, person link, settings, navigation, API); nothing stored', async () => {
    const api = await apiClientFor(t.app, 'editeur');
    const before = await snapshotDatabase(t.database.db);
    const row = await t.database.db.selectFrom('articles').select('revision').where('id', '=', seeded.articleId).executeTakeFirstOrThrow();
    const articleFields = (over: Record<string, string>) => ({
      revision: String(row.revision),
      format: 'actualite',
      sectionId: String(seeded.sectionId),
      seriesId: '',
      kicker: '',
      headline: 'Titre propre',
      slug: 'article-piege',
      lead: 'Chapô.',
      body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Texte.' }] }] }),
      heroImageId: String(seeded.imageId),
      authorPersonIds: String(seeded.personId),
      authorPosition: '1',
      tags: '',
      sourceOutlet: 'Média',
      sourceUrl: '',
      sourceHeadline: 'Titre',
      newCorrection: '',
      seoTitle: '',
      seoDescription: '',
      commentsSetting: 'inherit',
      ...over,
    });
    for (const url of UNSAFE_URLS) {
      const source = await postFormAs(t.app, editor, `/admin/articles/${seeded.articleId}`, articleFields({ sourceUrl: url }));
      assert.equal(source.statusCode, 422, `source ${JSON.stringify(url)}`);
      assert.match(source.body, /id="champ-source-adresse-erreur"|field__error/);
      const link = {
        type: 'doc',
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'clic', marks: [{ type: 'link', attrs: { href: url } }] }] }],
      };
      assert.equal(
        (await postFormAs(t.app, editor, `/admin/articles/${seeded.articleId}`, articleFields({ body: JSON.stringify(link) }))).statusCode,
        422,
        `lien ${JSON.stringify(url)}`,
      );
      const person = await postFormAs(t.app, editor, `/admin/personnes/${seeded.personId}`, {
        name: 'Plume',
        slug: 'plume-piegee',
        kind: 'contributor',
        roleLine: '',
        bio: '',
        photoImageId: '',
        linkLabel: ['Site'],
        linkUrl: [url],
      });
      assert.equal(person.statusCode, 422, `personne ${JSON.stringify(url)}`);
      const settings = await postFormAs(t.app, admin, '/admin/reglages', {
        name: 'Gazette',
        tagline: '',
        publicUrl: url,
        language: 'fr',
        logoImageId: '',
        commentsMode: 'open',
        commentsNotice: '',
      });
      assert.equal(settings.statusCode, 422, `réglages ${JSON.stringify(url)}`);
      const nav = await postFormAs(t.app, editor, '/admin/rubriques/navigation', {
        label: ['Piège'],
        destination: ['url'],
        url: [url],
        action: 'save',
      });
      assert.equal(nav.statusCode, 422, `navigation ${JSON.stringify(url)}`);
      const viaApi = await api.call('PATCH', `/articles/${seeded.articleId}`, {
        revision: row.revision,
        source: { outlet: 'Média', url, headline: 'Titre' },
      });
      assert.equal(viaApi.statusCode, 422, `API ${JSON.stringify(url)}`);
    }
    assert.deepEqual(await snapshotDatabase(t.database.db), before);
  });
});

describe('XSS in Chromium: no dialog opens', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: SignedIn;
  let seeded: Seeded;

  before(async () => {
    server = await startTestServer();
    await createSettings(server.database.db);
    const editor = await signInAs(server.app, 'editeur');
    admin = await signInAs(server.app, 'administrateur');
    seeded = await seedPayloads(server.app, editor, admin);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('public and back-office pages holding the payload open no alert', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    await addSessionCookies(context, admin, server.origin);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(`${page.url()} : ${dialog.message()}`);
      void dialog.dismiss();
    });
    const urls = [
      seeded.articlePath,
      seeded.sectionPath,
      seeded.authorPath,
      ...seeded.tagPaths,
      '/',
      `/admin/articles/${seeded.articleId}`,
      `/admin/articles/${seeded.articleId}/apercu`,
      `/admin/medias/${seeded.imageId}`,
      `/admin/personnes/${seeded.personId}`,
      '/admin/reglages',
      '/admin',
    ];
    for (const url of urls) {
      const response = await page.goto(server.url(url), { waitUntil: 'load' });
      assert.equal(response?.status(), 200, url);
      // Give image error handlers and islands a moment to run, were anything injected.
      await page.waitForTimeout(150);
      assert.equal(await page.locator('img[src="x"]').count(), 0, `${url} : aucune image injectée`);
    }
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});
