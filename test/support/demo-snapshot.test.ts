import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { forEachDatabase } from './databases.ts';

/** Every file under a directory, as paths relative to it. */
function filesUnder(directory: string): string[] {
  return fs
    .readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(directory, path.join(entry.parentPath, entry.name)))
    .sort();
}

forEachDatabase('copie de la démo', (engine) => {
  test('chaque ouverture reçoit sa propre copie complète : données et images', async () => {
    const first = await engine.open({ demo: true });
    const second = await engine.open({ demo: true });
    try {
      const count = async (handle: typeof first) =>
        Number(
          (
            await handle.db
              .selectFrom('articles')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const articles = await count(first);
      assert.ok(articles > 0, 'la démo contient des articles');
      assert.equal(await count(second), articles);

      const images = await first.db.selectFrom('images').select('file_key').execute();
      assert.ok(images.length > 0);
      const files = filesUnder(first.dataDir).map((f) => path.basename(f));
      for (const { file_key } of images) assert.ok(files.includes(path.basename(file_key)), `fichier ${file_key} absent`);

      await first.db.deleteFrom('article_tags').execute();
      await first.db.deleteFrom('tags').execute();
      assert.ok((await second.db.selectFrom('tags').select('id').execute()).length > 0, 'les copies sont indépendantes');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
