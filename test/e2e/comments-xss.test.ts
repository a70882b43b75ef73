import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { foldedKey } from '../../src/core/text/loose-match.ts';
import { addSessionCookies, launchBrowser, openPage } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { createArticle, createSection } from '../support/content-factories.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { signInAs, type SignedIn } from '../support/sign-in.ts';

// 300 script-injection payloads stored as comments, as readers' names and as report texts (straight
// into the database: the strictest case, past every input check) execute nothing and create no
// element in Chromium, on the public pages and on the moderation desk. The CSP would block inline
// handlers anyway, so the test also looks at the DOM: no element, attribute or link came from a payload
// (`<details>` is the desk's own, for reader history; an `ontoggle` on it would still be caught).

const VECTORS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">lien</a>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '<scr<script>ipt>alert(1)</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<style>@import "javascript:alert(1)"</style>',
  '<marquee onstart=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, on purpose
  '${alert(1)}',
  '<base href="javascript:alert(1)//">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  'https://exemple.fr/"onmouseover="alert(1)',
  'https://exemple.fr/<script>alert(1)</script>',
  'http://a.example/?q="><img src=x onerror=alert(1)>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<svg><script>alert(1)</script></svg>',
];
const VARIANTS: ((v: string) => string)[] = [
  (v) => v,
  (v) => v.toUpperCase(),
  (v) => v.replaceAll('alert(1)', 'confirm(1)'),
  (v) => `texte avant ${v} texte après`,
  (v) => v.replaceAll(' ', '\t'),
  (v) => `\n\n${v}\n`,
  (v) => v.replaceAll('alert(1)', 'window.__xss=1'),
  (v) => v.replaceAll('"', "'"),
  (v) => `https://exemple.fr/?x=${v}`,
  (v) => v.replaceAll('alert(1)', 'prompt(1)'),
];
const XSS_PAYLOADS = VECTORS.flatMap((v) => VARIANTS.map((f) => f(v)));

describe('XSS dans les commentaires', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let moderator: SignedIn;
  let articlePath: string;
  let articleId: number;

  before(async () => {
    assert.ok(XSS_PAYLOADS.length >= 300);
    server = await startTestServer();
    const db = server.database.db;
    const section = await createSection(db);
    const article = await createArticle(db, { section });
    articleId = article.id;
    articlePath = `/${section.slug}/${article.slug}`;
    const now = Date.now();
    // 30 readers named with a payload each, 30 comments holding 10 payloads each, a report per comment.
    for (let i = 0; i < 30; i++) {
      const name = XSS_PAYLOADS[i * 10];
      const { id: readerId } = await db
        .insertInto('readers')
        .values({
          email: `xss-${i}@exemple.fr`,
          display_name: name,
          name_key: `${foldedKey(name)}-${i}`,
          suspended_until: null,
          created_at: new Date(now).toISOString(),
          updated_at: new Date(now).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const body = XSS_PAYLOADS.slice(i * 10, i * 10 + 10).join('\n\n');
      const { id } = await db
        .insertInto('comments')
        .values({
          article_id: articleId,
          reader_id: readerId,
          parent_id: null,
          body,
          status: 'visible',
          created_at: new Date(now - i * 1000).toISOString(),
          edited_at: null,
          spam_score: null,
          decided_at: null,
          decided_by_user_id: null,
          contested_at: null,
          rules: JSON.stringify([{ rule: 'mots-suspects', detail: XSS_PAYLOADS[i * 10 + 1] }]),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('comment_reports')
        .values({
          comment_id: id,
          reader_id: readerId,
          reason: 'autre',
          text: XSS_PAYLOADS[i * 10 + 2],
          created_at: new Date(now).toISOString(),
          resolved_at: null,
        })
        .execute();
    }
    await db.insertInto('comment_threads').values({ article_id: articleId, visible_count: 30, auto_premoderation_at: null }).execute();
    moderator = await signInAs(server.app, 'moderateur');
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function inspect(page: Page, url: string, scope: string): Promise<string[]> {
    const problems: string[] = [];
    page.on('dialog', (dialog) => {
      problems.push(`${url}: boîte de dialogue « ${dialog.message()} »`);
      void dialog.dismiss();
    });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response?.status() !== 200) problems.push(`${url}: statut ${response?.status()}`);
    await page.waitForTimeout(300);
    const found = await page.evaluate((selector) => {
      const out: string[] = [];
      if ((window as unknown as { __xss?: unknown }).__xss !== undefined) out.push('window.__xss défini');
      for (const root of document.querySelectorAll(selector)) {
        for (const el of root.querySelectorAll('*')) {
          if (
            ['SCRIPT', 'IMG', 'SVG', 'IFRAME', 'OBJECT', 'EMBED', 'STYLE', 'VIDEO', 'MARQUEE', 'BASE', 'META', 'MATH', 'NOSCRIPT'].includes(
              el.tagName.toUpperCase(),
            )
          )
            out.push(`élément ${el.tagName}`);
          for (const attr of el.attributes) if (/^on/i.test(attr.name)) out.push(`attribut ${attr.name}`);
          const href = el.getAttribute('href') ?? el.getAttribute('action') ?? '';
          if (/^\s*javascript:/i.test(href)) out.push(`lien ${href.slice(0, 40)}`);
        }
      }
      return out;
    }, scope);
    return [...problems, ...found.map((f) => `${url}: ${f}`)];
  }

  test('the article page and the thread pages (both sorts) execute nothing', async () => {
    const { page } = await openPage(browser, 'desktop');
    const problems = [
      ...(await inspect(page, server.url(articlePath), '.comments')),
      ...(await inspect(page, server.url(`/commentaires/article/${articleId}?tri=anciens`), '.reader-page')),
      ...(await inspect(page, server.url(`/commentaires/article/${articleId}?tri=apprecies`), '.reader-page')),
    ];
    const html = await page.content();
    assert.ok(html.includes('onerror=alert(1)'), 'the payloads are shown as text');
    assert.deepEqual(problems, []);
  });

  test('the moderation desk (comments, names, report texts, rules) executes nothing', async () => {
    const { context, page } = await openPage(browser, 'desktop');
    await addSessionCookies(context, moderator, server.origin);
    const problems = [
      ...(await inspect(page, server.url('/admin/commentaires?file=tous'), '.desk-list')),
      ...(await inspect(page, server.url('/admin/commentaires?file=signales'), '.desk-list')),
    ];
    assert.equal(await page.locator('[data-desk-item]').count(), 30);
    assert.deepEqual(problems, []);
  });
});
