import type { Db } from '../../core/db/database.ts';

/** Pages worth measuring in an archive: the extremes a reader or crawler meets (used by the bench and the plan test). */
export interface ArchiveSamples {
  recent: { slug: string; section: string };
  /** 15 years old, or the oldest published article there is (the demo edition spans days). */
  old: { slug: string; section: string };
  section: { id: number; slug: string };
  /** Published articles of that section, for a deep page number. */
  sectionCount: number;
  /** Tags and authors by use, most used first. */
  tagsByUse: { slug: string; n: number }[];
  authorsByUse: { id: number; slug: string; n: number }[];
  series: { slug: string };
  dossier: { slug: string };
}

/** Picks the sample pages of an archive (its international section, most and least used tags and authors…). */
export async function archiveSamples(db: Db, now: string): Promise<ArchiveSamples> {
  const articleBefore = (iso: string) =>
    db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .where('articles.published_at', '<=', iso)
      .orderBy('articles.published_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  const recent = await articleBefore(now);
  const old =
    (await articleBefore(new Date(Date.parse(now) - 15 * 365.25 * 86_400_000).toISOString())) ??
    (await db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.slug', 'sections.slug as section'])
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at')
      .limit(1)
      .executeTakeFirst());
  if (!recent || !old) throw new Error('Archive sans article publié.');
  const section = await db.selectFrom('sections').select(['id', 'slug']).where('slug', '=', 'international').executeTakeFirstOrThrow();
  const inSection = await db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('section_id', '=', section.id)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  const tagsByUse = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.slug', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['tags.id', 'tags.slug'])
    .orderBy('n', 'desc')
    .orderBy('tags.slug')
    .execute();
  const authorsByUse = await db
    .selectFrom('article_authors')
    .innerJoin('people', 'people.id', 'article_authors.person_id')
    .select(['people.id', 'people.slug', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['people.id', 'people.slug'])
    .orderBy('n', 'desc')
    .orderBy('people.id')
    .execute();
  const series = await db
    .selectFrom('articles')
    .innerJoin('series', 'series.id', 'articles.series_id')
    .select(['series.slug', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['series.id', 'series.slug'])
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const dossier = await db
    .selectFrom('dossiers')
    .select('slug')
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    recent,
    old,
    section,
    sectionCount: Number(inSection.n),
    tagsByUse: tagsByUse.map((t) => ({ slug: t.slug, n: Number(t.n) })),
    authorsByUse: authorsByUse.map((a) => ({ id: a.id, slug: a.slug, n: Number(a.n) })),
    series: { slug: series.slug },
    dossier: { slug: dossier.slug },
  };
}
