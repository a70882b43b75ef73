import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { simpleParser } from 'mailparser';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { getAs, postFormAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { insertEdition } from './edition-repository.ts';
import { addSubscribers } from './newsletter-test-fixtures.ts';
import { enqueueEditionSend } from './send-job.ts';
import { startSmtpSink, type SmtpSink } from './test-smtp-sink.ts';

const SITE = 'https://journal.exemple.fr';

const NEWSLETTER = {
  name: 'La lettre comptée',
  description: 'Une lettre qui compte son audience.',
  cadence: 'Chaque jeudi',
  senderName: 'La Rédaction',
  senderEmail: 'lettre@exemple.fr',
  replyTo: '',
  sendHour: '',
  topStories: '0',
  pepites: '0',
  videos: '0',
  podcasts: '0',
  publicArchive: '1',
  active: '1',
};

forEachDatabase('audience counts per edition (opt-in, never per reader)', (database) => {
  let t: TestApp;
  let sink: SmtpSink;
  let editor: SignedIn;
  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ dialect: database.label, seed: true, env: { PUBLIC_URL: SITE, NEWSLETTER_SMTP_URL: sink.url } });
    editor = await signInAs(t.app, 'editeur');
  });
  after(async () => {
    await t?.close();
    await sink?.close();
  });

  /** Rows per table, every table of the database: what a request may have written. */
  async function rowCounts(): Promise<Record<string, number>> {
    const db = t.database.db;
    const tables =
      database.label === 'postgres'
        ? (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db)).rows
        : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows;
    const counts: Record<string, number> = {};
    for (const { name } of tables)
      counts[name] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0].n);
    return counts;
  }

  const newsletterId = async (name: string) =>
    (await t.database.db.selectFrom('newsletters').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  it('is off unless chosen; when on, every recipient gets the same pixel and links, and only two totals move', async () => {
    const db = t.database.db;
    // Off by default: a newsletter saved without the box does not count.
    assert.equal((await postFormAs(t.app, editor, '/admin/newsletters', { ...NEWSLETTER, name: 'La lettre discrète' })).statusCode, 303);
    const quiet = await db
      .selectFrom('newsletters')
      .select('count_audience')
      .where('name', '=', 'La lettre discrète')
      .executeTakeFirstOrThrow();
    assert.equal(quiet.count_audience, 0);
    assert.equal((await postFormAs(t.app, editor, '/admin/newsletters', { ...NEWSLETTER, countAudience: '1' })).statusCode, 303);
    const nlId = await newsletterId(NEWSLETTER.name);

    const section = await createSection(db);
    const article = await createArticle(db, { section, headline: 'La criée de Douarnenez rouvre ses portes' });
    await addSubscribers(db, nlId, 3, 'compte');
    const editionId = await insertEdition(db, {
      newsletterId: nlId,
      subject: 'La lettre de jeudi',
      blocks: [{ kind: 'article', articleId: article.id, role: 'lead' }],
      status: 'scheduled',
      createdBy: null,
    });
    const first = sink.messages.length;
    await enqueueEditionSend(t.app.kiosque, editionId);
    await jobRunnerOf(t.app.kiosque)?.runDue();
    const received = sink.messages.slice(first);
    assert.equal(received.length, 3);
    const mails = await Promise.all(received.map((m) => simpleParser(m.raw)));

    // Without each reader's own two links (unsubscribe, "Mes newsletters"), the three messages are
    // the same bytes: nothing in the pixel or the links can tell one reader from another.
    const common = (s: string) => s.replace(/\/newsletters\/(mes-newsletters|desabonnement)\/[0-9a-z.]+\.[A-Za-z0-9_-]{32}/g, '/$1/…');
    const htmls = mails.map((m) => common(m.html || ''));
    const texts = mails.map((m) => common(m.text ?? ''));
    assert.equal(new Set(htmls).size, 1);
    assert.equal(new Set(texts).size, 1);
    const body = htmls[0].replaceAll('&#61;', '=').replaceAll('&amp;', '&'); // As a mail client reads the attributes.
    const pixel = /<img src="https:\/\/journal\.exemple\.fr(\/newsletters\/ouverture\/[^"]+\/pixel\.gif)" width="1" height="1" alt=""/.exec(
      body,
    )?.[1];
    assert.ok(pixel, 'the pixel is in the message');
    const articleUrl = `${SITE}/${section.slug}/${article.slug}`;
    const counted = new RegExp(
      `href="https://journal\\.exemple\\.fr(/newsletters/clic/[^"?]+\\?vers=${encodeURIComponent(articleUrl).replace(/[.]/g, '\\.')})"`,
    ).exec(body)?.[1];
    assert.ok(counted, 'the article link is counted');
    assert.match(mails[0].text ?? '', /\/newsletters\/clic\//);
    assert.match(body, /compte ses ouvertures et ses clics en un total pour toute l’édition/);
    assert.doesNotMatch(body, /aucun traceur/);

    // Two opens and a click: the edition's two totals move, nothing else in the database does.
    const before1 = await rowCounts();
    const sendsBefore = await db
      .selectFrom('newsletter_sends')
      .selectAll()
      .where('edition_id', '=', editionId)
      .orderBy('reader_id')
      .execute();
    for (let i = 0; i < 2; i++) {
      const hit: { statusCode: number; headers: Record<string, unknown> } = await t.app.inject({ method: 'GET', url: pixel });
      assert.equal(hit.statusCode, 200);
      assert.equal(hit.headers['content-type'], 'image/gif');
      assert.equal(hit.headers['cache-control'], 'no-store');
      assert.equal(hit.headers['set-cookie'], undefined);
    }
    const click = await t.app.inject({ method: 'GET', url: counted });
    assert.equal(click.statusCode, 302);
    assert.equal(click.headers.location, articleUrl);
    assert.equal(click.headers['set-cookie'], undefined);
    // A token signs one URL: the route is no open redirect, and a forged token counts nothing.
    const token = /\/clic\/([^?]+)/.exec(counted)?.[1] ?? '';
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/newsletters/clic/${token}?vers=${encodeURIComponent('https://ailleurs.example/')}` }))
        .statusCode,
      404,
    );
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/newsletters/ouverture/1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/pixel.gif' })).statusCode,
      200,
    );
    assert.deepEqual(await rowCounts(), before1);
    assert.deepEqual(
      await db.selectFrom('newsletter_sends').selectAll().where('edition_id', '=', editionId).orderBy('reader_id').execute(),
      sendsBefore,
    );
    const totals = async () => {
      const row = await db
        .selectFrom('newsletter_editions')
        .select(['opens', 'clicks'])
        .where('id', '=', editionId)
        .executeTakeFirstOrThrow();
      return [Number(row.opens), Number(row.clicks)];
    };
    assert.deepEqual(await totals(), [2, 1]);

    // The edition's send log screen shows the totals.
    const screen = await getAs(t.app, editor, `/admin/newsletters/editions/${editionId}`);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /Audience : 2 ouvertures · 1 clic /);

    // Counting turned off: the same links still lead to the article, and count nothing more.
    await db.updateTable('newsletters').set({ count_audience: 0 }).where('id', '=', nlId).execute();
    assert.equal((await t.app.inject({ method: 'GET', url: counted })).statusCode, 302);
    await t.app.inject({ method: 'GET', url: pixel });
    assert.deepEqual(await totals(), [2, 1]);
  });

  it('a newsletter that does not count sends no pixel and plain links', async () => {
    const db = t.database.db;
    const nlId = await newsletterId('La lettre discrète');
    await addSubscribers(db, nlId, 1, 'discret');
    const editionId = await insertEdition(db, {
      newsletterId: nlId,
      subject: 'Sans compte',
      blocks: [{ kind: 'text', text: 'Rien à compter.' }],
      status: 'scheduled',
      createdBy: null,
    });
    const first = sink.messages.length;
    await enqueueEditionSend(t.app.kiosque, editionId);
    await jobRunnerOf(t.app.kiosque)?.runDue();
    const [message] = sink.messages.slice(first);
    const mail = await simpleParser(message.raw);
    assert.doesNotMatch(mail.html || '', /ouverture|\/clic\/|<img/);
    assert.match(mail.html || '', /aucun traceur/);
    const screen = await getAs(t.app, editor, `/admin/newsletters/editions/${editionId}`);
    assert.doesNotMatch(screen.body, /Audience :/);
  });
});
