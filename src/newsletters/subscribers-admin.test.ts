import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { getAs } from '../../test/support/newsroom.ts';
import { type SignedIn, signInAs } from '../../test/support/sign-in.ts';
import { addSubscribers, createNewsletter } from './newsletter-test-fixtures.ts';

// The subscribers screen shows the private name a source gave (readers.full_name, kept from a Ghost
// member or an imported CSV), escaped; its search finds it and its CSV export carries it.

forEachDatabase('the subscribers screen shows their names', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  before(async () => {
    t = await createTestApp({ dialect: database.label });
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  it('lists, finds and exports each subscriber with the name kept for them, escaped; none when there is none', async () => {
    const letter = await createNewsletter(t.database.db, { name: 'La lettre du port' });
    const [named, hostile] = await addSubscribers(t.database.db, letter.id, 3, 'noms');
    await t.database.db.updateTable('readers').set({ full_name: 'Zoé Le Gall' }).where('id', '=', named!).execute();
    await t.database.db
      .updateTable('readers')
      .set({ full_name: '<img src=x onerror=alert(1)> Léon & fils' })
      .where('id', '=', hostile!)
      .execute();

    const screen = await getAs(t.app, editor, `/admin/newsletters/abonnes?newsletter=${letter.id}`);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /<th scope="col">Nom<\/th>/);
    assert.match(screen.body, /<td>noms-0@exemple\.fr<\/td><td>Zoé Le Gall<\/td>/);
    assert.match(screen.body, /<td>noms-1@exemple\.fr<\/td><td>&#60;img src&#61;x onerror&#61;alert\(1\)&#62; Léon &#38; fils<\/td>/);
    assert.match(screen.body, /<td>noms-2@exemple\.fr<\/td><td><\/td>/);
    assert.doesNotMatch(screen.body, /<img src=x/);

    // The search reads the name too, whatever its accents and case.
    const found = await getAs(t.app, editor, `/admin/newsletters/abonnes?newsletter=${letter.id}&q=${encodeURIComponent('zoe le')}`);
    assert.match(found.body, /noms-0@exemple\.fr/);
    assert.doesNotMatch(found.body, /noms-1@exemple\.fr|noms-2@exemple\.fr/);

    const exported = await getAs(t.app, editor, `/admin/newsletters/abonnes/export.csv?newsletter=${letter.id}`);
    assert.equal(exported.statusCode, 200);
    const rows = parse(exported.body, { columns: true, bom: true }) as Record<string, string>[];
    assert.deepEqual(Object.keys(rows[0]!), ['email', 'nom', 'newsletter', 'etat', 'consentement', 'source', 'rebonds_temporaires']);
    assert.deepEqual(rows.map((r) => [r.email, r.nom]).sort(), [
      ['noms-0@exemple.fr', 'Zoé Le Gall'],
      ['noms-1@exemple.fr', '<img src=x onerror=alert(1)> Léon & fils'],
      ['noms-2@exemple.fr', ''],
    ]);
  });
});
