import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { createArticle, createImage, createSection, minutesAgo } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { loadHome, TOP_STORIES } from './home-repository.ts';

// The front page follows the editors' picks (home_slots) and falls back to the automatic choice.
forEachDatabase('home: editors’ picks', (engine) => {
  let database: TestDatabaseHandle;
  let world: { newest: { id: number }[]; older: { id: number }; withdrawn: { id: number }; scheduled: { id: number } };

  before(async () => {
    database = await engine.open();
    const db = database.db;
    const section = await createSection(db);
    const image = await createImage(db);
    const newest = [];
    for (let i = 0; i < 6; i++)
      newest.push(await createArticle(db, { section, hero_image_id: image.id, published_at: minutesAgo(10 + i) }));
    const older = await createArticle(db, { section, headline: 'Ancien choisi', published_at: minutesAgo(5000) });
    const withdrawn = await createArticle(db, { section, status: 'unpublished', published_at: minutesAgo(100) });
    const scheduled = await createArticle(db, { section, status: 'published', published_at: minutesAgo(-60) });
    world = { newest, older, withdrawn, scheduled };
  });
  after(() => database?.close());
  beforeEach(() => database.db.deleteFrom('home_slots').execute());

  const setSlots = (ids: number[]) =>
    database.db
      .insertInto('home_slots')
      .values(ids.map((article_id, position) => ({ position, article_id })))
      .execute();

  it('chooses automatically when no slot is set', async () => {
    const home = await loadHome(database.db);
    assert.equal(home.lead?.id, world.newest[0].id);
    assert.deepEqual(
      home.top.map((t) => t.id),
      world.newest.slice(1, 1 + TOP_STORIES).map((a) => a.id),
    );
  });

  it('leads with slot 0 and orders the top stories as the slots say', async () => {
    await setSlots([world.older.id, world.newest[3].id, world.newest[0].id]);
    const home = await loadHome(database.db);
    assert.equal(home.lead?.id, world.older.id);
    // Picks first, in order, then the newest stories not shown yet.
    assert.deepEqual(
      home.top.map((t) => t.id),
      [world.newest[3].id, world.newest[0].id, world.newest[1].id, world.newest[2].id],
    );
  });

  it('skips a slotted article that is withdrawn or not yet public, filling its place automatically', async () => {
    await setSlots([world.withdrawn.id, world.scheduled.id, world.older.id]);
    const home = await loadHome(database.db);
    assert.equal(home.lead?.id, world.newest[0].id);
    assert.deepEqual(
      home.top.map((t) => t.id),
      [world.older.id, ...world.newest.slice(1, TOP_STORIES).map((a) => a.id)],
    );
    const shown = [home.lead!.id, ...home.top.map((t) => t.id)];
    assert.ok(!shown.includes(world.withdrawn.id) && !shown.includes(world.scheduled.id));
  });

  it('never shows a story twice, even when the automatic lead is picked as a top story', async () => {
    await database.db
      .insertInto('home_slots')
      .values([{ position: 1, article_id: world.newest[0].id }])
      .execute();
    const home = await loadHome(database.db);
    assert.equal(home.lead?.id, world.newest[1].id);
    assert.equal(home.top[0].id, world.newest[0].id);
    const shown = [home.lead!.id, ...home.top.map((t) => t.id)];
    assert.equal(new Set(shown).size, shown.length);
    assert.equal(home.top.length, TOP_STORIES);
  });
});
