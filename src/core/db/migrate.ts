import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initialSchema from './migrations/20261126T0001-initial-schema.ts';
import * as newsroomSchema from './migrations/20261127T0001-newsroom-schema.ts';
import * as cacheInvalidations from './migrations/20261127T0002-cache-invalidations.ts';
import * as totpLastStep from './migrations/20261127T0003-totp-last-step.ts';
import * as textFolding from './migrations/20261203T0301-text-folding.ts';
import * as draftKeysAndImageUploader from './migrations/20261203T0401-draft-keys-and-image-uploader.ts';
import * as archiveIndexes from './migrations/20261203T0501-archive-indexes.ts';
import * as backfillLinkDates from './migrations/20261203T0502-backfill-link-dates.ts';
import * as feedSetting from './migrations/20261203T0601-feed-setting.ts';
import * as searchIndex from './migrations/20261203T0602-search-index.ts';
import * as readers from './migrations/20261203T0701-readers.ts';
import * as comments from './migrations/20261203T0702-comments.ts';
import * as jobWorkers from './migrations/20261203T0801-job-workers.ts';
import * as idempotencyKeys from './migrations/20261203T0802-idempotency-keys.ts';
import * as webhooks from './migrations/20261203T0901-webhooks.ts';
import * as imports from './migrations/20261203T0902-imports.ts';
import * as importRuns from './migrations/20261204T0701-import-runs.ts';
import * as importRunResume from './migrations/20261205T0301-import-run-resume.ts';
import * as contentApiKeys from './migrations/20261203T0903-content-api-keys.ts';
import * as curationDesk from './migrations/20261204T0301-curation-desk.ts';
import * as newsletters from './migrations/20261204T0101-newsletters.ts';
import * as podcastsAndVideos from './migrations/20261204T0201-podcasts-and-videos.ts';
import * as wire from './migrations/20261204T0401-wire.ts';
import * as searchAndSitemapIndexes from './migrations/20261204T0501-search-and-sitemap-indexes.ts';
import * as commentBadges from './migrations/20261204T0801-comment-badges.ts';
import * as commentClassifier from './migrations/20261204T0802-comment-classifier.ts';
import * as deskWireNewsletterIndexes from './migrations/20261205T0201-desk-wire-newsletter-indexes.ts';
import * as newsletterLeaseAndCounts from './migrations/20261205T0401-newsletter-lease-and-counts.ts';
import * as newsletterSendPace from './migrations/20261206T0301-newsletter-send-pace.ts';
import * as storedArticleBody from './migrations/20261205T0501-stored-article-body.ts';
import * as sitemapMonths from './migrations/20261205T0601-sitemap-months.ts';
import * as backfillSitemapMonths from './migrations/20261205T0602-backfill-sitemap-months.ts';
import * as searchPassages from './migrations/20261206T0201-search-passages.ts';
import * as commentRuleIndexes from './migrations/20261206T0401-comment-rule-indexes.ts';
import * as readerFullName from './migrations/20261206T0501-reader-full-name.ts';
import * as newsletterSendStarted from './migrations/20261207T0101-newsletter-send-started.ts';
import * as wireItemPhotos from './migrations/20261207T0201-wire-item-photos.ts';
import * as newsletterBounceMailbox from './migrations/20261208T0101-newsletter-bounce-mailbox.ts';
import * as searchVocabulary from './migrations/20261208T0401-search-vocabulary.ts';
import * as linkPublicAt from './migrations/20261209T0101-link-public-at.ts';
import * as backfillLinkPublicAt from './migrations/20261209T0102-backfill-link-public-at.ts';
import * as appState from './migrations/20261209T0201-app-state.ts';
import * as articlesAdminLookup from './migrations/20261210T0101-articles-admin-lookup.ts';
import * as searchTerms from './migrations/20261210T0201-search-terms.ts';

// Migrations are listed here explicitly: names sort by timestamp, and a file is never edited once merged.
const migrations: Record<string, Migration> = {
  '20261126T0001-initial-schema': initialSchema,
  '20261127T0001-newsroom-schema': newsroomSchema,
  '20261127T0002-cache-invalidations': cacheInvalidations,
  '20261127T0003-totp-last-step': totpLastStep,
  '20261203T0301-text-folding': textFolding,
  '20261203T0401-draft-keys-and-image-uploader': draftKeysAndImageUploader,
  '20261203T0501-archive-indexes': archiveIndexes,
  '20261203T0502-backfill-link-dates': backfillLinkDates,
  '20261203T0601-feed-setting': feedSetting,
  '20261203T0602-search-index': searchIndex,
  '20261203T0701-readers': readers,
  '20261203T0702-comments': comments,
  '20261203T0801-job-workers': jobWorkers,
  '20261203T0802-idempotency-keys': idempotencyKeys,
  '20261203T0901-webhooks': webhooks,
  '20261203T0902-imports': imports,
  '20261203T0903-content-api-keys': contentApiKeys,
  '20261204T0301-curation-desk': curationDesk,
  '20261204T0101-newsletters': newsletters,
  '20261204T0701-import-runs': importRuns,
  '20261205T0301-import-run-resume': importRunResume,
  '20261204T0201-podcasts-and-videos': podcastsAndVideos,
  '20261204T0401-wire': wire,
  '20261204T0501-search-and-sitemap-indexes': searchAndSitemapIndexes,
  '20261204T0801-comment-badges': commentBadges,
  '20261204T0802-comment-classifier': commentClassifier,
  '20261205T0201-desk-wire-newsletter-indexes': deskWireNewsletterIndexes,
  '20261205T0401-newsletter-lease-and-counts': newsletterLeaseAndCounts,
  '20261205T0501-stored-article-body': storedArticleBody,
  '20261205T0601-sitemap-months': sitemapMonths,
  '20261205T0602-backfill-sitemap-months': backfillSitemapMonths,
  '20261206T0201-search-passages': searchPassages,
  '20261206T0301-newsletter-send-pace': newsletterSendPace,
  '20261206T0401-comment-rule-indexes': commentRuleIndexes,
  '20261206T0501-reader-full-name': readerFullName,
  '20261207T0101-newsletter-send-started': newsletterSendStarted,
  '20261207T0201-wire-item-photos': wireItemPhotos,
  '20261208T0101-newsletter-bounce-mailbox': newsletterBounceMailbox,
  '20261208T0401-search-vocabulary': searchVocabulary,
  '20261209T0101-link-public-at': linkPublicAt,
  '20261209T0102-backfill-link-public-at': backfillLinkPublicAt,
  '20261209T0201-app-state': appState,
  '20261210T0101-articles-admin-lookup': articlesAdminLookup,
  '20261210T0201-search-terms': searchTerms,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Applies pending migrations; safe to run concurrently and repeatedly (Kysely holds a lock). */
// biome-ignore lint/suspicious/noExplicitAny: migrations run before the schema they create exists
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  // Features are built on branches in parallel: a migration merged later may carry an earlier
  // timestamp than one a database already ran. Each migration stands alone, so order is not a risk.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of the migrations this code knows that the database has not run yet (readiness check). */
// biome-ignore lint/suspicious/noExplicitAny: see migrateToLatest
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  return (await migrator.getMigrations()).filter((m) => m.executedAt === undefined).map((m) => m.name);
}
