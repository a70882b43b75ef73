import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTestApp, type TestApp } from '../../../test/support/app-factory.ts';
import { signInAs, type SignedIn } from '../../../test/support/sign-in.ts';
import { draftBy, formFields, getAs, newsroom, postForm, postJson } from './editor-test-support.ts';

// The editing screen through the real app: the form, saving, refusals (422), conflicts (409),
// the autosave JSON, the policy, and escaping of everything typed.

forEachDatabase('éditeur d’articles', (database) => {
  let t: TestApp;
  let editor: SignedIn;
  let room: Awaited<ReturnType<typeof newsroom>>;

  before(async () => {
    t = await createTestApp({ dialect: database.label, pageCache: false });
    room = await newsroom(t.database.db);
    editor = await signInAs(t.app, 'editeur');
  });
  after(() => t?.close());

  const countArticles = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('articles')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const stored = (id: number) => t.database.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  test('the new article form has every field, labelled, in a plain POST form with its CSRF token', async () => {
    const response = await getAs(t.app, editor, '/admin/articles/nouveau');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-store');
    const page = response.body;
    assert.match(page, /<form method="post" action="\/admin\/articles"/);
    assert.match(page, /name="_csrf" value="[^"]+"/);
    for (const name of [
      'format',
      'sectionId',
      'seriesId',
      'kicker',
      'headline',
      'slug',
      'lead',
      'body',
      'heroImageId',
      'authorPersonIds',
      'authorPosition',
      'tags',
      'sourceOutlet',
      'sourceUrl',
      'sourceHeadline',
      'newCorrection',
      'seoTitle',
      'seoDescription',
      'commentsSetting',
      'revision',
    ]) {
      assert.match(page, new RegExp(`name="${name}"`), name);
    }
    for (const label of [
      'Format',
      'Rubrique',
      'Série (facultatif)',
      'Surtitre',
      'Titre',
      'Chapô',
      'Corps de l’article',
      'Mots-clés',
      'Adresse (slug)',
      'Média',
      'Titre original',
      'Ajouter une correction',
      'Titre pour les moteurs de recherche',
      'Description',
    ]) {
      assert.ok(page.includes(`>${label}</label>`), label);
    }
    for (const format of ['Actualité', 'Décryptage', 'Pépite', 'Dépêche', 'Vidéo', 'Podcast', 'Chronique'])
      assert.ok(page.includes(`>${format}</option>`), format);
    assert.match(page, /200 caractères au plus/, 'the headline limit is said without JavaScript');
    assert.match(page, /Obligatoire pour une pépite/);
    assert.match(page, /Le crédit et le texte alternatif sont obligatoires avant de publier/);
    assert.match(page, /data-preview="title"/);
    assert.match(page, /Jeanne Reporter/);
    assert.doesNotMatch(page, /Paul Expert/, 'outside contributors are found through "Ajouter un contributeur", not listed');
  });

  test('an existing article opens with its values, revision and the workflow buttons of an editor', async () => {
    const { id } = await draftBy(t.app, editor.actor, {
      sectionId: room.section.id,
      headline: 'Brouillon de l’éditrice',
      authorPersonIds: [room.staff.id],
    });
    const response = await getAs(t.app, editor, `/admin/articles/${id}`);
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /Brouillon de l’éditrice<\/textarea>/);
    assert.match(response.body, /name="revision" value="1"/);
    assert.match(response.body, new RegExp(`<option value="${room.staff.id}" selected>Jeanne Reporter</option>`));
    for (const action of ['soumettre', 'pret', 'publier', 'programmer', 'supprimer'])
      assert.match(response.body, new RegExp(`action="/admin/articles/${id}/${action}"`), action);
    assert.doesNotMatch(response.body, /\/depublier"/);
    assert.match(response.body, /type="datetime-local"/);
  });

  test('a contributor opens their own draft but not someone else’s', async () => {
    const contributor = await signInAs(t.app, 'contributeur');
    const own = await draftBy(t.app, contributor.actor, { sectionId: room.section.id, headline: 'Ma tribune' });
    const others = await draftBy(t.app, editor.actor, { sectionId: room.section.id, headline: 'Pas à vous' });
    const mine = await getAs(t.app, contributor, `/admin/articles/${own.id}`);
    assert.equal(mine.statusCode, 200);
    assert.match(mine.body, /Ma tribune/);
    assert.match(mine.body, new RegExp(`action="/admin/articles/${own.id}/soumettre"`));
    assert.doesNotMatch(mine.body, /\/publier"/, 'a contributor cannot publish');
    const refused = await getAs(t.app, contributor, `/admin/articles/${others.id}`);
    assert.equal(refused.statusCode, 403);
    assert.doesNotMatch(refused.body, /Pas à vous/);
    const save = await postForm(
      t.app,
      contributor,
      `/admin/articles/${others.id}`,
      formFields({ sectionId: String(room.section.id), headline: 'Piraté', revision: '1' }),
    );
    assert.equal(save.statusCode, 403);
    assert.equal((await stored(others.id)).headline, 'Pas à vous');
    assert.equal((await getAs(t.app, null, `/admin/articles/${own.id}`)).statusCode, 303, 'anonymous: to the sign-in page');
  });

  test('a workflow button posts to its route and the editor then shows what happened', async () => {
    const contributor = await signInAs(t.app, 'contributeur');
    const { id } = await draftBy(t.app, contributor.actor, { sectionId: room.section.id, headline: 'À soumettre' });
    const page = await getAs(t.app, contributor, `/admin/articles/${id}`);
    const token = new RegExp(`action="/admin/articles/${id}/soumettre"[^>]*><input type="hidden" name="_csrf" value="([^"]+)"`).exec(
      page.body,
    )?.[1];
    assert.ok(token, 'the button is a form with its CSRF token');
    const submitted = await postForm(t.app, contributor, `/admin/articles/${id}/soumettre`, {});
    assert.equal(submitted.statusCode, 303);
    const after = await getAs(t.app, contributor, submitted.headers.location as string);
    assert.match(after.body, /Article soumis à la rédaction/);
    assert.match(after.body, /<span class="badge badge--submitted">Soumis<\/span>/);
  });

  test('creating through the form stores the draft and goes to it', async () => {
    const response = await postForm(
      t.app,
      editor,
      '/admin/articles',
      formFields({
        sectionId: String(room.section.id),
        headline: 'Créé par formulaire',
        authorPersonIds: [String(room.expert.id), String(room.staff.id)],
        authorPosition: ['2', '1'],
      }),
    );
    assert.equal(response.statusCode, 303);
    const id = Number(/\/admin\/articles\/(\d+)/.exec(response.headers.location as string)?.[1]);
    const row = await stored(id);
    assert.equal(row.headline, 'Créé par formulaire');
    assert.equal(row.status, 'draft');
    const byline = await t.database.db
      .selectFrom('article_authors')
      .select('person_id')
      .where('article_id', '=', id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      byline.map((a) => a.person_id),
      [room.staff.id, room.expert.id],
      'rank numbers order the byline without JavaScript',
    );
    const after = await getAs(t.app, editor, response.headers.location as string);
    assert.match(after.body, /Article enregistré\./);
  });

  for (const [name, over, field, message] of [
    ['overlong headline', { headline: 'x'.repeat(201) }, 'champ-titre', /Titre : 200 caractères au plus/],
    ['pépite without source', { format: 'pepite' }, 'champ-source-media', /Une pépite doit nommer le média source/],
    ['unknown format', { format: 'roman-feuilleton' }, 'champ-format', /Format : valeur inconnue/],
    [
      'unknown node type',
      {
        body: JSON.stringify({
          type: 'doc',
          content: [{ type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Dit.' }] }] }],
        }),
      },
      'champ-corps',
      /type « blockquote » inconnu ici ; types acceptés : paragraph, heading, quote/,
    ],
  ] as const) {
    test(`create refused (${name}): 422, French message beside the field, values kept, nothing stored`, async () => {
      const before = await countArticles();
      const response = await postForm(
        t.app,
        editor,
        '/admin/articles',
        formFields({ sectionId: String(room.section.id), headline: 'Valeur gardée', ...over }),
      );
      assert.equal(response.statusCode, 422);
      assert.match(response.body, message);
      assert.match(response.body, new RegExp(`<p class="field__error" id="${field}-erreur">`));
      assert.match(response.body, new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-erreur"[^>]*aria-invalid="true"`));
      assert.match(response.body, new RegExp(`<a href="#${field}">`), 'the summary links to the field');
      assert.match(response.body, /L’article n’a pas été enregistré/);
      if (!('headline' in over)) assert.match(response.body, /Valeur gardée<\/textarea>/);
      assert.equal(await countArticles(), before);
    });
  }

  test('saving with the current revision stores the fields and appends the correction', async () => {
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id });
    const response = await postForm(
      t.app,
      editor,
      `/admin/articles/${id}`,
      formFields({
        sectionId: String(room.section.id),
        headline: 'Titre corrigé',
        revision: '1',
        newCorrection: 'Une date était fausse.',
        authorPersonIds: [String(room.staff.id)],
      }),
    );
    assert.equal(response.statusCode, 303);
    const row = await stored(id);
    assert.equal(row.headline, 'Titre corrigé');
    assert.equal(row.revision, 2);
    const corrections = await t.database.db.selectFrom('corrections').select('text').where('article_id', '=', id).execute();
    assert.deepEqual(
      corrections.map((c) => c.text),
      ['Une date était fausse.'],
    );
    const page = await getAs(t.app, editor, `/admin/articles/${id}`);
    assert.match(page.body, /Une date était fausse\./);
  });

  test('a save over a stale revision is a 409 conflict page with both versions; nothing stored', async () => {
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id, headline: 'Version A' });
    const colleague = await signInAs(t.app, 'editeur', { name: 'Chloé Collègue' });
    assert.equal(
      (
        await postForm(
          t.app,
          colleague,
          `/admin/articles/${id}`,
          formFields({ sectionId: String(room.section.id), headline: 'Leur version B', revision: '1' }),
        )
      ).statusCode,
      303,
    );
    const response = await postForm(
      t.app,
      editor,
      `/admin/articles/${id}`,
      formFields({ sectionId: String(room.section.id), headline: 'Ma version C', revision: '1' }),
    );
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /Chloé Collègue/);
    assert.match(response.body, /Leur version B/);
    assert.match(response.body, /Ma version C/);
    assert.match(response.body, /Garder ma version/);
    assert.match(response.body, /Reprendre leur version/);
    assert.match(response.body, /name="revision" value="2"/, 'keeping mine re-posts over the current revision');
    const row = await stored(id);
    assert.equal(row.headline, 'Leur version B');
    assert.equal(row.revision, 2);
    // "Garder ma version": the same values, explicitly over revision 2.
    const keep = await postForm(
      t.app,
      editor,
      `/admin/articles/${id}`,
      formFields({ sectionId: String(room.section.id), headline: 'Ma version C', revision: '2' }),
    );
    assert.equal(keep.statusCode, 303);
    assert.equal((await stored(id)).headline, 'Ma version C');
  });

  test('opening an article someone else saved minutes ago warns who and when', async () => {
    const colleague = await signInAs(t.app, 'editeur', { name: 'Hugo Voisin' });
    const { id } = await draftBy(t.app, colleague.actor, { sectionId: room.section.id });
    const response = await getAs(t.app, editor, `/admin/articles/${id}`);
    assert.match(response.body, /<strong>Hugo Voisin<\/strong> a modifié cet article il y a moins d’une minute/);
    const own = await getAs(t.app, colleague, `/admin/articles/${id}`);
    assert.doesNotMatch(own.body, /a modifié cet article il y a/);
  });

  test('autosave: JSON in, new revision out; stale revision 409 with the comparison; bad input 422; no CSRF 403', async () => {
    const { id } = await draftBy(t.app, editor.actor, { sectionId: room.section.id });
    const fields = formFields({
      sectionId: String(room.section.id),
      headline: 'Enregistré tout seul',
      newCorrection: 'Jamais par l’autosave',
    });
    const ok = await postJson(t.app, editor, `/admin/articles/${id}/autosave`, { revision: 1, fields });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().revision, 2);
    assert.equal((await stored(id)).headline, 'Enregistré tout seul');
    const noCorrection = await t.database.db.selectFrom('corrections').select('id').where('article_id', '=', id).execute();
    assert.equal(noCorrection.length, 0, 'a correction note is added only by an explicit save');

    const stale = await postJson(t.app, editor, `/admin/articles/${id}/autosave`, {
      revision: 1,
      fields: { ...fields, headline: 'Périmé' },
    });
    assert.equal(stale.statusCode, 409);
    const error = stale.json().error;
    assert.equal(error.code, 'conflict');
    assert.equal(error.details.currentRevision, 2);
    assert.match(error.details.comparisonHtml, /data-conflict-keep="2"/);
    assert.match(error.details.comparisonHtml, /Périmé/);
    assert.equal((await stored(id)).headline, 'Enregistré tout seul');

    const invalid = await postJson(t.app, editor, `/admin/articles/${id}/autosave`, {
      revision: 2,
      fields: { ...fields, headline: 'y'.repeat(300) },
    });
    assert.equal(invalid.statusCode, 422);
    assert.equal(invalid.json().error.code, 'validation_failed');
    assert.equal((await stored(id)).revision, 2);

    const malformed = await postJson(t.app, editor, `/admin/articles/${id}/autosave`, { revision: 'deux', fields });
    assert.equal(malformed.statusCode, 400);

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: `/admin/articles/${id}/autosave`,
      headers: { cookie: editor.cookie, 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify({ revision: 2, fields }),
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal((await stored(id)).revision, 2);
  });

  test('the first autosave of a new article creates it (JSON with its id)', async () => {
    const response = await postJson(t.app, editor, '/admin/articles', {
      fields: formFields({ sectionId: String(room.section.id), headline: 'Né d’une sauvegarde automatique' }),
    });
    assert.equal(response.statusCode, 201);
    const { id, revision, url } = response.json();
    assert.equal(revision, 1);
    assert.equal(url, `/admin/articles/${id}`);
    assert.equal((await stored(id)).headline, 'Né d’une sauvegarde automatique');
  });

  test('XSS payloads in every text field show as text in the editor', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const body = {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: payload }] },
        {
          type: 'quote',
          attrs: { speaker: payload, role: payload },
          content: [{ type: 'paragraph', content: [{ type: 'text', text: payload }] }],
        },
      ],
    };
    const fields = formFields({
      sectionId: String(room.section.id),
      kicker: payload.slice(0, 100),
      headline: payload,
      lead: payload,
      tags: 'scriptalert, <b>gras</b>',
      sourceOutlet: payload.slice(0, 100),
      sourceUrl: 'https://exemple.fr/?q="><script>alert(3)</script>',
      sourceHeadline: payload,
      seoTitle: payload.slice(0, 60),
      seoDescription: payload,
      newCorrection: payload,
      body: JSON.stringify(body),
    });
    const created = await postForm(t.app, editor, '/admin/articles', fields);
    assert.equal(created.statusCode, 303, created.body.slice(0, 500));
    const page = (await getAs(t.app, editor, created.headers.location as string)).body;
    assert.doesNotMatch(page, /<script>alert/);
    assert.doesNotMatch(page, /<img src=x/);
    assert.doesNotMatch(page, /<b>gras/);
    assert.match(page, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    // A refused form shows the payload back, escaped too.
    const refused = await postForm(t.app, editor, '/admin/articles', { ...fields, headline: `${payload}${'x'.repeat(200)}` });
    assert.equal(refused.statusCode, 422);
    assert.doesNotMatch(refused.body, /<script>alert/);
  });
});
