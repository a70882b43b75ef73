import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createPerson, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import type { Actor } from '../accounts/policy.ts';
import { apiClientFor } from '../api/api-test-client.ts';
import { insertTestUser } from '../api/api-test-users.ts';
import type { Role } from '../core/db/schema.ts';
import { listArticles } from './admin/article-list-repository.ts';
import { getArticleForEdit } from './operations/article-for-edit.ts';
import { loadArticleState, policySubject } from './operations/article-store.ts';
import { canSeeArticle } from './visibility.ts';

// The list and the read must agree, for every role and every way an article can be someone's:
// the API list, the API read, the back-office list and the editor all answer the same set.

const ROLES: Role[] = ['contributeur', 'journaliste', 'editeur', 'administrateur'];

forEachDatabase('who sees which article', (engine) => {
  let t: TestApp;
  const articles: Record<string, number> = {};
  const clients = new Map<Role, Awaited<ReturnType<typeof apiClientFor>>>();
  const actors = new Map<Role, Actor>();

  before(async () => {
    t = await createTestApp({ dialect: engine.label });
    const db = t.app.kiosque.db;
    const section = await createSection(db);
    const contributorPerson = await createPerson(db, { name: 'Camille Contributrice' });
    const journalistPerson = await createPerson(db, { name: 'Jules Journaliste' });
    const otherPerson = await createPerson(db, { name: 'Odile Autre' });
    for (const role of ROLES) {
      const personId = role === 'contributeur' ? contributorPerson.id : role === 'journaliste' ? journalistPerson.id : null;
      const client = await apiClientFor(t.app, role, { personId });
      clients.set(role, client);
      actors.set(role, { userId: client.userId, name: role, role, personId });
    }
    const contributor = clients.get('contributeur')!.userId;
    const journalist = clients.get('journaliste')!.userId;
    const editor = clients.get('editeur')!.userId;
    const make = async (name: string, over: Omit<Parameters<typeof createArticle>[1], 'section'>) => {
      articles[name] = (await createArticle(db, { section, status: 'draft', published_at: null, ...over })).id;
    };
    await make('created by the contributor', { created_by_user_id: contributor });
    await make('signed by the contributor', { created_by_user_id: editor, authors: [contributorPerson] });
    await make('signed by the journalist', { created_by_user_id: editor, authors: [journalistPerson] });
    await make('shared with the contributor', { created_by_user_id: editor, authors: [otherPerson] });
    await make('shared with the journalist', { created_by_user_id: editor, authors: [otherPerson] });
    await make('submitted by the journalist', { created_by_user_id: journalist, status: 'submitted' });
    await make('published, nobody’s', { created_by_user_id: null, status: 'published', published_at: new Date(0).toISOString() });
    await db
      .insertInto('article_shares')
      .values([
        { article_id: articles['shared with the contributor']!, user_id: contributor },
        { article_id: articles['shared with the journalist']!, user_id: journalist },
      ])
      .execute();
  });
  after(() => t.close());

  const EXPECTED: Record<Role, string[]> = {
    // A contributor has no `article:edit-shared`: a piece shared with them stays out of sight.
    contributeur: ['created by the contributor', 'signed by the contributor'],
    journaliste: ['signed by the journalist', 'shared with the journalist', 'submitted by the journalist'],
    editeur: [],
    moderateur: [],
    administrateur: [],
  };
  const expectedFor = (role: Role) =>
    (role === 'editeur' || role === 'administrateur' ? Object.keys(articles) : EXPECTED[role]).map((name) => articles[name]!).sort();
  const ours = (ids: number[]) => ids.filter((id) => Object.values(articles).includes(id)).sort();

  for (const role of ROLES) {
    it(`${role}: the API list, the API read, the back-office list and the editor agree`, async () => {
      const db = t.app.kiosque.db;
      const client = clients.get(role)!;
      const actor = actors.get(role)!;
      const expected = expectedFor(role);

      const listed = await client.call('GET', '/articles?perPage=100');
      assert.equal(listed.statusCode, 200, listed.body);
      assert.deepEqual(ours(listed.json().items.map((a: { id: number }) => a.id)), expected, 'API list');

      const readable: number[] = [];
      for (const id of Object.values(articles)) {
        const read = await client.call('GET', `/articles/${id}`);
        assert.ok(read.statusCode === 200 || read.statusCode === 404, `${id}: ${read.statusCode}`);
        if (read.statusCode === 200) readable.push(id);
      }
      assert.deepEqual(ours(readable), expected, 'API read');

      const { items } = await listArticles(db, t.app.kiosque.dialect, actor, {}, 1, 100);
      assert.deepEqual(ours(items.map((a) => a.id)), expected, 'back-office list');

      const editable: number[] = [];
      for (const id of Object.values(articles)) {
        const opened = await getArticleForEdit(db, actor, id).then(
          () => true,
          (error: { status?: number }) => {
            assert.equal(error.status, 403);
            return false;
          },
        );
        if (opened) editable.push(id);
        assert.equal(canSeeArticle(actor, policySubject(await loadArticleState(db, id))), opened, 'the predicate says the same');
      }
      assert.deepEqual(ours(editable), expected, 'editor');
    });
  }

  it('a role without article permissions sees none, in the list or opened', async () => {
    const db = t.app.kiosque.db;
    const moderator = await insertTestUser(db, 'moderateur');
    const { items } = await listArticles(db, t.app.kiosque.dialect, moderator, {}, 1, 100);
    assert.deepEqual(ours(items.map((a) => a.id)), []);
    for (const id of Object.values(articles)) assert.equal(canSeeArticle(moderator, policySubject(await loadArticleState(db, id))), false);
  });
});
