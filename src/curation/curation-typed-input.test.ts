import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createImage, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import type { Actor } from '../accounts/policy.ts';
import { makeActor, operationContext } from './curation-test-support.ts';
import { FormError } from './curation-validation.ts';
import { createDossier, dossierInputFromForm, getDossier } from './dossiers-admin-operations.ts';
import { createPerson, getPerson, personInputFromForm } from './people-admin-operations.ts';
import { createSection as createSectionOperation, getSection, sectionInputFromForm } from './sections-admin-operations.ts';

// The curation operations take typed values (numbers, booleans, null), whoever calls them: the
// screens convert their form strings once, the API passes its parsed JSON as it is.

/** The field errors an operation refused the input with. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FormError, String(error));
    return error.fields;
  }
  assert.fail('accepted');
}

forEachDatabase('curation operations with typed input', (engine) => {
  let database: TestDatabaseHandle;
  let editor: Actor;
  before(async () => {
    database = await engine.open();
    editor = await makeActor(database.db, 'editeur');
  });
  after(() => database?.close());

  it('a section without position goes last; a typed position is kept; a bad one is a field error', async () => {
    const ctx = operationContext(database.db);
    await createSection(database.db, { position: 7 });
    const last = await createSectionOperation(ctx, editor, { name: 'Monde' });
    assert.equal((await getSection(database.db, last))?.position, 8);
    const placed = await createSectionOperation(ctx, editor, { name: 'Régions', position: 2 });
    assert.equal((await getSection(database.db, placed))?.slug, 'regions');
    assert.equal((await getSection(database.db, placed))?.position, 2);
    const fields = await refusal(createSectionOperation(ctx, editor, { name: '', position: 1.5 }));
    assert.deepEqual(Object.keys(fields).sort(), ['name', 'position']);
    // The form's strings become the same input: "" is 0, "abc" is refused with the other fields.
    assert.deepEqual(sectionInputFromForm({ name: 'Culture', slug: '', description: '', position: '' }).position, 0);
    const formFields = await refusal(
      createSectionOperation(ctx, editor, sectionInputFromForm({ name: '', slug: '', description: '', position: 'abc' })),
    );
    assert.deepEqual(Object.keys(formFields).sort(), ['name', 'position']);
  });

  it('people and dossiers take ids as numbers or null and flags as booleans', async () => {
    const ctx = operationContext(database.db);
    const photo = await createImage(database.db);
    const person = await createPerson(ctx, editor, { name: 'Inès Typée', kind: 'staff', photoImageId: photo.id });
    assert.equal((await getPerson(database.db, person))?.photo_image_id, photo.id);
    const missing = await refusal(createPerson(ctx, editor, { name: 'Sans Photo', kind: 'staff', photoImageId: 999_999 }));
    assert.match(missing.photoImageId ?? '', /Aucune image n° 999999/);
    const form = personInputFromForm({ name: 'X', slug: '', kind: 'pirate', roleLine: '', bio: '', photoImageId: 'douze', links: [] });
    const formFields = await refusal(createPerson(ctx, editor, form));
    assert.deepEqual(Object.keys(formFields).sort(), ['kind', 'photoImageId']);

    const dossier = await createDossier(ctx, editor, { title: 'Le Grand Nord', visible: true, sectionId: null });
    assert.ok((await getDossier(database.db, dossier))?.published_at);
    const hidden = await createDossier(
      ctx,
      editor,
      dossierInputFromForm({ title: 'Caché', slug: '', sectionId: '', introduction: '', heroImageId: '', visible: '' }),
    );
    assert.equal((await getDossier(database.db, hidden))?.published_at, null);
  });
});
