// `node --cpu-prof bench/article-render-profile.ts --data-dir /tmp/archive`: the uncached article
// page in one process, for a CPU profile. Renders distinct public articles of a generated archive
// (`npm run archive`) through app.inject with the page cache off, and prints the server's CPU per
// page (median of rounds), the queries per page and the heap. A first pass stores every body
// rendered (as the first read of an old article does), so the rounds measure the steady path.
// With --listings, also a section's, a tag's and an author's first page against a deep page
// reached by its number and by the previous page's "next" link (the keyset cursor).

import { parseArgs } from 'node:util';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    pages: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '5' },
    listings: { type: 'boolean', default: false },
  },
});
if (!values['data-dir']) {
  process.stderr.write('usage : node bench/article-render-profile.ts --data-dir <dossier d’une archive> [--pages 500] [--rounds 5]\n');
  process.exit(2);
}
const pageCount = Number(values.pages);
const rounds = Number(values.rounds);

/** Counts the statements executed (a plugin sees each result once). */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }
}

const opened = openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: values['data-dir'] });
await migrateToLatest(opened.db);
const counter = new QueryCounter();
const database = { ...opened, db: opened.db.withPlugin(counter) };
const config = loadConfig({
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: values['data-dir'],
  DATABASE_URL: process.env.DATABASE_URL,
  KIOSQUE_DEMO: '0',
  PAGE_CACHE: '0',
  LOG_LEVEL: 'warn',
});
const app = await buildApp({ config, database });
await app.ready();

// Distinct public articles spread over the whole archive (every k-th by id), no video or podcast.
const now = new Date().toISOString();
const all = await opened.db
  .selectFrom('articles')
  .innerJoin('sections', 'sections.id', 'articles.section_id')
  .select(['articles.slug', 'sections.slug as section'])
  .where('articles.status', '=', 'published')
  .where('articles.published_at', '<=', now)
  .where('articles.format', 'not in', ['video', 'podcast'])
  .orderBy('articles.id')
  .execute();
const step = Math.max(1, Math.floor(all.length / pageCount));
const paths = all
  .filter((_, i) => i % step === 0)
  .slice(0, pageCount)
  .map((a) => `/${a.section}/${a.slug}`);

async function renderAll(): Promise<{ cpuMs: number; queries: number }> {
  // Each article is rendered once per round, as a crawler finds it: nothing of it kept from the last round.
  app.kiosque.memo.clear();
  app.kiosque.fragments.clear();
  const queriesBefore = counter.count;
  const cpu = process.cpuUsage();
  for (const url of paths) {
    const response = await app.inject({ method: 'GET', url });
    if (response.statusCode !== 200) throw new Error(`${url} répond ${response.statusCode}`);
    // As a server between two requests: the event loop turns (SQLite answers synchronously, so
    // without this the whole loop would run in microtasks and the work each response leaves to
    // setImmediate, holding its page, would pile up until the end).
    await new Promise((resolve) => setImmediate(resolve));
  }
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000 / paths.length, queries: (counter.count - queriesBefore) / paths.length };
}

const first = await renderAll();
process.stdout.write(`${paths.length} articles, premier passage (corps rendus et stockés) : ${first.cpuMs.toFixed(3)} ms CPU par page\n`);
const perRound: number[] = [];
let queries = 0;
for (let round = 0; round < rounds; round++) {
  const r = await renderAll();
  perRound.push(r.cpuMs);
  queries = r.queries;
}
perRound.sort((a, b) => a - b);
const median = perRound[Math.floor(perRound.length / 2)]!;
const memory = process.memoryUsage();
process.stdout.write(
  `article sans cache : ${median.toFixed(3)} ms CPU par page (médiane de ${rounds} passages ; de ${perRound[0]!.toFixed(3)} à ${perRound.at(-1)!.toFixed(3)}), ` +
    `${queries.toFixed(1)} requêtes par page, tas ${(memory.heapUsed / 1e6).toFixed(0)} Mo, RSS ${(memory.rss / 1e6).toFixed(0)} Mo\n`,
);
if (values.listings) await profileListings();
await app.close();
await opened.close();

/** CPU per request of one URL (median of rounds × 20 requests), and its statements. */
async function cpuPerRequest(url: string): Promise<{ ms: number; queries: number }> {
  const samples: number[] = [];
  let queries = 0;
  for (let round = 0; round < rounds; round++) {
    const before = counter.count;
    const cpu = process.cpuUsage();
    for (let i = 0; i < 20; i++) {
      const response = await app.inject(url);
      if (response.statusCode !== 200) throw new Error(`${url} répond ${response.statusCode}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const used = process.cpuUsage(cpu);
    samples.push((used.user + used.system) / 1000 / 20);
    queries = (counter.count - before) / 20;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, queries };
}

async function profileListings(): Promise<void> {
  const { archiveSamples } = await import('../src/demo/archive/archive-samples.ts');
  const { section, sectionCount, tagsByUse, authorsByUse } = await archiveSamples(opened.db, now);
  const listings = [
    { name: 'rubrique', base: `/${section.slug}`, pages: Math.floor(sectionCount / 20) },
    { name: 'sujet', base: `/sujet/${tagsByUse[0]!.slug}`, pages: Math.floor(tagsByUse[0]!.n / 20) },
    { name: 'auteur', base: `/auteur/${authorsByUse[0]!.slug}`, pages: Math.floor(authorsByUse[0]!.n / 20) },
  ];
  for (const l of listings) {
    const deep = Math.max(2, Math.floor(l.pages * 0.9));
    const previous = await app.inject(deep - 1 === 1 ? l.base : `${l.base}?page=${deep - 1}`);
    const next = /<a class="pagination__next" rel="next" href="([^"]+)"/
      .exec(previous.body)?.[1]
      ?.replaceAll('&#61;', '=')
      .replaceAll('&amp;', '&');
    if (!next) throw new Error(`${l.base}?page=${deep - 1} : pas de lien « suivante »`);
    const first = await cpuPerRequest(l.base);
    const byNumber = await cpuPerRequest(`${l.base}?page=${deep}`);
    const byLink = await cpuPerRequest(next);
    process.stdout.write(
      `${l.name} : page 1 ${first.ms.toFixed(2)} ms ; page ${deep} par son numéro ${byNumber.ms.toFixed(2)} ms (${(byNumber.ms / first.ms).toFixed(2)} ×), ` +
        `par « suivante » ${byLink.ms.toFixed(2)} ms (${(byLink.ms / first.ms).toFixed(2)} ×) ; ${first.queries} / ${byNumber.queries} / ${byLink.queries} requêtes\n`,
    );
  }
}
