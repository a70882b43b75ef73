import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createSettings } from '../../test/support/content-factories.ts';
import type { TestDatabase } from '../../test/support/databases.ts';

// What the WordPress and Ghost import tests share: a test application on one engine and a
// scratch folder for the export and its images, made before the suite and removed after it,
// with the reads both check the imported site with.

/** Plain-colour 1600×900 JPEGs at these paths under `dir`, as an export's media folder holds them. */
export async function writeSampleImages(dir: string, files: readonly (readonly [file: string, color: string])[]): Promise<void> {
  for (const [file, color] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: color } })
      .jpeg()
      .toFile(path.join(dir, file));
  }
}

/** Registers the suite's before/after: a test app on `engine`, a scratch folder `prepare` fills (export file, images). */
export function importTestSite(engine: TestDatabase, prefix: string, prepare: (work: string) => Promise<void>) {
  let app: TestApp | undefined;
  let work = '';
  before(async () => {
    app = await createTestApp({ dialect: engine.label });
    await createSettings(app.app.kiosque.db, { name: 'La Gazette des essais' });
    work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    await prepare(work);
  });
  after(async () => {
    await app?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });
  const t = () => {
    if (!app) throw new Error('importTestSite: used before its before() hook ran');
    return app;
  };
  const db = () => t().app.kiosque.db;
  return {
    /** The application's context, as the importers take it. */
    ctx: () => t().app.kiosque,
    db,
    /** The scratch folder. */
    work: () => work,
    get: (url: string) => t().app.inject({ url }),
    count: async (table: 'articles' | 'pages' | 'images' | 'people' | 'sections') =>
      (await db().selectFrom(table).select('id').execute()).length,
    /**
     * Each file (name, content) is refused with an error of `type` whose French message matches,
     * and so is a file that does not exist; not one article is written meanwhile.
     */
    async expectRefused(
      importFile: (file: string) => Promise<unknown>,
      type: abstract new (...args: never[]) => Error,
      cases: [name: string, content: string, message: RegExp][],
    ): Promise<void> {
      const before = (await db().selectFrom('articles').select('id').execute()).length;
      for (const [name, content, message] of cases) {
        const file = path.join(work, name);
        fs.writeFileSync(file, content);
        await assert.rejects(importFile(file), (error: unknown) => {
          assert.ok(error instanceof type, `${name}: ${String(error)}`);
          assert.match(error.message, message, name);
          return true;
        });
      }
      await assert.rejects(importFile(path.join(work, 'nulle-part')), /Fichier introuvable/);
      assert.equal((await db().selectFrom('articles').select('id').execute()).length, before);
    },
    /** Every article with its section's slug, in the order they were made. */
    articles: () =>
      db()
        .selectFrom('articles')
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select([
          'articles.id',
          'articles.headline',
          'articles.slug',
          'articles.status',
          'articles.published_at',
          'articles.updated_at',
          'articles.lead',
          'articles.body',
          'articles.hero_image_id',
          'sections.slug as section',
        ])
        .orderBy('articles.id')
        .execute(),
  };
}
