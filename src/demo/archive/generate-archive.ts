import { PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../core/db/database.ts';
import type { ArticleFormat, ArticleStatus } from '../../core/db/schema.ts';
import { slugify } from '../../core/text/slug.ts';
import { rebuildSearchIndex } from '../../search/search-index.ts';
import { body, headline, lead, paragraphText, sentence } from './french-text.ts';
import { CADENCES, FIRST_NAMES, LAST_NAMES, OUTLETS, PLACES, ROLE_LINES, THEMES, YEARLY_EVENTS } from './french-words.ts';
import { Random, Zipf } from './random.ts';

/** What to generate. Only `articles` is needed; the rest scales with it up to the sizes of a real archive. */
export interface ArchiveOptions {
  /** Articles to add (100,000 for the reference archive). */
  articles: number;
  /** Same seed, same archive. Default 1. */
  seed?: number;
  /** Years the archive spans, ending yesterday. Default 20. */
  years?: number;
  /** Tags; default min(5,000, max(150, articles / 20)). */
  tags?: number;
  /** Outside contributors; default min(2,500, max(60, articles / 40)). */
  contributors?: number;
  /** Clock the archive ends at. Default now. */
  now?: Date;
  /** Called after each batch with the number of articles written. */
  onProgress?: (written: number, total: number) => void;
}

/** What generateArchive wrote. */
export interface ArchiveSummary {
  articles: number;
  published: number;
  tags: number;
  articleTags: number;
  contributors: number;
  staff: number;
  series: number;
  dossiers: number;
  revisions: number;
  ms: number;
}

const DAY = 86_400_000;
const BATCH = 400;
const TRANSACTION_ARTICLES = 5_000;
const STAFF = 15;
const SERIES_COUNT = 40;

/** Share of each format in a news magazine's archive. */
const FORMAT_WEIGHTS: Record<ArticleFormat, number> = {
  depeche: 30,
  actualite: 30,
  pepite: 18,
  decryptage: 13,
  chronique: 5,
  video: 2,
  podcast: 2,
};

const NEWS_SECTIONS = ['international', 'politique', 'economie', 'societe'] as const;

const TAGS_PER_FORMAT: Record<ArticleFormat, [number, number]> = {
  depeche: [1, 3],
  pepite: [1, 3],
  actualite: [2, 5],
  decryptage: [3, 7],
  chronique: [2, 4],
  video: [1, 4],
  podcast: [1, 4],
};

/**
 * Adds a generated archive to a publication that already has its sections, settings and a few
 * images (the demo edition): `articles` articles over `years` years with French-like text of
 * realistic length, tags with a long-tail (Zipf) distribution, outside contributors and a staff,
 * series, dossiers, revisions, corrections, old slugs and images (the existing image rows are
 * reused). Deterministic for a seed and a clock. Rows are written in batches of multi-row inserts,
 * one transaction per few thousand articles, then the planner statistics are refreshed.
 */
export async function generateArchive(db: Db, options: ArchiveOptions): Promise<ArchiveSummary> {
  const started = Date.now();
  const random = new Random(options.seed ?? 1);
  const total = Math.max(0, Math.floor(options.articles));
  const years = options.years ?? 20;
  const tagCount = options.tags ?? Math.min(5_000, Math.max(150, Math.floor(total / 20)));
  const contributorCount = options.contributors ?? Math.min(2_500, Math.max(60, Math.floor(total / 40)));
  const end = (options.now ?? new Date()).getTime() - DAY;
  const start = end - years * 365.25 * DAY;

  const sections = new Map((await db.selectFrom('sections').select(['id', 'slug']).execute()).map((s) => [s.slug, s.id]));
  const missing = [...NEWS_SECTIONS, 'decryptages', 'pepites', 'rendez-vous', 'videos', 'podcasts', 'light', 'dossiers'].filter(
    (slug) => !sections.has(slug),
  );
  if (missing.length > 0) {
    throw new Error(`Archive : la publication doit avoir les rubriques de la démo (manquent : ${missing.join(', ')}).`);
  }
  const sectionId = (slug: string): number => sections.get(slug)!;
  const imageIds = (await db.selectFrom('images').select('id').orderBy('id').limit(40).execute()).map((r) => r.id);
  const next = await nextIds(db);

  // People: a newsroom staff and the outside contributors, with unique slugs.
  const takenSlugs = new Set((await db.selectFrom('people').select('slug').execute()).map((r) => r.slug));
  const people: { id: number; slug: string; name: string; kind: 'staff' | 'contributor'; role_line: string }[] = [];
  for (let i = 0; i < STAFF + contributorCount; i++) {
    const name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    let slug = slugify(name);
    for (let n = 2; takenSlugs.has(slug); n++) slug = `${slugify(name)}-${n}`;
    takenSlugs.add(slug);
    const staff = i < STAFF;
    people.push({
      id: next.people++,
      slug,
      name,
      kind: staff ? 'staff' : 'contributor',
      role_line: staff ? 'Journaliste à la rédaction' : random.pick(ROLE_LINES),
    });
  }
  const staff = people.slice(0, STAFF);
  const contributors = people.slice(STAFF);
  const contributorRank = new Zipf(Math.max(1, contributors.length), 0.9);

  // Tags: broad themes and places first (the most used), then yearly events, local themes and
  // personalities; the rank in this list is the Zipf rank.
  const takenTags = new Set((await db.selectFrom('tags').select('slug').execute()).map((r) => r.slug));
  const tagNames: string[] = [];
  const addTag = (name: string): void => {
    const slug = slugify(name);
    if (tagNames.length >= tagCount || takenTags.has(slug)) return;
    takenTags.add(slug);
    tagNames.push(name);
  };
  for (const name of THEMES) addTag(name);
  for (const name of PLACES) addTag(name);
  const firstYear = new Date(start).getUTCFullYear();
  for (let guard = 0; tagNames.length < tagCount && guard < tagCount * 20; guard++) {
    const kind = random.int(0, 2);
    if (kind === 0) addTag(`${random.pick(YEARLY_EVENTS)} ${random.int(firstYear, firstYear + years)}`);
    else if (kind === 1) addTag(`${random.pick(THEMES)} à ${random.pick(PLACES)}`);
    else addTag(`${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`);
  }
  const tags = tagNames.map((name) => ({ id: next.tags++, slug: slugify(name), name }));
  const tagRank = new Zipf(Math.max(1, tags.length), 1);

  // Series (rendez-vous): recurring columns, with slugs unique among the existing ones.
  const takenSeries = new Set((await db.selectFrom('series').select('slug').execute()).map((r) => r.slug));
  const series: { id: number; slug: string; title: string; description: string; cadence: string }[] = [];
  for (let i = 0; i < SERIES_COUNT; i++) {
    const place = random.pick(PLACES);
    const preposition = random.pick(['de', 'depuis', 'sur']);
    const title = `${random.pick(['Les carnets', 'La chronique', 'Le regard', 'Les lettres', 'Le journal'])} ${preposition === 'de' && /^[AEIOUÉÈÂ]/.test(place) ? `d’${place}` : `${preposition} ${place}`}`;
    let slug = slugify(title);
    for (let n = 2; takenSeries.has(slug); n++) slug = `${slugify(title)}-${n}`;
    takenSeries.add(slug);
    series.push({ id: next.series++, slug, title, description: sentence(random), cadence: random.pick(CADENCES) });
  }
  const seriesRank = new Zipf(Math.max(1, series.length), 0.8);

  // Publication times: denser in recent years, sorted so that ids grow with time as they do in a
  // real database.
  const times = new Float64Array(total);
  for (let i = 0; i < total; i++) times[i] = end - (end - start) * random.next() ** 1.4;
  times.sort();

  await db.transaction().execute(async (trx) => {
    await insertBatches(
      trx,
      'people',
      people.map((p) => ({
        ...p,
        bio: p.kind === 'staff' ? '' : paragraphText(random, 2),
        photo_image_id: null,
        links: '[]',
        created_at: new Date(start).toISOString(),
      })),
    );
    await insertBatches(trx, 'tags', tags);
    await insertBatches(
      trx,
      'series',
      series.map((s) => ({ ...s, section_id: sectionId('rendez-vous'), created_at: new Date(start).toISOString() })),
    );
  });

  const summary: ArchiveSummary = {
    articles: 0,
    published: 0,
    tags: tags.length,
    articleTags: 0,
    contributors: contributors.length,
    staff: staff.length,
    series: series.length,
    dossiers: 0,
    revisions: 0,
    ms: 0,
  };
  const speakers = contributors.slice(0, 200).map((p) => p.name);
  const dossierArticles: { id: number; time: number }[] = [];

  for (let from = 0; from < total; from += TRANSACTION_ARTICLES) {
    const to = Math.min(total, from + TRANSACTION_ARTICLES);
    await db.transaction().execute(async (trx) => {
      for (let batchStart = from; batchStart < to; batchStart += BATCH) {
        const articles: Record<string, unknown>[] = [];
        const authors: Record<string, unknown>[] = [];
        const links: Record<string, unknown>[] = [];
        const revisions: Record<string, unknown>[] = [];
        const corrections: Record<string, unknown>[] = [];
        const redirects: Record<string, unknown>[] = [];
        for (let i = batchStart; i < Math.min(to, batchStart + BATCH); i++) {
          const id = next.articles++;
          const format = random.weighted(FORMAT_WEIGHTS);
          const time = times[i];
          const published = new Date(time).toISOString();
          const status = statusOf(random, i, total);
          const section =
            format === 'pepite'
              ? 'pepites'
              : format === 'video'
                ? 'videos'
                : format === 'podcast'
                  ? 'podcasts'
                  : format === 'chronique'
                    ? 'rendez-vous'
                    : format === 'decryptage'
                      ? random.chance(0.7)
                        ? 'decryptages'
                        : random.pick(NEWS_SECTIONS)
                      : random.chance(0.12)
                        ? 'light'
                        : random.pick(NEWS_SECTIONS);
          const title = headline(random);
          const doc = body(random, format, imageIds, speakers);
          const bodyJson = JSON.stringify(doc);
          const sourced = format === 'pepite' || (format === 'actualite' && random.chance(0.1));
          const revision = random.chance(0.1) ? random.int(2, 4) : 1;
          const publishedAt =
            status === 'draft' || status === 'submitted' || status === 'ready'
              ? null
              : status === 'scheduled'
                ? new Date(end + DAY * random.int(2, 9)).toISOString()
                : published;
          const createdAt = new Date(time - random.int(20, 600) * 60_000).toISOString();
          const updated =
            status === 'published' && random.chance(0.08) ? new Date(time + random.int(1, 48) * 3_600_000).toISOString() : null;
          const slug = `${slugify(title, 70)}-${id}`;
          articles.push({
            id,
            format,
            section_id: sectionId(section),
            series_id: format === 'chronique' ? series[seriesRank.sample(random)].id : null,
            kicker: random.chance(0.6) ? random.pick(THEMES) : '',
            headline: title,
            slug,
            lead: lead(random),
            body: bodyJson,
            hero_image_id:
              imageIds.length > 0 && (format === 'decryptage' || format === 'actualite' || random.chance(0.3)) && random.chance(0.8)
                ? random.pick(imageIds)
                : null,
            source_outlet: sourced ? random.pick(OUTLETS) : null,
            source_url: sourced ? `https://www.exemple-media.fr/articles/${id}` : null,
            source_headline: sourced ? headline(random) : null,
            status,
            created_at: createdAt,
            published_at: publishedAt,
            updated_at: updated,
            seo_title: null,
            seo_description: null,
            comments_setting: 'inherit',
            revision,
            edited_at: updated ?? createdAt,
          });
          if (status === 'published') summary.published++;

          const byline =
            format === 'decryptage' || format === 'chronique'
              ? [contributors[contributorRank.sample(random)], ...(random.chance(0.15) ? [random.pick(staff)] : [])]
              : [random.pick(staff), ...(random.chance(0.1) ? [random.pick(staff)] : [])];
          const seen = new Set<number>();
          for (const person of byline) {
            if (seen.has(person.id)) continue;
            authors.push({ article_id: id, person_id: person.id, position: seen.size });
            seen.add(person.id);
          }
          const [minTags, maxTags] = TAGS_PER_FORMAT[format];
          const wanted = random.int(minTags, maxTags);
          const chosen = new Set<number>();
          for (let tries = 0; chosen.size < wanted && tries < wanted * 4; tries++) chosen.add(tags[tagRank.sample(random)].id);
          let position = 0;
          for (const tagId of chosen) links.push({ article_id: id, tag_id: tagId, position: position++ });
          summary.articleTags += chosen.size;

          for (let r = 1; r < revision; r++) {
            revisions.push({
              article_id: id,
              revision: r,
              snapshot: JSON.stringify({
                format,
                sectionId: sectionId(section),
                seriesId: null,
                kicker: '',
                headline: r === 1 ? headline(random) : title,
                slug,
                lead: '',
                body: doc,
                heroImageId: null,
                authorPersonIds: [...seen],
                tags: [],
                source: null,
                corrections: [],
                seoTitle: null,
                seoDescription: null,
                commentsSetting: 'inherit',
              }),
              user_id: null,
              created_at: new Date(time - (revision - r) * 600_000).toISOString(),
            });
          }
          if (status === 'published' && random.chance(0.005)) {
            corrections.push({
              article_id: id,
              noted_at: new Date(time + 7_200_000).toISOString(),
              text: `Correction : ${sentence(random)}`,
            });
          }
          if (status === 'published' && random.chance(0.003)) {
            redirects.push({ old_slug: `${slug}-ancien`, article_id: id, created_at: new Date(time + 2_400_000).toISOString() });
          }
          if (status === 'published' && (format === 'decryptage' || format === 'actualite')) dossierArticles.push({ id, time });
        }
        await insertBatches(trx, 'articles', articles);
        await insertBatches(trx, 'article_authors', authors);
        await insertBatches(trx, 'article_tags', links);
        await insertBatches(trx, 'article_revisions', revisions);
        await insertBatches(trx, 'corrections', corrections);
        await insertBatches(trx, 'slug_redirects', redirects);
        summary.articles += articles.length;
        summary.revisions += revisions.length;
      }
    });
    options.onProgress?.(to, total);
  }

  // Dossiers: one for about every 300 articles, gathering analyses and news of a few weeks.
  const dossierCount = Math.floor(total / 300);
  const dossiers: Record<string, unknown>[] = [];
  const members: Record<string, unknown>[] = [];
  const takenDossiers = new Set((await db.selectFrom('dossiers').select('slug').execute()).map((r) => r.slug));
  for (let d = 0; d < dossierCount && dossierArticles.length > 20; d++) {
    const at = random.int(0, dossierArticles.length - 16);
    const size = random.int(5, 15);
    const chosen = dossierArticles.slice(at, at + size);
    const id = next.dossiers++;
    const title = `${random.pick(THEMES)} : ${random.pick(['comprendre', 'les enjeux de', 'retour sur', 'tout savoir sur'])} ${random.pick(PLACES)}`;
    let slug = slugify(title);
    for (let n = 2; takenDossiers.has(slug); n++) slug = `${slugify(title)}-${n}`;
    takenDossiers.add(slug);
    const publishedAt = new Date(Math.min(end, chosen[chosen.length - 1].time + DAY)).toISOString();
    dossiers.push({
      id,
      slug,
      section_id: sectionId('dossiers'),
      title,
      introduction: paragraphText(random, 3),
      hero_image_id: imageIds.length > 0 ? random.pick(imageIds) : null,
      published_at: publishedAt,
      created_at: publishedAt,
    });
    chosen.forEach((a, position) => {
      members.push({ dossier_id: id, article_id: a.id, position });
    });
  }
  await db.transaction().execute(async (trx) => {
    await insertBatches(trx, 'dossiers', dossiers);
    await insertBatches(trx, 'dossier_articles', members);
  });
  summary.dossiers = dossiers.length;

  await resetSequences(db);
  // Written straight into the tables: the published articles enter the search index, as the demo's do.
  await rebuildSearchIndex(db, db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');
  // Fresh statistics, so the planners choose the indexes meant for an archive of this size.
  await sql`ANALYZE`.execute(db);
  summary.ms = Date.now() - started;
  return summary;
}

/** Most of the archive is published; a few were withdrawn; the newest pieces include the newsroom's work in progress. */
function statusOf(random: Random, index: number, total: number): ArticleStatus {
  const fromEnd = total - index;
  if (fromEnd <= 40 && random.chance(0.5)) return random.weighted({ draft: 5, submitted: 3, ready: 1, scheduled: 1 });
  if (random.chance(0.003)) return 'unpublished';
  if (random.chance(0.002)) return 'draft';
  return 'published';
}

/** The next free id of each table the generator fills with explicit ids. */
async function nextIds(db: Db) {
  const max = async (table: 'articles' | 'people' | 'tags' | 'series' | 'dossiers') => {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.max('id').as('m'))
      .executeTakeFirst();
    return Number(row?.m ?? 0) + 1;
  };
  return {
    articles: await max('articles'),
    people: await max('people'),
    tags: await max('tags'),
    series: await max('series'),
    dossiers: await max('dossiers'),
  };
}

type InsertableTable =
  | 'people'
  | 'tags'
  | 'series'
  | 'articles'
  | 'article_authors'
  | 'article_tags'
  | 'article_revisions'
  | 'corrections'
  | 'slug_redirects'
  | 'dossiers'
  | 'dossier_articles';

/** Multi-row inserts, small enough for both engines' limits on bound parameters. */
async function insertBatches(db: Db, table: InsertableTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]).length;
  const size = Math.max(1, Math.floor(20_000 / columns));
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      // biome-ignore lint/suspicious/noExplicitAny: rows are built for this table above
      .values(rows.slice(i, i + size) as any)
      .execute();
  }
}

/** PostgreSQL identity columns must continue after the explicit ids written above. */
async function resetSequences(db: Db): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const table of ['articles', 'people', 'tags', 'series', 'dossiers', 'article_revisions', 'corrections', 'slug_redirects']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 1))`.execute(db);
  }
}
