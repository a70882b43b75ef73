import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startSmtpCatcher, type SmtpCatcher } from '../../core/mail/smtp-catcher.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { createArticle, createComment, createSection } from '../../../test/support/content-factories.ts';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { form, postComment, postedId, type SignedInReader, signInReader } from '../../../test/support/readers.ts';
import { signInAs } from '../../../test/support/sign-in.ts';
import type { Role } from '../../core/db/schema.ts';
import { spamProbability } from '../spam-model.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

forEachDatabase('moderation desk', (database) => {
  let t: TestApp;
  let smtp: SmtpCatcher;
  let section: { id: number; slug: string };
  before(async () => {
    smtp = await startSmtpCatcher();
    t = await createTestApp({ dialect: database.label, env: { POW_MAX_NUMBER: '2000', SMTP_URL: smtp.url } });
    section = await createSection(t.database.db);
  });
  after(async () => {
    await t?.close();
    await smtp?.close();
  });
  const db = () => t.database.db;

  async function postAs(reader: SignedInReader, articleId: number, body: string, parent?: number) {
    const res = await postComment(t.app, reader, articleId, { body, parent });
    assert.equal(res.statusCode, 303, res.body);
    return postedId(res);
  }

  it('only moderators, editors and administrators open the desk; CSRF is refused on every desk action', async () => {
    const expected: Record<Role, number> = { contributeur: 403, journaliste: 403, editeur: 200, moderateur: 200, administrateur: 200 };
    for (const role of Object.keys(expected) as Role[]) {
      const staff = await signInAs(t.app, role);
      const res = await t.app.inject({ method: 'GET', url: '/admin/commentaires', headers: { cookie: staff.cookie } });
      assert.equal(res.statusCode, expected[role], role);
    }
    const moderator = await signInAs(t.app, 'moderateur');
    for (const url of [
      '/admin/commentaires/decision',
      '/admin/commentaires/lecteurs/1',
      '/admin/commentaires/articles/1/retablir',
      '/admin/commentaires/listes',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...FORM, cookie: moderator.cookie },
        payload: form({ action: 'approve', ids: '1' }),
      });
      assert.equal(res.statusCode, 403, url);
    }
  });

  it('a first comment waits, the moderator approves it, the page shows it; a refusal gives the reader its statement of reasons; a contest returns it to the queue once', async () => {
    const article = await createArticle(db(), { section });
    const reader = await signInReader(t.app);
    const id = await postAs(reader, article.id, 'Un avis nuancé sur la question posée.');
    const moderator = await signInAs(t.app, 'moderateur');
    const desk = await t.app.inject({ method: 'GET', url: '/admin/commentaires', headers: { cookie: moderator.cookie } });
    assert.match(desk.body, /Un avis nuancé/);
    assert.match(desk.body, /Premier commentaire du lecteur/);
    const decide = (ids: number[], action: string, reason = '') =>
      t.app.inject({
        method: 'POST',
        url: '/admin/commentaires/decision',
        headers: { ...FORM, cookie: moderator.cookie },
        payload: `${ids.map((i) => `ids=${i}`).join('&')}&${form({ _csrf: moderator.csrfToken, action, reason })}`,
      });
    assert.equal((await decide([id], 'approve')).statusCode, 303);
    const page = await t.app.inject({ method: 'GET', url: `/${section.slug}/${article.slug}` });
    assert.match(page.body, /Un avis nuancé/);

    const second = await postAs(reader, article.id, 'Un second avis, moins heureux.');
    const noReason = await decide([second], 'refuse');
    assert.equal(noReason.statusCode, 422);
    assert.equal((await decide([second], 'refuse', 'Attaque personnelle contre un autre lecteur.')).statusCode, 303);
    const mine = await t.app.inject({ method: 'GET', url: '/lecteurs/commentaires', headers: { cookie: reader.cookie } });
    assert.match(mine.body, /Motif de la décision.*Attaque personnelle contre un autre lecteur/s);
    const profile = await t.app.inject({ method: 'GET', url: '/lecteurs/profil', headers: { cookie: reader.cookie } });
    assert.match(profile.body, /Commentaire refusé/);
    const contest = () =>
      t.app.inject({
        method: 'POST',
        url: `/commentaires/${second}/contester`,
        headers: { ...FORM, cookie: reader.cookie },
        payload: form({ _csrf: reader.csrfToken, text: 'Je ne visais personne.' }),
      });
    assert.equal((await contest()).statusCode, 303);
    const row = await db().selectFrom('comments').select(['status', 'contest_text']).where('id', '=', second).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { status: 'pending', contest_text: 'Je ne visais personne.' });
    assert.equal((await decide([second], 'refuse', 'Décision maintenue.')).statusCode, 303);
    assert.equal((await contest()).statusCode, 409);
    const audit = await db().selectFrom('audit_log').select('action').where('subject_type', '=', 'comment').execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['comment.approve', 'comment.refuse', 'comment.refuse']);
  });

  it('warns, suspends until a date and bans a reader, with the message on their account', async () => {
    const reader = await signInReader(t.app);
    const moderator = await signInAs(t.app, 'moderateur');
    const act = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: `/admin/commentaires/lecteurs/${reader.id}`,
        headers: { ...FORM, cookie: moderator.cookie },
        payload: form({ _csrf: moderator.csrfToken, ...fields }),
      });
    assert.equal((await act({ sanction: 'suspend', message: 'Ton agressif.', until: '2001-01-01' })).statusCode, 422);
    assert.equal((await act({ sanction: 'warn', message: 'Restez courtois.' })).statusCode, 303);
    assert.equal((await act({ sanction: 'suspend', message: 'Ton agressif répété.', until: '2099-01-31' })).statusCode, 303);
    let profile = await t.app.inject({ method: 'GET', url: '/lecteurs/profil', headers: { cookie: reader.cookie } });
    assert.match(profile.body, /suspendu jusqu’au 31\s+janvier\s+2099/u);
    assert.equal((await act({ sanction: 'ban', message: 'Menaces.' })).statusCode, 303);
    profile = await t.app.inject({ method: 'GET', url: '/lecteurs/profil', headers: { cookie: reader.cookie } });
    assert.match(profile.body, /exclu des commentaires.*Menaces/s);
  });

  it('reports past the threshold switch the article to pré-modération, alert moderators by mail, and one click reverses it', async () => {
    const article = await createArticle(db(), { section });
    const author = await signInReader(t.app, { approvedOn: article.id });
    const target = await postAs(author, article.id, 'Un commentaire qui fâche.');
    await signInAs(t.app, 'moderateur', { email: 'moderation@exemple.fr' });
    await db().updateTable('users').set({ status: 'disabled' }).where('email', '!=', 'moderation@exemple.fr').execute();
    for (let i = 0; i < 5; i++) {
      const reporter = await signInReader(t.app);
      const res = await t.app.inject({
        method: 'POST',
        url: `/commentaires/${target}/signaler`,
        headers: { ...FORM, cookie: reporter.cookie },
        payload: form({ _csrf: reporter.csrfToken, reason: 'insulte' }),
      });
      assert.equal(res.statusCode, 200);
    }
    const thread = await db()
      .selectFrom('comment_threads')
      .select('auto_premoderation_at')
      .where('article_id', '=', article.id)
      .executeTakeFirstOrThrow();
    assert.ok(thread.auto_premoderation_at);
    const alert = await smtp.next();
    assert.match(alert.subject ?? '', /pré-modération/);
    const page = await t.app.inject({ method: 'GET', url: `/${section.slug}/${article.slug}` });
    assert.match(page.body, /lus par la rédaction avant d’être publiés/);
    const next = await postAs(author, article.id, 'Encore un avis.');
    assert.equal((await db().selectFrom('comments').select('status').where('id', '=', next).executeTakeFirstOrThrow()).status, 'pending');
    const moderator = await signInAs(t.app, 'moderateur');
    const desk = await t.app.inject({ method: 'GET', url: '/admin/commentaires?file=signales', headers: { cookie: moderator.cookie } });
    assert.match(desk.body, /Pré-modération automatique/);
    assert.match(desk.body, /Un commentaire qui fâche/);
    const restore = await t.app.inject({
      method: 'POST',
      url: `/admin/commentaires/articles/${article.id}/retablir`,
      headers: { ...FORM, cookie: moderator.cookie },
      payload: form({ _csrf: moderator.csrfToken }),
    });
    assert.equal(restore.statusCode, 303);
    const after = await t.app.inject({ method: 'GET', url: `/${section.slug}/${article.slug}` });
    assert.doesNotMatch(after.body, /lus par la rédaction avant/);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'article')
      .where('subject_id', '=', String(article.id))
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['comments.auto-premoderation', 'comments.restore-mode']);
  });

  it('word lists are editable; the spam score learns from decisions and queues, never drops', async () => {
    const moderator = await signInAs(t.app, 'moderateur');
    const save = await t.app.inject({
      method: 'POST',
      url: '/admin/commentaires/listes',
      headers: { ...FORM, cookie: moderator.cookie },
      payload: form({
        _csrf: moderator.csrfToken,
        disposable_domains: 'jetable.example',
        banned_words: 'patate pourrie',
        suspect_words: 'navet',
      }),
    });
    assert.equal(save.statusCode, 303);
    const article = await createArticle(db(), { section });
    const reader = await signInReader(t.app);
    const refused = await postComment(t.app, reader, article.id, { body: 'Quelle P4TATE  p.o.u.r.r.i.e !', altcha: '' });
    assert.equal(refused.statusCode, 422);
    assert.equal(await spamProbability(db(), 'achetez des montres pas chères'), null);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      for (const body of [
        `Achetez des montres pas chères, promotion numéro ${i}`,
        `Analyse intéressante du budget de la commune, point ${i}`,
      ]) {
        const { id } = await createComment(db(), { article_id: article.id, reader_id: reader.id, body, status: 'pending' });
        ids.push(id);
      }
    }
    const decide = (list: number[], action: string, reason = '') =>
      t.app.inject({
        method: 'POST',
        url: '/admin/commentaires/decision',
        headers: { ...FORM, cookie: moderator.cookie },
        payload: `${list.map((i) => `ids=${i}`).join('&')}&${form({ _csrf: moderator.csrfToken, action, reason })}`,
      });
    assert.equal(
      (
        await decide(
          ids.filter((_, i) => i % 2 === 0),
          'refuse',
          'Publicité.',
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await decide(
          ids.filter((_, i) => i % 2 === 1),
          'approve',
        )
      ).statusCode,
      303,
    );
    const spam = await spamProbability(db(), 'Achetez des montres en promotion');
    const ham = await spamProbability(db(), 'Une analyse du budget de la commune');
    assert.ok(spam !== null && spam > 0.9, String(spam));
    assert.ok(ham !== null && ham < 0.1, String(ham));
  });
});
