import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig } from '../core/config.ts';
import type { Db } from '../core/db/database.ts';
import { openTestDatabase, type TestDatabaseHandle } from '../../test/support/databases.ts';
import { renderErrorPage } from './error-page.ts';

let database: TestDatabaseHandle;
let app: FastifyInstance;

before(async () => {
  database = await openTestDatabase('sqlite');
  await database.db
    .insertInto('sections')
    .values({ slug: 'monde', name: 'Monde', description: '', position: 1, created_at: '2026-01-01T00:00:00.000Z' })
    .execute();
  await database.db.insertInto('nav_items').values({ position: 1, label: 'Monde', kind: 'section', target: 'monde' }).execute();
  app = await buildApp({ config: loadConfig({ DATA_DIR: database.dataDir, NODE_ENV: 'test', KIOSQUE_DEMO: '0' }), database });
});

after(async () => {
  await app?.close();
  await database?.close();
});

test('404: French, in the layout, not indexed, no canonical, with the way back', async () => {
  const res = await app.inject({ url: '/cette-page/n-existe-pas-du-tout' });
  assert.equal(res.statusCode, 404);
  assert.match(res.body, /<html lang="fr">/);
  assert.match(res.body, /<title>Page introuvable \| Kiosque<\/title>/);
  assert.match(res.body, /<meta name="robots" content="noindex">/);
  assert.doesNotMatch(res.body, /rel="canonical"/);
  assert.match(res.body, /<p class="error-page__code">Erreur 404<\/p><h1 class="error-page__title">Page introuvable<\/h1>/);
  assert.match(res.body, /<a class="button" href="\/">Revenir à la une<\/a>/);
  assert.match(res.body, /<ul class="error-page__sections"><li><a href="\/monde">Monde<\/a><\/li><\/ul>/);
  assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
});

test('400 for an undecodable URL, with its own wording', async () => {
  const res = await app.inject({ url: '/%E0%A4%A' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /<h1 class="error-page__title">Requête invalide<\/h1>/);
  assert.match(res.body, /Cette adresse est mal formée\./);
});

test('500 still renders when the database is what failed', async () => {
  const broken = {
    selectFrom() {
      throw new Error('base indisponible');
    },
  } as unknown as Db;
  const page = await renderErrorPage({ ...app.kiosque, db: broken }, 500, 'Une erreur inattendue est survenue.');
  assert.match(page, /<h1 class="error-page__title">Erreur du serveur<\/h1>/);
  assert.match(page, /Réessayez dans quelques instants/);
  assert.match(page, /<meta name="robots" content="noindex">/);
});

test('410 says the content was withdrawn', async () => {
  const page = await renderErrorPage(app.kiosque, 410, 'Ce contenu a été retiré par la rédaction.');
  assert.match(page, /<title>Contenu retiré \| Kiosque<\/title>/);
  assert.match(page, /<p class="error-page__message">Ce contenu a été retiré par la rédaction\.<\/p>/);
});
