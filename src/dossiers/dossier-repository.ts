import { sql } from 'kysely';
import { isPublic } from '../articles/published.ts';
import type { Db } from '../core/db/database.ts';
import { getImagesByIds } from '../images/image-repository.ts';
import type { ImageRecord } from '../images/image-types.ts';

/** A published dossier as lists and its own page show it. */
export interface DossierSummary {
  id: number;
  slug: string;
  sectionId: number | null;
  title: string;
  introduction: string;
  heroImage: ImageRecord | null;
  publishedAt: string;
  /** Published articles in the dossier (drafts and scheduled ones are not counted). */
  articleCount: number;
}

interface DossierRow {
  id: number;
  slug: string;
  section_id: number | null;
  title: string;
  introduction: string;
  hero_image_id: number | null;
  published_at: string | null;
  article_count: number | string | bigint | null;
}

function publishedDossiers(db: Db, now: string) {
  return db
    .selectFrom('dossiers')
    .where('dossiers.published_at', 'is not', null)
    .where('dossiers.published_at', '<=', now)
    .select([
      'dossiers.id',
      'dossiers.slug',
      'dossiers.section_id',
      'dossiers.title',
      'dossiers.introduction',
      'dossiers.hero_image_id',
      'dossiers.published_at',
      (eb) =>
        eb
          .selectFrom('dossier_articles')
          .innerJoin('articles', 'articles.id', 'dossier_articles.article_id')
          .whereRef('dossier_articles.dossier_id', '=', 'dossiers.id')
          .where((e) => isPublic(e, now))
          .select(sql<number>`count(*)`.as('n'))
          .as('article_count'),
    ]);
}

async function withImages(db: Db, rows: DossierRow[]): Promise<DossierSummary[]> {
  const images = await getImagesByIds(
    db,
    rows.map((r) => r.hero_image_id).filter((id): id is number => id !== null),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    sectionId: r.section_id,
    title: r.title,
    introduction: r.introduction,
    heroImage: r.hero_image_id === null ? null : (images.get(r.hero_image_id) ?? null),
    publishedAt: r.published_at ?? '',
    articleCount: Number(r.article_count ?? 0),
  }));
}

/** Published dossiers, newest first, optionally of one section. */
export async function listDossiers(
  db: Db,
  opts: { sectionId?: number; limit: number },
  now = new Date().toISOString(),
): Promise<DossierSummary[]> {
  let q = publishedDossiers(db, now);
  if (opts.sectionId !== undefined) q = q.where('dossiers.section_id', '=', opts.sectionId);
  const rows = await q.orderBy('dossiers.published_at', 'desc').orderBy('dossiers.id', 'desc').limit(opts.limit).execute();
  return withImages(db, rows);
}

/** The published dossier with this slug, or undefined (drafts and future dossiers are not public). */
export async function findPublishedDossier(db: Db, slug: string, now = new Date().toISOString()): Promise<DossierSummary | undefined> {
  const row = await publishedDossiers(db, now).where('dossiers.slug', '=', slug).executeTakeFirst();
  return row ? (await withImages(db, [row]))[0] : undefined;
}

/** Article ids of a dossier in the editors' reading order. */
export async function dossierArticleIds(db: Db, dossierId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('dossier_articles')
    .where('dossier_id', '=', dossierId)
    .select('article_id')
    .orderBy('position')
    .orderBy('article_id')
    .execute();
  return rows.map((r) => r.article_id);
}
