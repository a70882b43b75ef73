import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { recordAudit } from './audit-log.ts';
import { AUDIT_PAGE_SIZE } from './audit-routes.ts';

forEachDatabase('audit log screen', (database) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
  });
  after(() => t?.close());

  test('administrators read the journal newest first, 50 a page, filtered by action, dates in French', async () => {
    const admin = await signInAs(t.app, 'administrateur', { name: 'Anne Admin' });
    const editor = await signInAs(t.app, 'editeur', { name: 'Élise <b>Éditrice</b>' });
    for (let i = 1; i <= AUDIT_PAGE_SIZE + 5; i++)
      await recordAudit(t.app.kiosque.db, editor.actor, 'article.publish', { type: 'article', id: i }, { headline: `Titre ${i}` });
    await recordAudit(
      t.app.kiosque.db,
      admin.actor,
      'user.role',
      { type: 'user', id: editor.userId },
      { name: 'Élise', from: 'journaliste', to: 'editeur' },
    );

    const first = await t.app.inject({ method: 'GET', url: '/admin/journal', headers: { cookie: admin.cookie } });
    assert.equal(first.statusCode, 200);
    assert.equal(first.body.match(/<tr><td><time/g)?.length, AUDIT_PAGE_SIZE);
    assert.match(
      first.body,
      /Changement de rôle<\/td><td><a href="\/admin\/utilisateurs\/\d+">Compte nº\u00A0\d+<\/a><\/td><td>Élise : Journaliste → Éditeur/,
    );
    assert.match(first.body, /\d{1,2}(er)?\s[a-zéû]+\s\d{4} à \d{1,2}\sh\s\d{2}/);
    assert.ok(first.body.includes('Élise &#60;b&#62;Éditrice&#60;/b&#62;'), 'names are escaped');
    assert.match(first.body, /href="\/admin\/journal\?page(=|&#61;)2" rel="next"/);

    const second = await t.app.inject({ method: 'GET', url: '/admin/journal?page=2', headers: { cookie: admin.cookie } });
    assert.equal(second.body.match(/<tr><td><time/g)?.length, 6);

    const filtered = await t.app.inject({ method: 'GET', url: '/admin/journal?action=user.role', headers: { cookie: admin.cookie } });
    assert.equal(filtered.body.match(/<tr><td><time/g)?.length, 1);
    assert.match(filtered.body, /<option value="user.role" selected>/);

    const junk = await t.app.inject({
      method: 'GET',
      url: '/admin/journal?page=abc&action=%3Cscript%3E',
      headers: { cookie: admin.cookie },
    });
    assert.equal(junk.statusCode, 200, 'bad parameters fall back to the first page, all actions');

    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/journal', headers: { cookie: editor.cookie } })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'GET', url: '/admin/journal' })).statusCode, 303);
  });
});
