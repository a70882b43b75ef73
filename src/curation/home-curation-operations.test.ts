import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { createArticle, createSection, minutesAgo } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import type { AppError } from '../core/http/app-error.ts';
import type { Actor } from '../accounts/policy.ts';
import { makeActor, operationContext } from './curation-test-support.ts';
import { FormError } from './curation-validation.ts';
import { HOME_SLOT_COUNT, listHomeSlots, saveHomeSlots } from './home-curation-operations.ts';
import { applyListAction, movedTo, parseListAction } from './ordered-list-actions.ts';

it('list actions move, remove and add by index, ignoring moves past the ends', () => {
  const list = ['a', 'b', 'c'];
  assert.deepEqual(applyListAction(list, parseListAction('up:2')!), ['a', 'c', 'b']);
  assert.deepEqual(applyListAction(list, parseListAction('down:0')!), ['b', 'a', 'c']);
  assert.deepEqual(applyListAction(list, parseListAction('first:2')!), ['c', 'a', 'b']);
  assert.deepEqual(applyListAction(list, parseListAction('remove:1')!), ['a', 'c']);
  assert.deepEqual(applyListAction(list, parseListAction('add:9')!, 'z'), ['a', 'b', 'c', 'z']);
  assert.deepEqual(applyListAction(list, parseListAction('up:0')!), list);
  assert.deepEqual(applyListAction(list, parseListAction('down:2')!), list);
  assert.equal(movedTo(parseListAction('down:1')!, 3), 3);
  assert.equal(movedTo(parseListAction('up:0')!, 3), null);
  assert.equal(parseListAction('drop table'), null);
  assert.deepEqual(parseListAction(undefined), { kind: 'save' });
});

forEachDatabase('home curation operations', (engine) => {
  let database: TestDatabaseHandle;
  let articles: { id: number }[];
  let draft: { id: number };
  let EDITOR: Actor;
  let JOURNALIST: Actor;

  before(async () => {
    database = await engine.open();
    EDITOR = await makeActor(database.db, 'editeur');
    JOURNALIST = await makeActor(database.db, 'journaliste');
    const section = await createSection(database.db);
    articles = [];
    for (let i = 0; i < 7; i++) articles.push(await createArticle(database.db, { section, published_at: minutesAgo(10 + i) }));
    draft = await createArticle(database.db, { section, status: 'draft', headline: 'Brouillon secret' });
  });
  after(() => database?.close());
  beforeEach(() => database.db.deleteFrom('home_slots').execute());

  it('replaces the slots in order, audits and invalidates the home page only', async () => {
    const ctx = operationContext(database.db);
    await saveHomeSlots(ctx, EDITOR, { articleIds: [articles[2].id, articles[0].id] });
    await saveHomeSlots(ctx, EDITOR, { articleIds: [articles[3].id, articles[2].id, articles[1].id] });
    const slots = await listHomeSlots(database.db);
    assert.deepEqual(
      slots.map((s) => [s.position, s.article.id]),
      [
        [0, articles[3].id],
        [1, articles[2].id],
        [2, articles[1].id],
      ],
    );
    assert.deepEqual(ctx.invalidated, [['home'], ['home']]);
    const audit = await database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'curation.home')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(JSON.parse(audit.details), { articleIds: [articles[3].id, articles[2].id, articles[1].id] });
    assert.equal(audit.actor_label, EDITOR.name);
  });

  it('refuses a journalist, and changes nothing', async () => {
    await saveHomeSlots(operationContext(database.db), EDITOR, { articleIds: [articles[0].id] });
    await assert.rejects(
      saveHomeSlots(operationContext(database.db), JOURNALIST, { articleIds: [articles[1].id] }),
      (e: AppError) => e.status === 403,
    );
    assert.deepEqual(
      (await listHomeSlots(database.db)).map((s) => s.article.id),
      [articles[0].id],
    );
  });

  it('refuses drafts, duplicates, unknown articles and too many slots with French messages', async () => {
    await saveHomeSlots(operationContext(database.db), EDITOR, { articleIds: [articles[0].id] });
    const cases: [number[], RegExp][] = [
      [[draft.id], /n’est pas publié/],
      [[articles[1].id, articles[1].id], /qu’une fois/],
      [[999_999], /n’existe pas/],
      [articles.slice(0, HOME_SLOT_COUNT + 1).map((a) => a.id), /au plus 5 articles/],
    ];
    for (const [articleIds, message] of cases) {
      await assert.rejects(
        saveHomeSlots(operationContext(database.db), EDITOR, { articleIds }),
        (e: FormError) => e instanceof FormError && e.status === 422 && message.test(e.fields.articleIds),
      );
    }
    assert.deepEqual(
      (await listHomeSlots(database.db)).map((s) => s.article.id),
      [articles[0].id],
    );
  });

  it('keeps a slotted article that was withdrawn since, flagged as not public', async () => {
    await saveHomeSlots(operationContext(database.db), EDITOR, { articleIds: [articles[4].id, articles[5].id] });
    await database.db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', articles[5].id).execute();
    await saveHomeSlots(operationContext(database.db), EDITOR, { articleIds: [articles[5].id, articles[4].id] });
    const slots = await listHomeSlots(database.db);
    assert.equal(slots[0].article.isPublic, false);
    await database.db.updateTable('articles').set({ status: 'published' }).where('id', '=', articles[5].id).execute();
  });
});
