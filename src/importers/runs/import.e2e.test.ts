import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { checkAccessibility } from '../../../test/support/axe.ts';
import { launchBrowser, openSignedInPage, type ViewportName, VIEWPORTS, visit } from '../../../test/support/browser.ts';
import { collectPageErrors, createNewsroom, SCREENSHOT_DIR } from '../../../test/support/newsroom.ts';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { signInAs } from '../../../test/support/sign-in.ts';
import { jobRunnerOf, startJobRunner, stopJobRunner } from '../../core/jobs/job-runner.ts';
import { createNewsletter } from '../../newsletters/newsletter-test-fixtures.ts';
import { activeSubscribers, ghostExport, ghostMembership, ghostPosts } from '../ghost/ghost-fixture.ts';
import { numberedPosts, wxrDocument } from '../wordpress/wxr-fixture.ts';

// The import screen in a real Chromium: an administrator sends a WordPress export with the form,
// the progress island sees the check end and the page shows its report,
// starts the import and reads the final report; cancels an import under way and resumes it;
// sends a Ghost export and chooses where each Ghost newsletter's subscribers go, then finds them,
// with their names, on the subscribers screen;
// axe finds nothing at phone and laptop widths.

let server: TestServer;
let browser: Browser;
let work: string;

before(async () => {
  server = await startTestServer();
  await createNewsroom(server.app.kiosque.db);
  // The test runs the jobs itself, at the moments it checks.
  await stopJobRunner(server.app.kiosque);
  startJobRunner(server.app.kiosque, { pollMs: 3_600_000 });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-import-e2e-'));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

const db = () => server.app.kiosque.db;

/** One test per viewport (375 and 1280 px), each given its width. */
function atEachWidth(name: string, body: (viewport: ViewportName, width: number) => Promise<void>): void {
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    const width = VIEWPORTS[viewport].width;
    test(`/admin/import at ${width} px: ${name}; no axe violation`, () => body(viewport, width));
  }
}

/** A page signed in as a new administrator; no script error may happen on it. */
async function asAdministrator(viewport: ViewportName, steps: (page: Page) => Promise<void>): Promise<void> {
  const admin = await signInAs(server.app, 'administrateur');
  const { context, page } = await openSignedInPage(browser, viewport, admin, server.origin);
  const errors = collectPageErrors(page);
  try {
    await steps(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

async function accessible(page: Page, where: string, screenshot?: string) {
  const report = await checkAccessibility(page);
  assert.equal(report.violations.length, 0, `${where} : ${report.text}`);
  const overflow = await page.evaluate(() => {
    const main = document.querySelector('main');
    return main ? main.scrollWidth - main.clientWidth : 0;
  });
  assert.ok(overflow <= 0, `${where} déborde de ${overflow} px`);
  if (screenshot) await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${screenshot}.png`), fullPage: true });
}

/** Writes an export under the scratch folder and sends it with the form; the page then follows its check. */
async function sendExport(page: Page, name: string, content: string): Promise<void> {
  const file = path.join(work, name);
  fs.writeFileSync(file, content);
  await visit(page, server.url('/admin/import'));
  await page.getByLabel('Fichier d’exportation').setInputFiles(file);
  await Promise.all([
    page.waitForURL(/\/admin\/import\/\d+\?ok=envoye$/),
    page.getByRole('button', { name: 'Envoyer et vérifier' }).click(),
  ]);
}

/** Runs the queued jobs (a check or an import), then waits for the island to show the heading that follows. */
async function runJobsUntil(page: Page, heading: 'Bilan de la vérification' | 'Bilan de l’import'): Promise<void> {
  await jobRunnerOf(server.app.kiosque)!.runDue();
  await page.getByRole('heading', { name: heading }).waitFor({ timeout: 10_000 });
}

const clickAndWait = (page: Page, button: string, url: RegExp) =>
  Promise.all([page.waitForURL(url), page.getByRole('button', { name: button }).click()]);

const articlesLike = async (pattern: string) =>
  (await db().selectFrom('articles').select('id').where('slug', 'like', pattern).execute()).length;

atEachWidth('send, check, import, report', (viewport, width) =>
  asAdministrator(viewport, async (page) => {
    await visit(page, server.url('/admin/import'));
    await accessible(page, `/admin/import à ${width} px`, `admin-import-${width}`);
    const site = { url: `https://vallee-${width}.example`, title: 'La Voix de la vallée' };
    await sendExport(
      page,
      `vallee-${width}.xml`,
      wxrDocument(site, [
        {
          id: 1,
          title: 'La fromagerie du col rouvre ses portes',
          slug: `fromagerie-du-col-${width}`,
          status: 'publish',
          content: '<p>Après deux ans de travaux, la fromagerie accueille de nouveau les visiteurs.</p>[gallery ids="3,4"]',
          categories: [['economie-locale', 'Économie locale']],
        },
        {
          id: 2,
          title: 'Le marché de Noël déplacé',
          slug: `marche-de-noel-${width}`,
          status: 'publish',
          content: '<p>Place de la Mairie cette année.</p>',
        },
      ]),
    );
    assert.match(await page.locator('h2').first().innerText(), /Vérification en cours/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `admin-import-progress-${width}.png`), fullPage: true });

    // The check runs on the server; the island sees it end and the page shows its report.
    await runJobsUntil(page, 'Bilan de la vérification');
    await accessible(page, `bilan de la vérification à ${width} px`);
    assert.ok(await page.getByText('shortcode [gallery]').isVisible());

    await clickAndWait(page, 'Lancer l’import', /ok=lance$/);
    assert.ok(await page.locator('progress').isVisible());
    await accessible(page, `progression à ${width} px`);

    await runJobsUntil(page, 'Bilan de l’import');
    await accessible(page, `bilan de l’import à ${width} px`, `admin-import-report-${width}`);
    const article = await db()
      .selectFrom('articles')
      .select('status')
      .where('slug', '=', `fromagerie-du-col-${width}`)
      .executeTakeFirstOrThrow();
    assert.equal(article.status, 'published');
  }),
);

atEachWidth('cancel an import under way, then resume it', (viewport, width) =>
  asAdministrator(viewport, async (page) => {
    const site = { url: `https://plateau-${width}.example`, title: 'L’Écho du plateau' };
    await sendExport(page, `annule-${width}.xml`, wxrDocument(site, numberedPosts(3, `seance-plateau-${width}`)));
    await runJobsUntil(page, 'Bilan de la vérification');
    await clickAndWait(page, 'Lancer l’import', /ok=lance$/);

    // Cancelled before its slice ran: nothing imported, the run waits to be resumed.
    await clickAndWait(page, 'Annuler l’import', /ok=annule$/);
    assert.match(await page.locator('.notice').first().innerText(), /Import annulé/);
    await accessible(page, `import annulé à ${width} px`, `admin-import-cancelled-${width}`);
    await jobRunnerOf(server.app.kiosque)!.runDue();
    assert.equal(await articlesLike(`seance-plateau-${width}-%`), 0);

    await clickAndWait(page, 'Reprendre l’import', /ok=repris$/);
    assert.ok(await page.locator('progress').isVisible());
    await accessible(page, `import repris à ${width} px`, `admin-import-resumed-${width}`);
    await runJobsUntil(page, 'Bilan de l’import');
    assert.equal(await articlesLike(`seance-plateau-${width}-%`), 3);
  }),
);

atEachWidth('a Ghost export’s newsletters are mapped by hand, and the subscribers land where chosen', (viewport, width) =>
  asAdministrator(viewport, async (page) => {
    // This width's own Ghost site, newsletters and Kiosque newsletter.
    const membership = ghostMembership();
    membership.newsletters = membership.newsletters.map((n) => ({ ...n, name: `${n.name} ${width}`, slug: `${n.slug}-${width}` }));
    const chosen = await createNewsletter(db(), { name: `Le Courrier du port ${width}` });
    const posts = ghostPosts()
      .slice(0, 1)
      .map((p) => ({ ...p, id: `${p.id.slice(0, -4)}${width}`, slug: `${p.slug}-${width}` }));
    await sendExport(
      page,
      `lanternes-${width}.json`,
      ghostExport(posts, { title: `Les Lanternes ${width}`, hash: `lanternes-${width}` }, membership),
    );
    await runJobsUntil(page, 'Bilan de la vérification');
    const letter = page.getByLabel(`« La lettre des Lanternes ${width} » (6 abonnés)`);
    const agenda = page.getByLabel(`« L’Agenda du week-end ${width} » (2 abonnés)`);
    // The proposal: no Kiosque newsletter of these names, so new ones; the archived one stays behind.
    assert.equal(await letter.inputValue(), 'create');
    assert.equal(await page.getByLabel(`« Spécial festival 2022 ${width} » (1 abonné, archivée sur Ghost)`).inputValue(), 'skip');
    await accessible(page, `choix des newsletters à ${width} px`, `admin-import-newsletters-${width}`);

    await letter.selectOption({ label: `Vers « Le Courrier du port ${width} »` });
    await agenda.selectOption({ label: 'Ne pas importer ces abonnés' });
    await clickAndWait(page, 'Lancer l’import', /ok=lance$/);
    await runJobsUntil(page, 'Bilan de l’import');
    await accessible(page, `bilan de l’import Ghost à ${width} px`);

    assert.deepEqual(
      await activeSubscribers(db(), chosen.id),
      [
        ['anne.riou@exemple.fr', 'Anne Riou'],
        ['bruno.kerleau@exemple.fr', ''],
        ['effacee@exemple.fr', ''],
        ['parti.ici@exemple.fr', ''],
      ],
      'the letter’s members, bounced and invalid addresses aside',
    );
    const made = await db().selectFrom('newsletters').select('id').where('name', 'like', `%${width}`).execute();
    assert.equal(made.length, 1, 'no newsletter created: the agenda was skipped, the letter mapped');

    // The subscribers screen shows the names the members kept, and its search finds one by name.
    await visit(page, server.url(`/admin/newsletters/abonnes?newsletter=${chosen.id}`));
    assert.deepEqual(await page.getByRole('columnheader').allTextContents(), [
      'Adresse',
      'Nom',
      'Newsletter',
      'État',
      'Rebonds',
      'Consentement',
      'Source',
      'Action',
    ]);
    await page.getByLabel('Adresse ou nom').fill('anne riou');
    await Promise.all([page.waitForURL(/q=anne\+riou/), page.getByRole('button', { name: 'Filtrer' }).click()]);
    assert.deepEqual(
      await page
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent))),
      [['anne.riou@exemple.fr', 'Anne Riou']],
    );
    await accessible(page, `abonnés importés à ${width} px`, `admin-abonnes-noms-${width}`);
  }),
);
