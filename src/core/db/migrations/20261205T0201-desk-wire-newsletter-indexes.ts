import { type Kysely, sql } from 'kysely';

// Indexes for the hot queries of the desk and the newsletters' screens (issue 12, query plans
// checked by src/desk/desk-query-plans.test.ts). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  // "Déjà publié": Kiosque's articles based on an item, found by their source address.
  await sql`create index if not exists articles_source_url on articles (source_url)`.execute(db);
  // A story's counts (items, outlets, growth) from the index alone; it also orders a story's items.
  await sql`create index if not exists desk_items_cluster_outlet on desk_items (cluster_id, published_at, outlet_id)`.execute(db);
  await sql`drop index if exists desk_items_cluster`.execute(db);
  // The desk filtered over a time window: by outlet, or by language or keywords.
  await sql`create index if not exists desk_items_outlet_published on desk_items (outlet_id, published_at)`.execute(db);
  await sql`create index if not exists desk_items_published on desk_items (published_at)`.execute(db);
  // The pépites drafted from an item, in order, each read by its article's key.
  await sql`create index if not exists desk_drafts_item_article on desk_drafts (item_id, article_id)`.execute(db);
  await sql`drop index if exists desk_drafts_item`.execute(db);
  // Subscribers counted per newsletter and status; a newsletter's latest editions in order.
  await sql`create index if not exists newsletter_subscriptions_status on newsletter_subscriptions (status, newsletter_id)`.execute(db);
  await sql`create index if not exists newsletter_editions_recent on newsletter_editions (newsletter_id, created_at, id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists newsletter_editions_recent`.execute(db);
  await sql`drop index if exists newsletter_subscriptions_status`.execute(db);
  await sql`create index if not exists desk_drafts_item on desk_drafts (item_id)`.execute(db);
  await sql`drop index if exists desk_drafts_item_article`.execute(db);
  await sql`drop index if exists desk_items_published`.execute(db);
  await sql`drop index if exists desk_items_outlet_published`.execute(db);
  await sql`create index if not exists desk_items_cluster on desk_items (cluster_id, published_at)`.execute(db);
  await sql`drop index if exists desk_items_cluster_outlet`.execute(db);
  await sql`drop index if exists articles_source_url`.execute(db);
}
