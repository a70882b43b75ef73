import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createPerson, createSection } from '../../test/support/content-factories.ts';
import { forEachDatabase, type TestDatabase } from '../../test/support/databases.ts';
import { activeSubscribers, ghostExport, ghostPosts } from '../importers/ghost/ghost-fixture.ts';
import { createNewsletter } from '../newsletters/newsletter-test-fixtures.ts';
import { numberedPosts, wxrDocument } from '../importers/wordpress/wxr-fixture.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples', 'import.json');
const run = promisify(execFile);

/** Runs `node scripts/kiosque.ts …` as `npm run kiosque` would, on the test database; never throws on a non-zero exit. */
async function kiosque(database: { dataDir: string; databaseUrl: string | undefined }, args: string[]) {
  const env = {
    ...process.env,
    DATA_DIR: database.dataDir,
    KIOSQUE_DEMO: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.databaseUrl ?? '',
    PUBLIC_URL: 'https://exemple.fr',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'scripts', 'kiosque.ts'), ...args], { cwd: ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The sections and author the example file names (as the demo edition has them). */
async function openWithExampleTargets(engine: TestDatabase) {
  const database = await engine.open();
  await createSection(database.db, { slug: 'international', name: 'International' });
  await createSection(database.db, { slug: 'pepites', name: 'Pépites' });
  await createPerson(database.db, { slug: 'claire-montrieux', name: 'Claire Montrieux' });
  return database;
}

forEachDatabase('npm run kiosque', (engine) => {
  test('import examples/import.json creates the articles, and a second run of the same file changes nothing', async () => {
    const database = await openWithExampleTargets(engine);
    try {
      const first = await kiosque(database, ['import', EXAMPLE]);
      assert.equal(first.code, 0, first.stderr + first.stdout);
      assert.match(first.stdout, /Bilan : 2 créés, 0 mis à jour, 0 inchangé, 0 en échec\./);
      assert.match(
        first.stdout,
        engine.label === 'sqlite' ? /^Base de données : SQLite, .*kiosque\.sqlite\.$/m : /^Base de données : PostgreSQL, /m,
      );
      const articles = await database.db
        .selectFrom('articles')
        .select(['id', 'slug', 'status', 'format', 'source_outlet', 'hero_image_id', 'revision'])
        .orderBy('id')
        .execute();
      assert.deepEqual(
        articles.map((a) => [a.slug, a.status, a.format]),
        [
          ['vladivostok-le-port-qui-voulait-devenir-une-capitale', 'published', 'decryptage'],
          ['le-fret-ferroviaire-transsiberien-repart-a-la-hausse', 'published', 'pepite'],
        ],
      );
      assert.equal(articles[1].source_outlet, 'La Gazette du Pacifique');
      const images = await database.db.selectFrom('images').select(['id', 'credit', 'width', 'height']).execute();
      assert.equal(images.length, 1, 'the same picture is stored once');
      assert.deepEqual({ ...images[0] }, { id: articles[0].hero_image_id, credit: 'Illustration Kiosque', width: 1600, height: 900 });
      const body = await database.db.selectFrom('articles').select('body').where('id', '=', articles[0].id).executeTakeFirstOrThrow();
      assert.ok(JSON.parse(body.body).content.some((n: { type: string }) => n.type === 'quote'));

      const second = await kiosque(database, ['import', EXAMPLE]);
      assert.equal(second.code, 0, second.stderr + second.stdout);
      assert.match(second.stdout, /Bilan : 0 créé, 0 mis à jour, 2 inchangés, 0 en échec\./);
      const after = await database.db.selectFrom('articles').select(['id', 'revision']).orderBy('id').execute();
      assert.deepEqual(
        after.map((a) => [a.id, a.revision]),
        articles.map((a) => [a.id, a.revision]),
      );
    } finally {
      await database.close();
    }
  });

  test('bad items are reported in French with a non-zero exit, and nothing is stored for them', async () => {
    const database = await openWithExampleTargets(engine);
    try {
      const dir = fs.mkdtempSync(path.join(database.dataDir, 'import-'));
      fs.copyFileSync(path.join(ROOT, 'examples', 'port-vladivostok.jpg'), path.join(dir, 'photo.jpg'));
      fs.writeFileSync(path.join(dir, 'faux.jpg'), '<script>alert(1)</script>');
      const base = { section: 'international', authors: ['claire-montrieux'], lead: 'Chapô.', body: { type: 'doc', content: [] } };
      fs.writeFileSync(
        path.join(dir, 'lot.json'),
        JSON.stringify({
          articles: [
            {
              ...base,
              slug: 'un-bon-article',
              headline: 'Un bon article',
              heroImage: { path: 'photo.jpg', credit: 'AFP', alt: 'Une photo' },
              publish: true,
            },
            { ...base, slug: 'titre-trop-long', headline: 'x'.repeat(201) },
            { ...base, slug: 'fausse-image', headline: 'Une fausse image', heroImage: { path: 'faux.jpg', credit: 'X', alt: 'Y' } },
            { ...base, slug: 'rubrique-inconnue', headline: 'Rubrique inconnue', section: 'nulle-part' },
            { ...base, slug: 'pepite-sans-source', format: 'pepite', headline: 'Pépite sans source' },
            { ...base, slug: 'publication-impossible', headline: 'Sans image', publish: true },
            { ...base, slug: 'champ-inconnu', headline: 'Champ inconnu', couleur: 'rouge' },
          ],
        }),
      );
      const result = await kiosque(database, ['import', path.join(dir, 'lot.json')]);
      assert.equal(result.code, 1);
      assert.match(result.stdout, /Bilan : 1 créé, 0 mis à jour, 0 inchangé, 6 en échec\./);
      assert.match(result.stdout, /titre-trop-long.*\n.*Titre : 200 caractères au plus/);
      assert.match(result.stdout, /fausse-image[^\n]*\n[^\n]*Format d’image non pris en charge/);
      assert.match(result.stdout, /aucune rubrique « nulle-part »/);
      assert.match(result.stdout, /Une pépite doit nommer le média source/);
      assert.match(result.stdout, /image principale/);
      assert.match(result.stdout, /Champ inconnu : couleur/);
      const slugs = (await database.db.selectFrom('articles').select('slug').execute()).map((a) => a.slug);
      assert.deepEqual(slugs, ['un-bon-article']);
      assert.equal((await database.db.selectFrom('images').select('id').execute()).length, 1);
    } finally {
      await database.close();
    }
  });

  test('an unreadable file is one clear French line; user:create prints a one-time link', async () => {
    const database = await engine.open();
    try {
      const broken = path.join(database.dataDir, 'casse.json');
      fs.writeFileSync(broken, '{"articles": [');
      const bad = await kiosque(database, ['import', broken]);
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /^kiosque : .*casse\.json n’est pas du JSON valide/);
      const missing = await kiosque(database, ['import', path.join(database.dataDir, 'absent.json')]);
      assert.match(missing.stderr, /Fichier introuvable/);

      const created = await kiosque(database, [
        'user:create',
        '--email',
        'Anne@Exemple.fr',
        '--name',
        'Anne Admin',
        '--role',
        'administrateur',
      ]);
      assert.equal(created.code, 0, created.stderr);
      assert.match(created.stdout, /https:\/\/exemple\.fr\/admin\/[\w/-]+/);
      const user = await database.db.selectFrom('users').select(['email', 'role', 'password_hash']).executeTakeFirstOrThrow();
      assert.deepEqual({ ...user }, { email: 'anne@exemple.fr', role: 'administrateur', password_hash: null });
      const badRole = await kiosque(database, ['user:create', '--email', 'x@exemple.fr', '--role', 'chef']);
      assert.equal(badRole.code, 2);
      assert.match(badRole.stderr, /--role doit être l’un de/);
    } finally {
      await database.close();
    }
  });

  test('import refuses to create a new empty database unless --create is given', async () => {
    const database = await engine.open({ migrate: false });
    try {
      const elsewhere = { dataDir: path.join(database.dataDir, 'mauvais-dossier'), databaseUrl: database.databaseUrl };
      const refused = await kiosque(engine.label === 'sqlite' ? elsewhere : database, ['import', EXAMPLE]);
      assert.equal(refused.code, 2, refused.stdout);
      assert.match(
        refused.stderr,
        /^kiosque : aucune base Kiosque à .*rien n’a été importé\. Vérifiez DATA_DIR ou DATABASE_URL ; pour créer une base neuve et y importer, ajoutez --create\./,
      );
      const wordpress = await kiosque(engine.label === 'sqlite' ? elsewhere : database, ['import:wordpress', 'export.xml']);
      assert.equal(wordpress.code, 2, 'the WordPress import follows the same rule');
      assert.match(wordpress.stderr, /aucune base Kiosque à .*ajoutez --create/);
      if (engine.label === 'sqlite')
        assert.equal(fs.existsSync(path.join(elsewhere.dataDir, 'kiosque.sqlite')), false, 'no file was created');
      else {
        const tables = await database.db.introspection.getTables({ withInternalKyselyTables: true });
        assert.deepEqual(tables, [], 'nothing was created');
      }

      const target = engine.label === 'sqlite' ? elsewhere : database;
      const created = await kiosque(target, ['import', EXAMPLE, '--create']);
      assert.equal(created.code, 1, 'the new base has no sections yet: the items fail, but the base exists');
      assert.match(created.stdout, /^Base de données : /m);
      if (engine.label === 'sqlite') assert.ok(fs.existsSync(path.join(elsewhere.dataDir, 'kiosque.sqlite')));
      const again = await kiosque(target, ['import', EXAMPLE]);
      assert.doesNotMatch(again.stderr, /aucune base Kiosque/, 'once created, it is found');
    } finally {
      await database.close();
    }
  });

  test('import:wordpress and import:ghost share their options and rules; each keeps its own', async () => {
    const database = await engine.open();
    try {
      const ghost = path.join(database.dataDir, 'lanternes.json');
      fs.writeFileSync(ghost, ghostExport(ghostPosts()));
      const wxr = path.join(database.dataDir, 'canton.xml');
      fs.writeFileSync(wxr, wxrDocument({ url: 'https://canton.example', title: 'Le Canton' }, numberedPosts(2)));
      const dryGhost = await kiosque(database, [
        'import:ghost',
        ghost,
        '--dry-run',
        '--site-url',
        'https://lanternes.example',
        '--images',
        database.dataDir,
      ]);
      assert.equal(dryGhost.code, 0, dryGhost.stderr + dryGhost.stdout);
      assert.match(dryGhost.stdout, /^Essai \(rien ne sera enregistré\) de Les Lanternes/m);
      assert.match(dryGhost.stdout, /nouvelle newsletter « La lettre des Lanternes » à créer/);
      const dryWordPress = await kiosque(database, ['import:wordpress', wxr, '--dry-run', '--uploads', database.dataDir]);
      assert.equal(dryWordPress.code, 0, dryWordPress.stderr + dryWordPress.stdout);
      assert.match(dryWordPress.stdout, /^Base de données : /m);
      assert.equal((await database.db.selectFrom('articles').select('id').execute()).length, 0, 'dry runs write nothing');

      const wrongOption = await kiosque(database, ['import:wordpress', wxr, '--images', 'x']);
      assert.equal(wrongOption.code, 2, '--images is Ghost’s');
      assert.match(wrongOption.stderr, /Option inconnue : --images/);
      const twoFiles = await kiosque(database, ['import:ghost', ghost, wxr]);
      assert.equal(twoFiles.code, 2);
      assert.match(twoFiles.stderr, /import:ghost attend un fichier d’exportation Ghost \(\.json\), et un seul\./);
      const nobody = await kiosque(database, ['import:ghost', ghost, '--as', 'personne@exemple.fr']);
      assert.equal(nobody.code, 2);
      assert.match(nobody.stderr, /--as : aucun compte personne@exemple\.fr/);
    } finally {
      await database.close();
    }
  });

  test('import:ghost --newsletter sends each Ghost newsletter to a newsletter by slug, a new one or none; wrong names are refused first', async () => {
    const database = await engine.open();
    try {
      const ghost = path.join(database.dataDir, 'lanternes.json');
      fs.writeFileSync(ghost, ghostExport(ghostPosts().slice(0, 1)));
      const port = await createNewsletter(database.db, { name: 'Le Courrier du port' });
      await database.db.updateTable('newsletters').set({ slug: 'courrier-du-port' }).where('id', '=', port.id).execute();
      const counts = async () => ({
        articles: (await database.db.selectFrom('articles').select('id').execute()).length,
        newsletters: (await database.db.selectFrom('newsletters').select('id').execute()).length,
        subscriptions: (await database.db.selectFrom('newsletter_subscriptions').select('id').execute()).length,
      });
      const before = await counts();

      // Every wrong name is said at once, in French, and nothing is written.
      const wrong = await kiosque(database, [
        'import:ghost',
        ghost,
        '--newsletter',
        'lettre-inconnue=nouvelle',
        '--newsletter',
        'lettre-des-lanternes=pas-ici',
      ]);
      assert.equal(wrong.code, 2, wrong.stderr + wrong.stdout);
      assert.match(
        wrong.stderr,
        /« lettre-inconnue » : aucune newsletter Ghost de ce nom avec des abonnés dans l’exportation ; elle a : lettre-des-lanternes \(« La lettre des Lanternes »\), agenda-week-end/,
      );
      assert.match(
        wrong.stderr,
        /« pas-ici » : aucune newsletter active de ce nom dans Kiosque ; choisissez courrier-du-port, nouvelle, aucune\./,
      );
      const twice = await kiosque(database, ['import:ghost', ghost, '--newsletter', '*=aucune', '--newsletter', '*=nouvelle']);
      assert.equal(twice.code, 2);
      assert.match(twice.stderr, /« \* » est choisie deux fois\./);
      const malformed = await kiosque(database, ['import:ghost', ghost, '--newsletter', 'lettre-des-lanternes']);
      assert.equal(malformed.code, 2);
      assert.match(
        malformed.stderr,
        /--newsletter attend NEWSLETTER_GHOST=CIBLE \(CIBLE : une newsletter de Kiosque, nouvelle ou aucune\), pas « lettre-des-lanternes »\./,
      );
      assert.deepEqual(await counts(), before, 'nothing written on a wrong choice');

      const real = await kiosque(database, [
        'import:ghost',
        ghost,
        '--newsletter',
        'lettre-des-lanternes=courrier-du-port',
        '--newsletter',
        'special-festival=nouvelle',
        '--newsletter',
        '*=aucune',
      ]);
      assert.equal(real.code, 0, real.stderr + real.stdout);
      assert.match(real.stdout, /la newsletter Ghost « La lettre des Lanternes » → « Le Courrier du port » : 4 abonnés ajoutés/);
      assert.match(real.stdout, /la newsletter Ghost « L’Agenda du week-end » : laissée de côté, comme choisi — 2 abonnés non importés\./);
      assert.match(real.stdout, /nouvelle newsletter « Spécial festival 2022 » créée\./);
      assert.deepEqual(
        (await activeSubscribers(database.db, port.id)).map(([email]) => email),
        ['anne.riou@exemple.fr', 'bruno.kerleau@exemple.fr', 'effacee@exemple.fr', 'parti.ici@exemple.fr'],
      );
      const festival = await database.db
        .selectFrom('newsletters')
        .select('id')
        .where('name', '=', 'Spécial festival 2022')
        .executeTakeFirstOrThrow();
      assert.deepEqual(await activeSubscribers(database.db, festival.id), [['festivalier@exemple.fr', 'Gwenaël Le Festivalier']]);
      assert.equal((await counts()).newsletters, before.newsletters + 1, 'no newsletter for the agenda, left out');

      const help = await kiosque(database, ['help']);
      assert.match(help.stdout, /--newsletter NEWSLETTER_GHOST=CIBLE/);
    } finally {
      await database.close();
    }
  });
});
