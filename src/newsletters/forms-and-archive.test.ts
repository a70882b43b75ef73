import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import { insertArticleFixture, type ArticleFixture } from '../articles/article-test-fixture.ts';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { form, solvedProof } from '../../test/support/readers.ts';
import { insertEdition } from './edition-repository.ts';
import { createNewsletter } from './newsletter-test-fixtures.ts';

const SAME_SITE = { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' };

forEachDatabase('newsletter forms at the end of articles and in the footer, public archives', (database) => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let fixture: ArticleFixture;
  let morning: { id: number; name: string; slug: string };
  let picks: { id: number; name: string; slug: string };
  let sent: number;
  let draft: number;

  /** The chrome (and so every cached page) after a change made straight in the tables. */
  const refresh = () => {
    forgetSiteChrome(t.database.db);
    t.app.kiosque.pageCache.invalidate(['site']);
  };

  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, env: { SMTP_URL: smtp.url, POW_MAX_NUMBER: '2000' } });
    fixture = await insertArticleFixture(t.database.db);
    morning = await createNewsletter(t.database.db, { name: 'L’essentiel du matin' });
    picks = await createNewsletter(t.database.db, { name: 'Les Pépites', publicArchive: false });
    const blocks = [
      { kind: 'text' as const, text: 'Un mot de la rédaction pour ouvrir.' },
      { kind: 'article' as const, articleId: fixture.main.id, role: 'lead' as const },
    ];
    sent = await insertEdition(t.database.db, {
      newsletterId: morning.id,
      subject: 'Édition du mardi',
      intro: 'Bonjour à toutes et à tous.',
      blocks,
      status: 'sent',
      createdBy: null,
    });
    await t.database.db.updateTable('newsletter_editions').set({ sent_at: new Date().toISOString() }).where('id', '=', sent).execute();
    draft = await insertEdition(t.database.db, {
      newsletterId: morning.id,
      subject: 'Brouillon secret',
      blocks,
      status: 'draft',
      createdBy: null,
    });
    refresh();
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('shows the full form after articles and a compact one in the footer, nothing per visitor, cached', async () => {
    const first = await t.app.inject({ method: 'GET', url: fixture.main.path });
    assert.equal(first.statusCode, 200);
    const page = first.body;
    const end = /<section class="newsletter-box" aria-labelledby="nl-article-titre">.*?<\/section>/s.exec(page)?.[0] ?? '';
    assert.match(end, /action="\/newsletters\/inscription"/);
    assert.match(end, /name="source" value="article"/);
    assert.match(end, new RegExp(`name="newsletters" value="${morning.id}"`));
    assert.match(end, new RegExp(`name="newsletters" value="${picks.id}"`));
    assert.match(end, /data-pow/);
    const footer = /<section class="site-footer__newsletter".*?<\/section>/s.exec(page)?.[0] ?? '';
    assert.match(footer, /Choisir mes newsletters/);
    assert.doesNotMatch(footer, /name="newsletters"/, 'several newsletters: chosen on the full form');
    assert.doesNotMatch(page, /_csrf/);
    assert.equal(first.headers['set-cookie'], undefined);
    const second = await t.app.inject({ method: 'GET', url: fixture.main.path });
    assert.equal(second.body, page, 'the same bytes for every visitor');
  });

  it('the article-end form signs up through the usual route; the footer with several newsletters opens the full form', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/newsletters/inscription',
      headers: SAME_SITE,
      payload: `${form({ email: 'ines@exemple.fr', altcha: await solvedProof(t.app), source: 'article' })}&newsletters=${morning.id}`,
    });
    assert.equal(res.statusCode, 303);
    await smtp.next();
    const stored = await t.database.db.selectFrom('newsletter_confirmations').select(['email', 'source']).execute();
    assert.deepEqual(
      stored.map((r) => ({ ...r })),
      [{ email: 'ines@exemple.fr', source: 'formulaire : fin d’article' }],
    );

    const choose = await t.app.inject({
      method: 'POST',
      url: '/newsletters/inscription',
      headers: SAME_SITE,
      payload: form({ email: 'paul@exemple.fr', source: 'footer' }),
    });
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /value="paul@exemple.fr"/);
    assert.match(choose.body, /Choisissez vos newsletters/);
    assert.doesNotMatch(choose.body, /role="alert"/);
    assert.equal((await t.database.db.selectFrom('newsletter_confirmations').selectAll().execute()).length, 1, 'nothing sent yet');

    const crossSite = await t.app.inject({
      method: 'POST',
      url: '/newsletters/inscription',
      headers: { ...SAME_SITE, 'sec-fetch-site': 'cross-site' },
      payload: form({ email: 'paul@exemple.fr', source: 'footer' }),
    });
    assert.equal(crossSite.statusCode, 403);
  });

  it('the footer with one newsletter subscribes to it directly, with the same checks', async () => {
    await t.database.db.updateTable('newsletters').set({ active: 0 }).where('id', '=', picks.id).execute();
    refresh();
    try {
      const page = await t.app.inject({ method: 'GET', url: '/recherche' });
      const footer = /<section class="site-footer__newsletter".*?<\/section>/s.exec(page.body)?.[0] ?? '';
      assert.match(footer, /Newsletter «\s?L’essentiel du matin\s?»/u);
      assert.match(footer, new RegExp(`name="newsletters" value="${morning.id}"`));
      assert.match(footer, /data-pow/);
      const res = await t.app.inject({
        method: 'POST',
        url: '/newsletters/inscription',
        headers: SAME_SITE,
        payload: `${form({ email: 'pas-une-adresse', source: 'footer' })}&newsletters=${morning.id}`,
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /adresse/);
      const ok = await t.app.inject({
        method: 'POST',
        url: '/newsletters/inscription',
        headers: SAME_SITE,
        payload: `${form({ email: 'jules@exemple.fr', altcha: await solvedProof(t.app), source: 'footer' })}&newsletters=${morning.id}`,
      });
      assert.equal(ok.statusCode, 303);
      await smtp.next();
      const row = await t.database.db
        .selectFrom('newsletter_confirmations')
        .select('source')
        .where('email', '=', 'jules@exemple.fr')
        .executeTakeFirstOrThrow();
      assert.equal(row.source, 'formulaire : pied de page');
    } finally {
      await t.database.db.updateTable('newsletters').set({ active: 1 }).where('id', '=', picks.id).execute();
      refresh();
    }
  });

  it('lists the sent editions and shows one on the site, without any personal link', async () => {
    const list = await t.app.inject({ method: 'GET', url: `/newsletters/archives/${morning.slug}` });
    assert.equal(list.statusCode, 200);
    assert.match(list.body, new RegExp(`href="/newsletters/archives/${morning.slug}/${sent}"`));
    assert.match(list.body, /Édition du mardi/);
    assert.doesNotMatch(list.body, /Brouillon secret/);
    const edition = await t.app.inject({ method: 'GET', url: `/newsletters/archives/${morning.slug}/${sent}` });
    assert.equal(edition.statusCode, 200);
    assert.match(edition.body, /<h1>Édition du mardi<\/h1>/);
    assert.match(edition.body, /Bonjour à toutes et à tous/);
    assert.match(edition.body, /Un mot de la rédaction pour ouvrir/);
    assert.match(edition.body, new RegExp(`href="${fixture.main.path}"`));
    assert.doesNotMatch(edition.body, /kiosque\.invalid|desabonnement|mes-newsletters/);
    assert.match(String(edition.headers['cache-control']), /public/);
    const sitemap = await t.app.inject({ method: 'GET', url: '/sitemaps/pages.xml' });
    assert.match(sitemap.body, new RegExp(`/newsletters/archives/${morning.slug}</loc>`));
    assert.doesNotMatch(sitemap.body, new RegExp(`/newsletters/archives/${picks.slug}<`), 'archive off: not listed');
  });

  it('answers 404 in French when the archive is off, the edition not sent, or the address wrong', async () => {
    for (const url of [
      `/newsletters/archives/${picks.slug}`,
      `/newsletters/archives/${picks.slug}/${sent}`,
      `/newsletters/archives/${morning.slug}/${draft}`,
      `/newsletters/archives/${morning.slug}/0${sent}`,
      `/newsletters/archives/${morning.slug}/abc`,
      '/newsletters/archives/inconnue',
      `/newsletters/archives/INCONNUE/${sent}`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /n’a pas d’archives publiques|n’existe pas ou n’a pas encore été envoyée/, url);
    }
  });
});
