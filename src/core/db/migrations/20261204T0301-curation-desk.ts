import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// The curation desk: outlets watched, their feeds (with each feed's health and conditional-GET
// validators), the items read from them, the stories (clusters) grouping them, the pépite drafts
// made from an item, the editors' saved views and the desk's settings. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await idColumn(db, db.schema.createTable('desk_outlets').ifNotExists(), pg)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site_url', 'text', (c) => c.notNull())
    .addColumn('logo_url', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('country', 'text', (c) => c.notNull().defaultTo('FR'))
    .addColumn('quote_allowed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('desk_feeds').ifNotExists(), pg)
    .addColumn('outlet_id', 'integer', (c) => c.notNull().references('desk_outlets.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('interval_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('next_fetch_at', ts, (c) => c.notNull())
    .addColumn('last_fetch_at', ts)
    .addColumn('last_success_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', ts)
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('desk_feeds_outlet').ifNotExists().on('desk_feeds').columns(['outlet_id']).execute();

  await idColumn(db, db.schema.createTable('desk_clusters').ifNotExists(), pg)
    .addColumn('first_item_id', 'integer')
    .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_seen_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('desk_clusters_last_seen').ifNotExists().on('desk_clusters').columns(['last_seen_at']).execute();

  await idColumn(db, db.schema.createTable('desk_items').ifNotExists(), pg)
    .addColumn('outlet_id', 'integer', (c) => c.notNull().references('desk_outlets.id').onDelete('cascade'))
    .addColumn('feed_id', 'integer', (c) => c.references('desk_feeds.id').onDelete('set null'))
    .addColumn('guid', 'text')
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('published_at', ts, (c) => c.notNull())
    .addColumn('first_seen_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('cluster_id', 'integer', (c) => c.references('desk_clusters.id').onDelete('set null'))
    .addColumn('extracted', 'text')
    .addColumn('extracted_at', ts)
    .execute();
  await db.schema.createIndex('desk_items_outlet_guid').ifNotExists().on('desk_items').columns(['outlet_id', 'guid']).execute();
  await db.schema.createIndex('desk_items_cluster').ifNotExists().on('desk_items').columns(['cluster_id', 'published_at']).execute();
  await db.schema.createIndex('desk_items_first_seen').ifNotExists().on('desk_items').columns(['first_seen_at']).execute();

  await db.schema
    .createTable('desk_drafts')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('desk_items.id').onDelete('cascade'))
    .addColumn('created_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('desk_drafts_item').ifNotExists().on('desk_drafts').columns(['item_id']).execute();

  await idColumn(db, db.schema.createTable('desk_views').ifNotExists(), pg)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('desk_views_user').ifNotExists().on('desk_views').columns(['user_id']).execute();

  await db.schema
    .createTable('desk_settings')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('quote_warn_words', 'integer', (c) => c.notNull().defaultTo(20))
    .addColumn('quote_block_words', 'integer', (c) => c.notNull().defaultTo(40))
    .addColumn('updated_at', ts)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['desk_settings', 'desk_views', 'desk_drafts', 'desk_items', 'desk_clusters', 'desk_feeds', 'desk_outlets'])
    await db.schema.dropTable(table).ifExists().execute();
}
