import { z } from 'zod';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/database.ts';
import { type ContentEvent, isArticleEvent, onContentEvent } from '../core/events/content-events.ts';
import { outboundPost } from '../core/http/outbound-fetch.ts';
import { enqueueJob, registerJobHandler } from '../core/jobs/job-runner.ts';
import { FEED_FORMATS, FEED_TYPES, type FeedKind, feedPath } from './feed-scope.ts';

/** The durable job that tells a WebSub hub that feeds changed. */
export const WEBSUB_JOB = 'websub-publish';

const payloadSchema = z.strictObject({ hub: z.url(), topics: z.array(z.url()).min(1).max(500) });

/**
 * Registers the WebSub job and its trigger: every public change of an article (published,
 * updated, unpublished; content events, inside the change's transaction) queues one ping per
 * configured hub (none by default) for every feed that lists the article, or listed it before a
 * move to another section. The job is durable: it runs after commit, retried on failure. A
 * deleted article was withdrawn first: no feed changes.
 */
export function registerWebSub(config: Config): void {
  registerJobHandler(WEBSUB_JOB, payloadSchema, async ({ hub, topics }, { ctx }) => {
    // WebSub §7 leaves the publish request to the hub: a form POST `hub.mode=publish` with each
    // changed feed as `hub.url` is the form hubs accept. Not 2xx: retried.
    const body = new URLSearchParams([['hub.mode', 'publish'], ...topics.map((topic) => ['hub.url', topic] as [string, string])]);
    const sent = await outboundPost(hub, { 'content-type': 'application/x-www-form-urlencoded' }, body.toString(), {
      allowPrivate: ctx.config.pingsAllowPrivate,
      timeoutMs: 15_000,
    });
    if (!sent.ok) throw new Error(`Hub WebSub : ${sent.error}`);
  });
  onContentEvent('websub', async (db, event) => {
    if (config.webSubHubs.length === 0 || !isArticleEvent(event) || event.type === 'article.deleted') return;
    const topics = await articleFeedTopics(db, event, config.publicUrl);
    for (const hub of config.webSubHubs) await enqueueJob(db, { kind: WEBSUB_JOB, payload: { hub, topics }, maxAttempts: 8 });
  });
}

/** The absolute URLs of every feed that lists the article of the event (home, section, format, authors, tags, dossiers, series). */
async function articleFeedTopics(db: Db, event: ContentEvent, publicUrl: string): Promise<string[]> {
  const id = event.subject.id;
  const [row, authors, tags, dossiers] = await Promise.all([
    db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .leftJoin('series', 'series.id', 'articles.series_id')
      .select(['sections.slug as section', 'articles.format', 'series.slug as series'])
      .where('articles.id', '=', id)
      .executeTakeFirst(),
    db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select('people.slug')
      .where('article_authors.article_id', '=', id)
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_tags.article_id', '=', id)
      .execute(),
    db
      .selectFrom('dossier_articles')
      .innerJoin('dossiers', 'dossiers.id', 'dossier_articles.dossier_id')
      .select('dossiers.slug')
      .where('dossier_articles.article_id', '=', id)
      .execute(),
  ]);
  const format = Object.entries(FEED_FORMATS).find(([, f]) => f.format === row?.format)?.[0];
  const feeds: [FeedKind, string | null][] = [
    ['home', null],
    ...(row ? [['section', row.section] as [FeedKind, string]] : []),
    ...(format ? [['format', format] as [FeedKind, string]] : []),
    ...authors.map((a): [FeedKind, string] => ['author', a.slug]),
    ...tags.map((t): [FeedKind, string] => ['tag', t.slug]),
    ...dossiers.map((d): [FeedKind, string] => ['dossier', d.slug]),
    ...(row?.series ? [['series', row.series] as [FeedKind, string]] : []),
  ];
  // Moved to another section: the old section's feed lost it.
  const previous = event.data.previous_section as { slug?: unknown } | null | undefined;
  if (typeof previous?.slug === 'string') feeds.push(['section', previous.slug]);
  const topics = feeds.flatMap(([kind, slug]) => FEED_TYPES.map((type) => publicUrl + feedPath(kind, slug, type)));
  return [...new Set(topics)].slice(0, 500);
}
