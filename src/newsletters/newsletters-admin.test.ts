import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { getAs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { multipartBody } from '../media/test-media-fixtures.ts';
import { startSmtpCatcher, type SmtpCatcher } from '../core/mail/smtp-catcher.ts';
import { parseBlocks } from './edition-blocks.ts';
import { addSubscribers, createNewsletter } from './newsletter-test-fixtures.ts';

const NEWSLETTER = {
  name: 'La lettre du soir',
  description: 'Le résumé de la journée.',
  cadence: 'Chaque soir, à 19 heures',
  senderName: 'Le Sextant',
  senderEmail: 'soir@exemple.fr',
  replyTo: '',
  sendHour: '',
  lead: '1',
  topStories: '3',
  pepites: '2',
  videos: '1',
  podcasts: '0',
  needsApproval: '1',
  publicArchive: '1',
  active: '1',
};

forEachDatabase('newsletters in the back office', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  let smtp: SmtpCatcher;
  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, seed: true, env: { NEWSLETTER_SMTP_URL: smtp.url } });
    editor = await signInAs(t.app, 'editeur');
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });

  const importCsv = async (newsletterId: number, csv: string | Buffer, mode: 'essai' | 'import', name = 'export.csv') => {
    const body = await multipartBody(
      { newsletterId: String(newsletterId), mode },
      { name, type: 'text/csv', bytes: Buffer.isBuffer(csv) ? csv : Buffer.from(csv) },
    );
    return t.app.inject({
      method: 'POST',
      url: `/admin/newsletters/abonnes/import?_csrf=${encodeURIComponent(editor.csrfToken)}`,
      headers: { ...body.headers, cookie: editor.cookie },
      payload: body.payload,
    });
  };

  it('creates a newsletter, composes an edition from la une, reorders it, previews it, sends a test, waits for approval', async () => {
    const bad = await postFormAs(t.app, editor, '/admin/newsletters', { ...NEWSLETTER, senderEmail: 'pas une adresse' });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /adresse d’expéditeur valable/);
    const created = await postFormAs(t.app, editor, '/admin/newsletters', NEWSLETTER);
    assert.equal(created.statusCode, 303);
    const id = Number(/\/admin\/newsletters\/(\d+)/.exec(String(created.headers.location))?.[1]);
    const composed = await postFormAs(t.app, editor, `/admin/newsletters/${id}/editions`, {});
    assert.equal(composed.statusCode, 303);
    const editionId = Number(/editions\/(\d+)/.exec(String(composed.headers.location))?.[1]);
    const edition = await t.database.db.selectFrom('newsletter_editions').selectAll().where('id', '=', editionId).executeTakeFirstOrThrow();
    const blocks = parseBlocks(edition.blocks);
    // The recipe: the lead, three top stories, two pépites, one video, from the demo's la une.
    assert.deepEqual(
      blocks.map((b) => (b.kind === 'article' ? b.role : b.kind)),
      ['lead', 'story', 'story', 'story', 'pepite', 'pepite', 'video'],
    );
    const page = await getAs(t.app, editor, `/admin/newsletters/editions/${editionId}`);
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-security-policy']), /frame-src 'self'/);

    // Move the second block up, remove the last, add a text: the form works without JavaScript.
    const form = (action: string, extra: Record<string, string> = {}) => ({
      subject: 'Ce soir: l’essentiel',
      intro: 'Bonsoir ! Voici la lettre.',
      block: blocks.map((b) => (b.kind === 'article' ? `article:${b.articleId}:${b.role}` : 'text')),
      action,
      ...extra,
    });
    assert.equal((await postFormAs(t.app, editor, `/admin/newsletters/editions/${editionId}`, form('up:1'))).statusCode, 303);
    const moved = parseBlocks(
      (await t.database.db.selectFrom('newsletter_editions').select('blocks').where('id', '=', editionId).executeTakeFirstOrThrow()).blocks,
    );
    assert.equal(moved[0].kind === 'article' && moved[0].articleId, blocks[1].kind === 'article' && blocks[1].articleId);
    await postFormAs(t.app, editor, `/admin/newsletters/editions/${editionId}`, {
      ...form('add-text'),
      newText: 'Un mot de la rédaction.',
    });
    const unknown = await postFormAs(t.app, editor, `/admin/newsletters/editions/${editionId}`, {
      ...form('add-article'),
      article: '999999',
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /Aucun article publié/);

    const preview = await getAs(t.app, editor, `/admin/newsletters/editions/${editionId}/apercu.html`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /<html lang="fr"/);
    assert.match(String(preview.headers['content-security-policy']), /default-src 'none'/);
    // Every image has its alt text and dimensions; no link goes through a redirector.
    for (const img of preview.body.match(/<img [^>]*>/g) ?? []) assert.match(img, /alt="[^"]+".*height="\d+"|height="\d+".*alt="[^"]+"/);
    for (const [, href] of preview.body.matchAll(/href="([^"]+)"/g))
      assert.match(href, /^(http:\/\/127\.0\.0\.1|https:\/\/kiosque\.invalid|https?:\/\/)/);
    const text = await getAs(t.app, editor, `/admin/newsletters/editions/${editionId}/apercu.txt`);
    assert.match(text.body, /Bonsoir\u202f! Voici la lettre\./);

    const test = await postFormAs(t.app, editor, `/admin/newsletters/editions/${editionId}/test`, {});
    assert.equal(test.statusCode, 303);
    const mail = await smtp.next();
    assert.match(mail.subject ?? '', /^\[Test\] Ce soir\u00a0: l’essentiel/);
    // A test carries nobody's signed links.
    assert.doesNotMatch(mail.text ?? '', /desabonnement|mes-newsletters/);

    // This newsletter asks for approval: scheduling holds the edition until an editor approves.
    const scheduled = await postFormAs(t.app, editor, `/admin/newsletters/editions/${editionId}/programmer`, { when: 'now' });
    assert.equal(scheduled.headers.location, `/admin/newsletters/editions/${editionId}?ok=approbation`);
    assert.equal(
      (await t.database.db.selectFrom('jobs').selectAll().where('unique_key', '=', `newsletter-send:${editionId}`).execute()).length,
      0,
    );
    await postFormAs(t.app, editor, `/admin/newsletters/editions/${editionId}/approuver`, {});
    const job = await t.database.db
      .selectFrom('jobs')
      .select('status')
      .where('unique_key', '=', `newsletter-send:${editionId}`)
      .executeTakeFirst();
    assert.ok(job);

    // A journalist may not touch newsletters.
    const journalist = await signInAs(t.app, 'journaliste');
    assert.equal((await getAs(t.app, journalist, '/admin/newsletters')).statusCode, 403);
  });

  it('imports a Mailchimp CSV (dry run, then for real), keeps consent dates, exports, erases; a re-import cannot resubscribe', async () => {
    const nl = await t.database.db.selectFrom('newsletters').select('id').where('slug', '=', 'les-pepites').executeTakeFirstOrThrow();
    const csv = [
      'Email Address,First Name,CONFIRM_TIME,Status',
      'anne@exemple.fr,Anne,2024-03-01 08:00:00,subscribed',
      'ANNE@exemple.fr,Anne,2024-03-01 08:00:00,subscribed',
      'parti@exemple.fr,Paul,2024-03-02 08:00:00,unsubscribed',
      'pas-une-adresse,X,2024-03-02 08:00:00,subscribed',
      'bruno@exemple.fr,Bruno,2025-01-15 10:30:00,subscribed',
    ].join('\n');
    const dry = await importCsv(nl.id, csv, 'essai');
    assert.equal(dry.statusCode, 200);
    assert.match(dry.body, /Essai à blanc/);
    assert.match(dry.body, /Format reconnu : Mailchimp\. 5 lignes lues ; 2 abonnés seraient ajoutés/);
    assert.equal(
      (await t.database.db.selectFrom('newsletter_subscriptions').selectAll().where('newsletter_id', '=', nl.id).execute()).length,
      0,
    );
    const real = await importCsv(nl.id, csv, 'import');
    assert.match(real.body, /Import terminé/);
    const subs = await t.database.db
      .selectFrom('newsletter_subscriptions')
      .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
      .select(['readers.id', 'readers.email', 'consent_at', 'consent_source'])
      .where('newsletter_id', '=', nl.id)
      .orderBy('readers.email')
      .execute();
    assert.deepEqual(
      subs.map((s) => [s.email, new Date(s.consent_at).toISOString()]),
      [
        ['anne@exemple.fr', '2024-03-01T08:00:00.000Z'],
        ['bruno@exemple.fr', '2025-01-15T10:30:00.000Z'],
      ],
    );
    assert.match(subs[0].consent_source, /import Mailchimp : export\.csv/);

    const exported = await getAs(t.app, editor, `/admin/newsletters/abonnes/export.csv?newsletter=${nl.id}`);
    const rows = parse(exported.body, { columns: true, bom: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => r.email).sort(), ['anne@exemple.fr', 'bruno@exemple.fr']);

    const search = await getAs(t.app, editor, '/admin/newsletters/abonnes?q=BRUNO');
    assert.match(search.body, /bruno@exemple\.fr/);
    assert.doesNotMatch(search.body, /anne@exemple\.fr/);

    const erased = await postFormAs(t.app, editor, `/admin/newsletters/abonnes/${subs[0].id}/supprimer`, {});
    assert.equal(erased.statusCode, 303);
    assert.equal((await t.database.db.selectFrom('readers').select('id').where('email', '=', 'anne@exemple.fr').execute()).length, 0);
    const again = await importCsv(nl.id, csv, 'import');
    assert.match(again.body, /1 adresses effacées, jamais réabonnées/);
    assert.equal((await t.database.db.selectFrom('readers').select('id').where('email', '=', 'anne@exemple.fr').execute()).length, 0);
  });

  it('refuses bad files in French and changes nothing: wrong columns, wrong encoding, too many rows', async () => {
    const nl = await t.database.db.selectFrom('newsletters').select('id').where('slug', '=', 'vu-d-ailleurs').executeTakeFirstOrThrow();
    const count = async () => (await t.database.db.selectFrom('newsletter_subscriptions').select('id').execute()).length;
    const before1 = await count();
    const columns = await importCsv(nl.id, 'nom,telephone\nAnne,0102030405\n', 'import');
    assert.equal(columns.statusCode, 422);
    assert.match(columns.body, /Colonne d’adresse introuvable/);
    const latin1 = await importCsv(nl.id, Buffer.from('email,nom\nzoé@exemple.fr,Zoé\n', 'latin1'), 'import');
    assert.equal(latin1.statusCode, 422);
    assert.match(latin1.body, /n’est pas encodé en UTF-8/);
    const huge = await importCsv(nl.id, `email\n${'a@exemple.fr\n'.repeat(200_001)}`, 'import');
    assert.equal(huge.statusCode, 422);
    assert.match(huge.body, /plus de 200.000 lignes/);
    assert.equal(await count(), before1);
  });

  it('exports a list longer than a page of the stream, each subscriber once, newest first', async () => {
    const nl = await createNewsletter(t.database.db, { name: 'Longue liste' });
    const ids = await addSubscribers(t.database.db, nl.id, 2500, 'export-long');
    await t.database.db.updateTable('newsletter_subscriptions').set({ soft_bounces: 2 }).where('reader_id', '=', ids[7]).execute();
    const exported = await getAs(t.app, editor, `/admin/newsletters/abonnes/export.csv?newsletter=${nl.id}&statut=active`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /^text\/csv; charset=utf-8/);
    const rows = parse(exported.body, { columns: true, bom: true }) as Record<string, string>[];
    assert.equal(rows.length, ids.length);
    assert.equal(new Set(rows.map((r) => r.email)).size, ids.length);
    assert.deepEqual([rows[0].email, rows[rows.length - 1].email], ['export-long-2499@exemple.fr', 'export-long-0@exemple.fr']);
    assert.ok(rows.every((r) => r.newsletter === 'Longue liste' && r.etat === 'Abonné'));
    assert.deepEqual(
      rows.filter((r) => r.rebonds_temporaires !== '0').map((r) => [r.email, r.rebonds_temporaires]),
      [['export-long-7@exemple.fr', '2']],
    );
    const screen = await getAs(t.app, editor, '/admin/newsletters/abonnes?q=export-long-7%40');
    assert.match(screen.body, /<td>export-long-7@exemple\.fr<\/td><td><\/td><td>Longue liste<\/td><td>Abonné<\/td><td>2<\/td>/);
    const none = await getAs(t.app, editor, '/admin/newsletters/abonnes/export.csv?q=personne-de-tel');
    assert.deepEqual(parse(none.body, { bom: true }), [
      ['email', 'nom', 'newsletter', 'etat', 'consentement', 'source', 'rebonds_temporaires'],
    ]);
  });
});
