import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openPage, visit } from '../support/browser.ts';
import { type DemoSite, startDemoSite } from '../support/demo-site.ts';
import { comparable } from '../support/text.ts';

// The article page marks each part of the anatomy (docs/guide anatomy.md) with data-part="…".

let site: DemoSite;

before(async () => {
  site = await startDemoSite();
});

after(async () => {
  await site?.close();
});

/** CSS selector for links to a path, written relative or absolute on the test origin. */
function linkTo(path: string): string {
  return `a[href="${path}"], a[href="${site.server.origin}${path}"]`;
}

async function publicationName(): Promise<string> {
  const row = await site.server.database.db.selectFrom('settings').select('name').executeTakeFirstOrThrow();
  return row.name;
}

/** A node's text as written (textContent: innerText would apply CSS text-transform). */
async function text(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

/** Index of the first visible link among `selector` whose path satisfies `accept`. */
async function firstVisibleLink(page: Page, selector: string, accept: (path: string) => boolean): Promise<number> {
  const links = page.locator(selector);
  const paths = await links.evaluateAll((elements) => elements.map((a) => (a as HTMLAnchorElement).pathname));
  for (const [index, path] of paths.entries()) {
    if (accept(path) && (await links.nth(index).isVisible())) return index;
  }
  return -1;
}

describe('parcours de lecture', () => {
  test("de l'accueil à un article en passant par une rubrique de la navigation", async () => {
    const { db } = site.server.database;
    const sectionPaths = new Set((await db.selectFrom('sections').select('slug').execute()).map((s) => `/${s.slug}`));
    const { context, page } = await openPage(site.browser, 'desktop');
    try {
      await visit(page, site.server.url('/'));
      const navIndex = await firstVisibleLink(page, 'nav a', (path) => sectionPaths.has(path));
      assert.ok(navIndex >= 0, 'la navigation ne montre aucun lien vers une rubrique');
      const navLink = page.locator('nav a').nth(navIndex);
      const sectionPath = await navLink.evaluate((a) => (a as HTMLAnchorElement).pathname);
      await Promise.all([page.waitForURL((url) => url.pathname === sectionPath), navLink.click()]);
      await page.locator('h1').first().waitFor({ state: 'visible' });

      const articleIndex = await firstVisibleLink(page, 'main a', (path) => path.startsWith(`${sectionPath}/`));
      assert.ok(articleIndex >= 0, `la rubrique ${sectionPath} ne liste aucun article`);
      const articleLink = page.locator('main a').nth(articleIndex);
      const articlePath = await articleLink.evaluate((a) => (a as HTMLAnchorElement).pathname);
      const [response] = await Promise.all([
        page.waitForResponse((r) => new URL(r.url()).pathname === articlePath && r.request().resourceType() === 'document'),
        articleLink.click(),
      ]);
      assert.equal(response.status(), 200);
      await page.locator('h1').first().waitFor({ state: 'visible' });
      assert.ok((await page.title()).endsWith(` | ${await publicationName()}`), `titre inattendu : ${await page.title()}`);
    } finally {
      await context.close();
    }
  });

  test("l'article de référence (la une de l'accueil) montre chaque partie de son anatomie", async (t) => {
    const { db } = site.server.database;
    const [sectionSlug, articleSlug] = site.urls.article.split('/').filter(Boolean);
    const article = await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .selectAll('articles')
      .where('articles.slug', '=', articleSlug)
      .where('sections.slug', '=', sectionSlug)
      .executeTakeFirstOrThrow();
    const settings = await db.selectFrom('settings').selectAll().executeTakeFirstOrThrow();
    const { context, page } = await openPage(site.browser, 'desktop');
    try {
      await visit(page, site.server.url('/'));
      const leadStory = page.locator('[data-part="lead-story"]');
      const scope = (await leadStory.count()) > 0 ? leadStory.first() : page.locator('main');
      const lead = scope.locator(linkTo(site.urls.article)).filter({ visible: true }).first();
      await Promise.all([page.waitForURL((url) => url.pathname === site.urls.article), lead.click()]);
      // Fails at once, with the part's name, rather than waiting for an element that is not there.
      const part = async (name: string) => {
        const all = page.locator(`[data-part="${name}"]`);
        assert.ok((await all.count()) > 0, `aucun élément data-part="${name}"`);
        return all.first();
      };

      await t.test('<title> : titre | publication, sans artefact', async () => {
        const title = await page.title();
        assert.equal(comparable(title), comparable(`${article.seo_title || article.headline} | ${settings.name}`));
        assert.doesNotMatch(title, /<!--|-->|undefined|null/);
      });

      await t.test('navigation du site', async () => {
        assert.ok(await page.getByRole('navigation').first().isVisible());
      });

      await t.test('lien vers la rubrique', async () => {
        assert.ok(
          await page
            .locator('main')
            .locator(linkTo(`/${sectionSlug}`))
            .first()
            .isVisible(),
        );
      });

      await t.test('surtitre', async () => {
        assert.ok(article.kicker, "l'article de référence doit avoir un surtitre");
        const kicker = await part('kicker');
        assert.ok(await kicker.isVisible());
        assert.equal(comparable(await text(kicker)), comparable(article.kicker));
      });

      await t.test('titre : un seul h1', async () => {
        assert.equal(await page.locator('h1').count(), 1);
        const headline = await part('headline');
        assert.equal(await headline.evaluate((el) => el.tagName), 'H1');
        assert.equal(comparable(await text(headline)), comparable(article.headline));
      });

      await t.test('chapô, repris en meta description', async () => {
        const lead = await part('lead');
        assert.ok(await lead.isVisible());
        assert.equal(comparable(await text(lead)), comparable(article.lead));
        const description = (await page.locator('meta[name="description"]').getAttribute('content')) ?? '';
        const expected = comparable(article.seo_description ?? article.lead);
        assert.ok(description.length > 0, 'meta description absente');
        assert.ok(
          expected.startsWith(
            comparable(description)
              .replace(/\.\.\.$/, '')
              .slice(0, 60),
          ),
          `meta description : ${description}`,
        );
      });

      await t.test("signature liée aux pages d'auteur", async () => {
        const byline = await part('byline');
        assert.ok(await byline.isVisible());
        assert.ok((await byline.locator('a[href*="/auteur/"]').count()) >= 1, "aucun lien vers une page d'auteur");
      });

      await t.test('dates lisibles et <time datetime> avec décalage horaire', async () => {
        const times = (await part('dates')).locator('time[datetime]');
        assert.ok((await times.count()) >= 1);
        const datetime = (await times.first().getAttribute('datetime')) ?? '';
        assert.match(datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?[+-]\d{2}:\d{2}$/);
        assert.match(await text(times.first()), /\d/);
      });

      await t.test('image principale avec légende et crédit', async () => {
        assert.ok(article.hero_image_id, "l'article de référence doit avoir une image principale");
        const image = await db.selectFrom('images').selectAll().where('id', '=', article.hero_image_id).executeTakeFirstOrThrow();
        const figure = await part('hero');
        assert.equal(
          await figure.evaluate((el) => (el.tagName === 'FIGURE' ? 'FIGURE' : el.querySelector('figure') ? 'FIGURE' : el.tagName)),
          'FIGURE',
        );
        const img = figure.locator('img').first();
        assert.ok(await img.isVisible());
        assert.ok(((await img.getAttribute('alt')) ?? '').trim().length > 0, "l'image principale doit avoir un texte alternatif");
        assert.ok(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth > 0), "l'image principale ne se charge pas");
        const caption = comparable(await text(figure.locator('figcaption')));
        assert.ok(caption.includes(comparable(image.credit)), `crédit « ${image.credit} » absent de « ${caption} »`);
      });

      await t.test('corps : paragraphes et citation attribuée', async () => {
        const body = await part('body');
        assert.ok((await body.locator('p').count()) >= 2);
        const quote = body.locator('blockquote').first();
        assert.ok(await quote.isVisible(), 'aucune citation dans le corps');
        const attributed = await quote.evaluate((el) => {
          const holder = el.closest('figure') ?? el;
          return Boolean(el.getAttribute('cite') || holder.querySelector('cite, figcaption')?.textContent?.trim());
        });
        assert.ok(attributed, 'la citation ne dit pas qui parle (cite ou figcaption)');
      });

      await t.test('ligne « Source : » liée', async () => {
        assert.ok(article.source_outlet && article.source_url, "l'article de référence doit citer une source");
        const source = await part('source');
        assert.match(comparable(await text(source)), /^Source: /);
        assert.ok(await source.locator(`a[href="${article.source_url}"]`).isVisible(), `aucun lien vers ${article.source_url}`);
      });

      await t.test('sujets liés', async () => {
        const tags = await part('tags');
        assert.ok((await tags.locator('a[href*="/sujet/"]').count()) >= 1, 'aucun lien vers une page de sujet');
      });

      await t.test('corrections datées', async () => {
        const corrections = await part('corrections');
        assert.ok(await corrections.isVisible());
        assert.ok((await corrections.locator('time[datetime]').count()) >= 1, 'correction sans date');
      });

      await t.test('partage sans script tiers', async () => {
        const share = await part('share');
        assert.ok(await share.isVisible());
        for (const prefix of ['mailto:', 'sms:', 'https://wa.me/', 'https://www.facebook.com/sharer/', 'https://www.linkedin.com/']) {
          assert.ok((await share.locator(`a[href^="${prefix}"]`).count()) >= 1, `lien de partage ${prefix} absent`);
        }
        assert.equal(await page.locator('script[src^="http"]').count(), 0, 'aucun script tiers');
      });

      await t.test('espace commentaires (avis de suspension)', async () => {
        const comments = await part('comments');
        assert.ok(await comments.isVisible());
        const notice = comparable(await text(comments));
        if (settings.comments_mode === 'suspended') assert.ok(notice.includes(comparable(settings.comments_notice)), notice);
        else assert.ok(notice.length > 0);
      });

      await t.test('articles liés', async () => {
        const related = await part('related');
        const paths = await related.locator('a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
        assert.ok(
          paths.some((p) => p.split('/').filter(Boolean).length === 2 && p !== currentPath(page)),
          'aucun article lié',
        );
      });
    } finally {
      await context.close();
    }
  });
});

function currentPath(page: Page): string {
  return new URL(page.url()).pathname;
}

describe('clavier', () => {
  test("la tabulation atteint d'abord le lien d'évitement, puis les liens de partage", async () => {
    const { context, page } = await openPage(site.browser, 'desktop');
    try {
      await visit(page, site.server.url(site.urls.article));
      await page.keyboard.press('Tab');
      const skip = await page.evaluate(() => {
        const el = document.activeElement as HTMLAnchorElement | null;
        const href = el?.getAttribute('href') ?? '';
        const rect = el?.getBoundingClientRect();
        return {
          tag: el?.tagName,
          href,
          text: el?.textContent?.trim() ?? '',
          targetExists: href.startsWith('#') && document.getElementById(decodeURIComponent(href.slice(1))) !== null,
          onScreen: Boolean(rect && rect.width > 0 && rect.height > 0 && rect.top >= 0 && rect.bottom <= innerHeight),
        };
      });
      assert.equal(skip.tag, 'A', "le premier arrêt de tabulation n'est pas un lien");
      assert.match(skip.text, /contenu/i, `premier lien : « ${skip.text} »`);
      assert.ok(skip.targetExists, `la cible ${skip.href} du lien d'évitement n'existe pas`);
      assert.ok(skip.onScreen, "le lien d'évitement reste invisible quand il a le focus");

      const shareLinks = await page
        .locator('[data-part="share"] a[href], [data-part="share"] button')
        .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).map((el) => el.outerHTML));
      assert.ok(shareLinks.length > 0, 'aucun lien de partage visible');
      const reached = new Set<string>();
      let focusVisible = true;
      for (let presses = 0; presses < 400 && reached.size < shareLinks.length; presses++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el?.closest('[data-part="share"]')) return null;
          const style = getComputedStyle(el);
          const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          return { html: el.outerHTML, visible: outlined || style.boxShadow !== 'none' };
        });
        if (!focused) continue;
        reached.add(focused.html);
        focusVisible &&= focused.visible;
      }
      assert.equal(reached.size, shareLinks.length, `liens de partage atteints au clavier : ${reached.size} sur ${shareLinks.length}`);
      assert.ok(focusVisible, 'un lien de partage ne montre pas de focus visible');
    } finally {
      await context.close();
    }
  });
});
