import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { forEachDatabase, type TestDatabaseHandle } from '../../../test/support/databases.ts';
import { foldText, matchesText, sameText } from './text-match.ts';

it('folds accents, case and ligatures', () => {
  assert.equal(foldText('Élysée'), 'elysee');
  assert.equal(foldText('ŒUVRE et Cœur'), 'oeuvre et coeur');
  assert.equal(foldText('Ça, garçon'), 'ca, garcon');
  assert.equal(foldText('Æsope, ex æquo'), 'aesope, ex aequo');
  assert.equal(foldText('Straße'), 'strasse');
  assert.equal(foldText('ﬁn de l’ﬂot'), 'fin de l’flot');
  assert.equal(foldText('Łódź, Øresund, Dvořák'), 'lodz, oresund, dvorak');
  assert.equal(foldText('e\u0301te\u0301'), 'ete', 'decomposed accents too');
});

const NAMES = ['Élysée', 'Palais de l’Élysée', 'Œuvres complètes', 'Façade', 'Straße', 'Cæsar', '50 % des voix', 'mot_clé', 'Élu'];

forEachDatabase('text matching', (engine) => {
  let database: TestDatabaseHandle;
  before(async () => {
    database = await engine.open();
    await database.db
      .insertInto('tags')
      .values(NAMES.map((name, i) => ({ name, slug: `tag-${i}` })))
      .execute();
  });
  after(() => database.close());

  const find = async (query: string) =>
    (await database.db.selectFrom('tags').select('name').where(matchesText('name', query)).orderBy('id').execute()).map((r) => r.name);

  it('finds a text whatever the accents and case typed (É, Ç)', async () => {
    for (const query of ['elysee', 'ELYSEE', 'Élysée', 'élysée', 'ÉLYSÉE', 'lysé'])
      assert.deepEqual(await find(query), ['Élysée', 'Palais de l’Élysée'], query);
    for (const query of ['facade', 'FAÇADE', 'çad']) assert.deepEqual(await find(query), ['Façade'], query);
  });

  it('finds ligatures written either way (Œ, Æ, ß)', async () => {
    for (const query of ['oeuvre', 'OEUVRES', 'œuvre', 'Œuvres comp']) assert.deepEqual(await find(query), ['Œuvres complètes'], query);
    for (const query of ['caesar', 'CÆSAR', 'cæs']) assert.deepEqual(await find(query), ['Cæsar'], query);
    for (const query of ['strasse', 'STRASSE', 'straße']) assert.deepEqual(await find(query), ['Straße'], query);
  });

  it('matches LIKE wildcards literally', async () => {
    assert.deepEqual(await find('%'), ['50 % des voix']);
    assert.deepEqual(await find('_'), ['mot_clé']);
    assert.deepEqual(await find('t_c'), ['mot_clé']);
    assert.deepEqual(await find('\\'), []);
  });

  it('compares whole texts the same way', async () => {
    const rows = await database.db.selectFrom('tags').select('name').where(sameText('name', '  ELYSEE ')).execute();
    assert.deepEqual(
      rows.map((r) => r.name),
      ['Élysée'],
    );
  });

  it('folds every Latin character exactly as the application does', async () => {
    const chars: string[] = [];
    for (const [first, last] of [
      [0x20, 0x7e],
      [0xa0, 0x24f],
      [0x1e00, 0x1eff],
      [0xfb00, 0xfb06],
    ])
      for (let code = first; code <= last; code++) if (code !== 0x7c) chars.push(String.fromCodePoint(code));
    const { rows } = await sql<{ folded: string }>`select kiosque_fold(${chars.join('|')}) as folded`.execute(database.db);
    const got = rows[0]!.folded.split('|');
    const differences = chars.flatMap((c, i) => (got[i] === foldText(c) ? [] : [`${c} → ${got[i]} (attendu ${foldText(c)})`]));
    assert.equal(got.length, chars.length);
    assert.deepEqual(differences, []);
  });
});
