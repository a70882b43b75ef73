import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// Indexes for an archive of 100,000 articles and more (issue 7): every listing reads one page
// through an index in its own order, never the whole archive.
//
// article_tags and article_authors get a copy of their article's published_at, kept by triggers
// (whoever writes: operations, import, seed, a test), so that a tag's or an author's articles
// are read newest first straight from (tag_id, published_at, article_id). The public rule stays in
// articles/published.ts: the copy only orders and bounds the walk. The backfill is its own
// migration (20261203T0502). Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';
  await db.schema.alterTable('article_tags').addColumn('published_at', ts).execute();
  await db.schema.alterTable('article_authors').addColumn('published_at', ts).execute();

  if (pg) {
    await sql`create or replace function kiosque_link_published_at() returns trigger language plpgsql as $$
      begin
        new.published_at := (select published_at from articles where id = new.article_id);
        return new;
      end $$`.execute(db);
    await sql`create or replace function kiosque_article_published_at() returns trigger language plpgsql as $$
      begin
        update article_tags set published_at = new.published_at where article_id = new.id;
        update article_authors set published_at = new.published_at where article_id = new.id;
        return null;
      end $$`.execute(db);
    for (const table of ['article_tags', 'article_authors']) {
      await sql`create trigger ${sql.raw(`${table}_published_at`)} before insert or update of article_id on ${sql.table(table)}
        for each row execute function kiosque_link_published_at()`.execute(db);
    }
    await sql`create trigger articles_published_at_copy after update of published_at on articles
      for each row when (old.published_at is distinct from new.published_at) execute function kiosque_article_published_at()`.execute(db);
  } else {
    for (const table of ['article_tags', 'article_authors']) {
      await sql`create trigger if not exists ${sql.raw(`${table}_published_at`)} after insert on ${sql.table(table)}
        begin
          update ${sql.table(table)} set published_at = (select published_at from articles where id = new.article_id)
          where rowid = new.rowid;
        end`.execute(db);
    }
    await sql`create trigger if not exists articles_published_at_copy after update of published_at on articles
      when old.published_at is not new.published_at
      begin
        update article_tags set published_at = new.published_at where article_id = new.id;
        update article_authors set published_at = new.published_at where article_id = new.id;
      end`.execute(db);
  }

  // Listings: a tag's, an author's, a section's, a format's, a series' public articles, newest first.
  await sql`create index if not exists article_tags_listing on article_tags (tag_id, published_at, article_id)`.execute(db);
  await sql`create index if not exists article_authors_listing on article_authors (person_id, published_at, article_id)`.execute(db);
  await sql`create index if not exists articles_section_listing on articles (section_id, status, published_at, id)`.execute(db);
  await sql`create index if not exists articles_format_listing on articles (format, status, published_at, id)`.execute(db);
  await sql`create index if not exists articles_series_listing on articles (series_id, status, published_at, id)`.execute(db);
  await sql`create index if not exists articles_status_listing on articles (status, published_at, id)`.execute(db);
  // The back office files a piece under its publication date, else its last change (article-list-repository.ts).
  const filed = sql`(coalesce(published_at, edited_at, created_at))`;
  await sql`create index if not exists articles_filed on articles (${filed}, id)`.execute(db);
  await sql`create index if not exists articles_status_filed on articles (status, ${filed}, id)`.execute(db);
  await sql`create index if not exists articles_section_filed on articles (section_id, ${filed}, id)`.execute(db);
  await sql`create index if not exists articles_format_filed on articles (format, ${filed}, id)`.execute(db);
  // Dashboard queues: the review queue by submission, my drafts by last change.
  await sql`create index if not exists articles_status_submitted on articles (status, submitted_at, id)`.execute(db);
  await sql`create index if not exists articles_status_edited on articles (status, (coalesce(edited_at, created_at)), id)`.execute(db);
  // What a journalist or a contributor sees: created by them, signed by them, shared with them.
  await sql`create index if not exists articles_created_by on articles (created_by_user_id)`.execute(db);
  await sql`create index if not exists article_shares_user on article_shares (user_id, article_id)`.execute(db);
  // Dossiers, newest first (home and section asides).
  await sql`create index if not exists dossiers_published on dossiers (published_at, id)`.execute(db);
  await sql`create index if not exists dossiers_section_published on dossiers (section_id, published_at, id)`.execute(db);
  // Superseded by the listing indexes above (same leading columns).
  for (const index of ['articles_section_published', 'articles_format_published', 'articles_series', 'articles_status_published']) {
    await sql`drop index if exists ${sql.raw(index)}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  for (const index of [
    'article_tags_listing',
    'article_authors_listing',
    'articles_section_listing',
    'articles_format_listing',
    'articles_series_listing',
    'articles_status_listing',
    'articles_filed',
    'articles_status_filed',
    'articles_section_filed',
    'articles_format_filed',
    'articles_status_submitted',
    'articles_status_edited',
    'articles_created_by',
    'article_shares_user',
    'dossiers_published',
    'dossiers_section_published',
  ]) {
    await sql`drop index if exists ${sql.raw(index)}`.execute(db);
  }
  await sql`drop trigger if exists articles_published_at_copy ${sql.raw(pg ? 'on articles' : '')}`.execute(db);
  for (const table of ['article_tags', 'article_authors']) {
    await sql`drop trigger if exists ${sql.raw(`${table}_published_at`)} ${sql.raw(pg ? `on ${table}` : '')}`.execute(db);
    await db.schema.alterTable(table).dropColumn('published_at').execute();
  }
  await sql`create index if not exists articles_status_published on articles (status, published_at)`.execute(db);
  await sql`create index if not exists articles_section_published on articles (section_id, status, published_at)`.execute(db);
  await sql`create index if not exists articles_format_published on articles (format, status, published_at)`.execute(db);
  await sql`create index if not exists articles_series on articles (series_id)`.execute(db);
}
