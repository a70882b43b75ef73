import path from 'node:path';
import type { Kysely } from 'kysely';
import { isPostgres } from '../core/db/migration-helpers.ts';
import { rebuildSearchIndex } from '../search/search-index.ts';
import type { Db } from '../core/db/database.ts';
import { foldedKey } from '../core/text/loose-match.ts';
import { slugify } from '../core/text/slug.ts';
import { isDatabaseEmpty } from './empty-database.ts';
import { articleSlug, checkDemoContent } from './check-content.ts';
import { ARTICLES, REFERENCE_ARTICLE_KEY } from './content/articles.ts';
import { DOSSIERS } from './content/dossiers.ts';
import { PAGES } from './content/pages.ts';
import { NEWSLETTERS } from './content/newsletters.ts';
import { PEOPLE } from './content/people.ts';
import { DEMO_CLOSED_ARTICLES, DEMO_COMMENTS, DEMO_READERS } from './content/comments.ts';
import { COMMENTS_NOTICE, NAV_ITEMS, PUBLICATION_NAME, PUBLICATION_TAGLINE } from './content/publication.ts';
import { SECTIONS } from './content/sections.ts';
import { SERIES } from './content/series.ts';
import { TAGS } from './content/tags.ts';
import { finalBody } from './demo-body.ts';
import { editionTime, resolveWhen, type When } from './schedule.ts';
import { dossierKey, figureKey, heroKey, portraitKey, storeDemoImages } from './seed-images.ts';
import { seedDemoDeskAndWire } from './seed-desk.ts';
import { seedDemoPodcast } from './seed-podcast.ts';

/** What seedDemo stored. */
export interface SeedSummary {
  articles: number;
  people: number;
  images: number;
}

/** URL slug of the demo's reference article (the home page's lead story). */
export const DEMO_REFERENCE_SLUG = articleSlug(ARTICLES.find((a) => a.key === REFERENCE_ARTICLE_KEY)!);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** True when the publication has never been set up (no settings row): the demo may be loaded. */
/**
 * Loads the demo edition of "Le Sextant" into an empty, migrated database: settings, navigation,
 * sections, people, tags, series, articles (with authors, tags, corrections, redirects), dossiers
 * and pages; then the desk's outlets and stories and the wire's agency (seed-desk.ts, its folder
 * under `wireRoot`). Dates are relative to `now` (see editionTime), so the demo always looks
 * fresh. Pictures are drawn and stored first (files cannot take part in a transaction); the
 * publication's rows are then written in one transaction, so a failure leaves no half-seeded
 * publication; the podcast, the desk and the wire follow.
 */
export async function seedDemo(db: Db, dataDir: string, opts: { now?: Date; wireRoot?: string } = {}): Promise<SeedSummary> {
  checkDemoContent();
  if (!(await isDatabaseEmpty(db))) {
    throw new Error("La base contient déjà une publication : l'édition de démonstration ne se charge que dans une base vide.");
  }
  const now = editionTime(opts.now ?? new Date());
  const at = (when: When): string => resolveWhen(when, now).toISOString();
  const before = (iso: string, minutes: number): string => new Date(Date.parse(iso) - minutes * MINUTE).toISOString();
  const founded = new Date(now.getTime() - 400 * DAY).toISOString();
  const nowIso = now.toISOString();

  const images = await storeDemoImages(db, dataDir);
  const imageId = (key: string): number => {
    const id = images.get(key);
    if (id === undefined) throw new Error(`Image de démonstration manquante : ${key}`);
    return id;
  };

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({
        id: 1,
        name: PUBLICATION_NAME,
        tagline: PUBLICATION_TAGLINE,
        public_url: null,
        language: 'fr',
        logo_image_id: null,
        // Open in the demo; the suspension notice is kept, shown as soon as Réglages says "suspendus".
        comments_mode: 'open',
        comments_notice: COMMENTS_NOTICE,
        updated_at: nowIso,
      })
      .execute();

    const sectionIds = new Map<string, number>();
    for (const [index, section] of SECTIONS.entries()) {
      const row = await trx
        .insertInto('sections')
        .values({ slug: section.slug, name: section.name, description: section.description, position: index + 1, created_at: founded })
        .returning('id')
        .executeTakeFirstOrThrow();
      sectionIds.set(section.slug, row.id);
    }
    const sectionId = (slug: string): number => sectionIds.get(slug)!;

    for (const [index, item] of NAV_ITEMS.entries()) {
      await trx
        .insertInto('nav_items')
        .values({ position: index + 1, label: item.label, kind: item.kind, target: item.target })
        .execute();
    }

    const tagIds = new Map<string, number>();
    for (const name of TAGS) {
      const row = await trx
        .insertInto('tags')
        .values({ slug: slugify(name), name })
        .returning('id')
        .executeTakeFirstOrThrow();
      tagIds.set(name, row.id);
    }

    const personIds = new Map<string, number>();
    for (const person of PEOPLE) {
      const row = await trx
        .insertInto('people')
        .values({
          slug: person.slug,
          name: person.name,
          kind: person.kind,
          role_line: person.roleLine,
          bio: person.bio,
          photo_image_id: imageId(portraitKey(person.slug)),
          links: JSON.stringify(person.links),
          created_at: founded,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      personIds.set(person.slug, row.id);
    }

    const seriesIds = new Map<string, number>();
    for (const series of SERIES) {
      const row = await trx
        .insertInto('series')
        .values({
          slug: series.slug,
          section_id: sectionId('rendez-vous'),
          title: series.title,
          description: series.description,
          cadence: series.cadence,
          created_at: founded,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      seriesIds.set(series.slug, row.id);
    }

    const articleIds = new Map<string, number>();
    for (const article of ARTICLES) {
      const status = article.status ?? 'published';
      const publishedAt = status === 'draft' ? null : at(article.when);
      const updatedAt = article.updated ? at(article.updated) : null;
      // Written a little before it went out; a draft was started a few hours ago.
      const createdAt =
        publishedAt && status !== 'scheduled'
          ? before(publishedAt, 90)
          : before(nowIso, article.when.kind === 'ago' ? article.when.minutes : 180);
      const row = await trx
        .insertInto('articles')
        .values({
          format: article.format,
          section_id: sectionId(article.section),
          series_id: article.series ? seriesIds.get(article.series)! : null,
          kicker: article.kicker,
          headline: article.headline,
          slug: articleSlug(article),
          lead: article.lead,
          body: finalBody(article.body, (seed) => imageId(figureKey(seed))),
          hero_image_id: article.hero ? imageId(heroKey(article.key)) : null,
          source_outlet: article.source?.outlet ?? null,
          source_url: article.source?.url ?? null,
          source_headline: article.source?.headline ?? null,
          status,
          created_at: createdAt,
          published_at: publishedAt,
          updated_at: updatedAt,
          seo_title: article.seoTitle ?? null,
          seo_description: null,
          comments_setting: DEMO_CLOSED_ARTICLES.includes(article.key) ? 'closed' : 'inherit',
          revision: 1 + (article.corrections?.length ?? 0),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      articleIds.set(article.key, row.id);

      for (const [position, author] of article.authors.entries()) {
        await trx
          .insertInto('article_authors')
          .values({ article_id: row.id, person_id: personIds.get(author)!, position })
          .execute();
      }
      for (const [position, tag] of article.tags.entries()) {
        await trx
          .insertInto('article_tags')
          .values({ article_id: row.id, tag_id: tagIds.get(tag)!, position })
          .execute();
      }
      for (const correction of article.corrections ?? []) {
        await trx
          .insertInto('corrections')
          .values({ article_id: row.id, noted_at: at(correction.when), text: correction.text })
          .execute();
      }
      for (const oldSlug of article.oldSlugs ?? []) {
        // The slug was changed shortly after publication.
        const changedAt = publishedAt ? new Date(Date.parse(publishedAt) + 40 * MINUTE).toISOString() : nowIso;
        await trx.insertInto('slug_redirects').values({ old_slug: oldSlug, article_id: row.id, created_at: changedAt }).execute();
      }
    }

    for (const dossier of DOSSIERS) {
      const publishedAt = at(dossier.when);
      const row = await trx
        .insertInto('dossiers')
        .values({
          slug: dossier.slug,
          section_id: sectionId('dossiers'),
          title: dossier.title,
          introduction: dossier.introduction,
          hero_image_id: imageId(dossierKey(dossier.slug)),
          published_at: publishedAt,
          created_at: before(publishedAt, 120),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [position, key] of dossier.articles.entries()) {
        await trx
          .insertInto('dossier_articles')
          .values({ dossier_id: row.id, article_id: articleIds.get(key)!, position })
          .execute();
      }
    }

    // Readers and their comments on a few published articles (the counts kept as the app keeps them).
    const readerIds = new Map<string, number>();
    for (const reader of DEMO_READERS) {
      const row = await trx
        .insertInto('readers')
        .values({
          email: reader.email ?? `${reader.key}@lecteurs.example`,
          display_name: reader.name,
          name_key: foldedKey(reader.name),
          bio: reader.bio,
          suspended_until: null,
          created_at: before(nowIso, 90 * 24 * 60),
          updated_at: before(nowIso, 90 * 24 * 60),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      readerIds.set(reader.key, row.id);
    }
    const commentIds = new Map<string, number>();
    const published = new Map((await trx.selectFrom('articles').select(['id', 'published_at', 'status']).execute()).map((a) => [a.id, a]));
    for (const comment of DEMO_COMMENTS) {
      const articleId = articleIds.get(comment.article)!;
      const article = published.get(articleId)!;
      if (article.status !== 'published' || !article.published_at) continue;
      const createdAt = new Date(Math.min(Date.parse(article.published_at) + comment.after * MINUTE, now.getTime() - MINUTE)).toISOString();
      const parentId = comment.replyTo ? commentIds.get(comment.replyTo)! : null;
      const row = await trx
        .insertInto('comments')
        .values({
          article_id: articleId,
          reader_id: readerIds.get(comment.reader)!,
          parent_id: parentId,
          body: comment.text,
          body_key: foldedKey(comment.text),
          status: 'visible',
          created_at: createdAt,
          edited_at: null,
          like_count: comment.likes,
          featured: comment.featured ? 1 : 0,
          author_badge: comment.badge?.kind ?? '',
          author_badge_line: comment.badge?.line ?? '',
          spam_score: null,
          decided_at: null,
          decided_by_user_id: null,
          contested_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      commentIds.set(comment.key, row.id);
      if (parentId !== null)
        await trx
          .updateTable('comments')
          .set((eb) => ({ reply_count: eb('reply_count', '+', 1) }))
          .where('id', '=', parentId)
          .execute();
      await trx
        .insertInto('comment_threads')
        .values({ article_id: articleId, visible_count: 1, auto_premoderation_at: null })
        .onConflict((oc) => oc.column('article_id').doUpdateSet((eb) => ({ visible_count: eb('comment_threads.visible_count', '+', 1) })))
        .execute();
    }

    for (const [position, n] of NEWSLETTERS.entries()) {
      await trx
        .insertInto('newsletters')
        .values({
          slug: n.slug,
          name: n.name,
          description: n.description,
          cadence: n.cadence,
          sender_name: PUBLICATION_NAME,
          sender_email: 'newsletter@le-sextant.example',
          reply_to: 'redaction@le-sextant.example',
          recipe: JSON.stringify(n.recipe),
          send_hour: n.sendHour,
          needs_approval: n.needsApproval ? 1 : 0,
          position,
          created_at: founded,
          updated_at: founded,
        })
        .execute();
    }

    for (const page of PAGES) {
      await trx
        .insertInto('pages')
        .values({
          slug: page.slug,
          kind: page.kind,
          title: page.title,
          lead: page.lead,
          body: finalBody(page.body, () => 1),
          updated_at: before(nowIso, 20 * 24 * 60),
        })
        .execute();
    }
  });

  const podcastImages = await seedDemoPodcast(db, dataDir, nowIso);
  const agencyImages = await seedDemoDeskAndWire(db, dataDir, opts.wireRoot ?? path.join(dataDir, 'agences'), now);
  // The edition was written straight into the tables: its published articles enter the search index.
  await rebuildSearchIndex(db, isPostgres(db as unknown as Kysely<unknown>) ? 'postgres' : 'sqlite');
  return { articles: ARTICLES.length, people: PEOPLE.length, images: images.size + podcastImages + agencyImages };
}
