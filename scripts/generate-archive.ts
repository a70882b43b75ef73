// `npm run archive -- --articles 100000 --seed 1 --data-dir /tmp/archive`: a publication with a
// generated archive, for benchmarks and query-plan work. Loads the demo edition into an empty
// database first (sections, settings, images), then adds the archive (src/demo/archive).
// With DATABASE_URL the archive goes to that PostgreSQL database (the data directory still holds
// the demo images).

import { parseArgs } from 'node:util';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { generateArchive } from '../src/demo/archive/generate-archive.ts';
import { isDatabaseEmpty } from '../src/demo/empty-database.ts';
import { seedDemo } from '../src/demo/seed.ts';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    years: { type: 'string', default: '20' },
    'data-dir': { type: 'string', default: process.env.DATA_DIR ?? 'data' },
  },
});
const articles = Number(values.articles);
const seed = Number(values.seed);
const years = Number(values.years);
if (!Number.isInteger(articles) || articles < 1 || !Number.isInteger(seed) || !(years > 0)) {
  process.stderr.write('archive : --articles et --seed doivent être des entiers positifs, --years un nombre positif.\n');
  process.exit(2);
}

const database = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: values['data-dir'] });
try {
  await migrateToLatest(database.db);
  if (await isDatabaseEmpty(database.db)) {
    process.stdout.write('Base vide : chargement de l’édition de démonstration…\n');
    await seedDemo(database.db, values['data-dir']);
  }
  const summary = await generateArchive(database.db, {
    articles,
    seed,
    years,
    onProgress: (written, total) => process.stdout.write(`\r  ${written} / ${total} articles`),
  });
  process.stdout.write(
    `\nArchive générée dans ${database.location} : ${summary.articles} articles (${summary.published} publiés), ` +
      `${summary.tags} mots-clés (${summary.articleTags} liens), ${summary.contributors} contributeurs, ${summary.staff} journalistes, ` +
      `${summary.series} séries, ${summary.dossiers} dossiers, ${summary.revisions} révisions en ${(summary.ms / 1000).toFixed(1)} s.\n`,
  );
} finally {
  await database.close();
}
