import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createPerson, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { runImport } from './import-command.ts';

// The import as tried with a real article: the same photo in two articles with two credits, a
// second run of an unchanged file, a quotation nobody signs, a source named without a link, and
// errors that speak the file's own field names.

const ROOT = path.resolve(import.meta.dirname, '../..');
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

forEachDatabase('import of a real article', (engine) => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await createTestApp({ dialect: engine.label, pageCache: false, env: { PUBLIC_URL: 'https://exemple.fr' } });
    const db = t.app.kiosque.db;
    await createSettings(db);
    await createSection(db, { slug: 'international', name: 'International' });
    await createPerson(db, { slug: 'claire-montrieux', name: 'Claire Montrieux' });
    dir = fs.mkdtempSync(path.join(t.database.dataDir, 'import-'));
    fs.copyFileSync(path.join(ROOT, 'examples', 'port-vladivostok.jpg'), path.join(dir, 'photo.jpg'));
  });
  after(() => t.close());

  /** Writes the file and imports it as the system; returns the printed report. */
  async function importFile(
    name: string,
    articles: unknown[],
  ): Promise<{ lines: string[]; summary: Awaited<ReturnType<typeof runImport>> }> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify({ articles }));
    const lines: string[] = [];
    const summary = await runImport(t.app.kiosque, SYSTEM_ACTOR, file, (line) => lines.push(line));
    return { lines, summary };
  }

  const sommet = {
    slug: 'sommet-coree-du-nord-russie',
    format: 'actualite',
    section: 'international',
    authors: ['claire-montrieux'],
    kicker: 'Bras de fer avec les États-Unis',
    headline: 'Sommet Corée du Nord - Russie : les deux pays renforcent leurs liens',
    lead: 'Les deux dirigeants se sont retrouvés mardi ; aucun accord formel n’est attendu.',
    heroImage: { path: 'photo.jpg', credit: 'Capture d’écran YouTube / Euronews', alt: 'Le port au crépuscule' },
    body: {
      type: 'doc',
      content: [
        paragraph('Les deux délégations se sont retrouvées au port.'),
        { type: 'quote', attrs: {}, content: [paragraph('Rien ne sera signé cette semaine.')] },
        { type: 'quote', attrs: { role: 'un diplomate européen' }, content: [paragraph('Tout se joue ailleurs.')] },
      ],
    },
    source: { outlet: 'Euronews', url: null },
    tags: ['Russie'],
    publish: true,
  };

  const page = async (url: string) => {
    const response = await t.app.inject({ url });
    assert.equal(response.statusCode, 200, url);
    return response.body;
  };

  it('imports a quotation without a speaker and a source without a link, and shows them so', async () => {
    const { summary, lines } = await importFile('sommet.json', [sommet]);
    assert.deepEqual(summary, { created: 1, updated: 0, unchanged: 0, failed: 0 }, lines.join('\n'));
    const html = await page('/international/sommet-coree-du-nord-russie');
    assert.match(html, /<figure class="quote"><blockquote><p>Rien ne sera signé cette semaine.<\/p><\/blockquote><\/figure>/);
    assert.match(html, /<blockquote><p>Tout se joue ailleurs.<\/p><\/blockquote><figcaption>—&nbsp;un diplomate européen<\/figcaption>/);
    assert.doesNotMatch(html, /quote__speaker/, 'no empty attribution');
    assert.match(html, /data-part="source"><span class="article__source-label">Source&nbsp;:<\/span> Euronews<\/p>/);
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    assert.equal((Array.isArray(jsonLd) ? jsonLd[0] : jsonLd).isBasedOn, undefined);
    assert.match(html, /Capture d’écran YouTube\u00a0\/ Euronews|Capture d’écran YouTube \/ Euronews/);
  });

  it('re-importing the unchanged file changes nothing: no revision, no "mis à jour", no new edit time', async () => {
    const db = t.app.kiosque.db;
    const read = () =>
      db
        .selectFrom('articles')
        .select(['id', 'revision', 'updated_at', 'edited_at', 'status'])
        .where('slug', '=', sommet.slug)
        .executeTakeFirstOrThrow();
    const revisions = async (id: number) =>
      Number(
        (
          await db
            .selectFrom('article_revisions')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('article_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await read();
    const revisionsBefore = await revisions(before.id);
    const { summary, lines } = await importFile('sommet.json', [sommet]);
    assert.deepEqual(summary, { created: 0, updated: 0, unchanged: 1, failed: 0 }, lines.join('\n'));
    assert.match(lines.join('\n'), /✓ inchangé : « Sommet Corée du Nord/);
    assert.match(lines.join('\n'), /Bilan : 0 créé, 0 mis à jour, 1 inchangé, 0 en échec\./);
    assert.deepEqual(await read(), before);
    assert.equal(await revisions(before.id), revisionsBefore);
    assert.doesNotMatch(await page('/international/sommet-coree-du-nord-russie'), /Mis à jour/i);

    // A real change is still a change.
    const changed = await importFile('sommet.json', [{ ...sommet, lead: `${sommet.lead} Le Kremlin se tait.` }]);
    assert.deepEqual(changed.summary, { created: 0, updated: 1, unchanged: 0, failed: 0 });
    assert.equal((await read()).revision, before.revision + 1);
  });

  it('the same picture imported with another credit and alt text takes them (the credit belongs to the image)', async () => {
    const db = t.app.kiosque.db;
    const second = {
      ...sommet,
      slug: 'le-port-de-vladivostok-s-agrandit',
      headline: 'Le port de Vladivostok s’agrandit',
      heroImage: { path: 'photo.jpg', credit: 'Agence Kiosque / Jeanne Martin', alt: 'Les grues du port sous un ciel orangé' },
    };
    const { summary, lines } = await importFile('port.json', [second]);
    assert.deepEqual(summary, { created: 1, updated: 0, unchanged: 0, failed: 0 }, lines.join('\n'));
    assert.match(lines.join('\n'), /image déjà dans la médiathèque : crédit, texte alternatif mis à jour/);
    const images = await db.selectFrom('images').select(['credit', 'alt']).execute();
    assert.deepEqual(
      images.map((i) => ({ ...i })),
      [{ credit: 'Agence Kiosque / Jeanne Martin', alt: 'Les grues du port sous un ciel orangé' }],
      'one image, with the credit given last',
    );
    for (const url of ['/international/le-port-de-vladivostok-s-agrandit', '/international/sommet-coree-du-nord-russie']) {
      const html = await page(url);
      assert.match(html, /Agence Kiosque/, url);
      assert.doesNotMatch(html, /Capture d’écran YouTube/, url);
    }
    // Imported again, unchanged: nothing to report.
    assert.deepEqual((await importFile('port.json', [second])).summary, { created: 0, updated: 0, unchanged: 1, failed: 0 });
  });

  it('errors name the file’s own fields and list the accepted node types', async () => {
    const { summary, lines } = await importFile('erreurs.json', [
      { ...sommet, slug: 'sans-auteur', authors: undefined, heroImage: undefined, headline: 'Sans auteur ni image' },
      {
        ...sommet,
        slug: 'noeud-inconnu',
        body: { type: 'doc', content: [{ type: 'blockquote', content: [paragraph('x')] }] },
      },
      { ...sommet, slug: 'auteur-inconnu', authors: ['personne'] },
    ]);
    assert.equal(summary.failed, 3);
    const report = lines.join('\n');
    assert.match(report, /authors — au moins un auteur/);
    assert.match(report, /heroImage — une image principale/);
    assert.doesNotMatch(report, /authorPersonIds|heroImageId|sectionId/);
    assert.match(
      report,
      /type « blockquote » inconnu ici ; types acceptés : paragraph, heading, quote, bulletList, orderedList, image, embed, horizontalRule/,
    );
    assert.match(report, /authors : aucun auteur « personne »/);
  });
});
