import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// The links' copy of their article's publication date becomes the public rule's copy (issue 7):
// `public_at` is the article's published_at while it is published, null otherwise, kept by triggers
// on both tables. A tag's or an author's public articles are then read from the link's own index,
// (tag_id, public_at, article_id), without a look-up in `articles` for each entry walked (the
// related articles of a page walked 40 per tag, a listing's look-ahead 220). The rule itself stays
// in articles/published.ts (isPublicLink reads this copy). The backfill is 20261209T0102.
// Immutable once merged. DDL only.
const LINKS = ['article_tags', 'article_authors'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  // The triggers of 20261203T0501 name the old column: replaced, not kept.
  await sql`drop trigger if exists articles_published_at_copy ${sql.raw(pg ? 'on articles' : '')}`.execute(db);
  for (const table of LINKS) {
    await sql`drop trigger if exists ${sql.raw(`${table}_published_at`)} ${sql.raw(pg ? `on ${table}` : '')}`.execute(db);
    await sql`alter table ${sql.table(table)} rename column published_at to public_at`.execute(db);
  }
  if (pg) {
    await sql`drop function if exists kiosque_link_published_at()`.execute(db);
    await sql`drop function if exists kiosque_article_published_at()`.execute(db);
    await sql`create or replace function kiosque_link_public_at() returns trigger language plpgsql as $$
      begin
        new.public_at := (select case when status = 'published' then published_at end from articles where id = new.article_id);
        return new;
      end $$`.execute(db);
    await sql`create or replace function kiosque_article_public_at() returns trigger language plpgsql as $$
      declare
        article_public_at timestamptz := case when new.status = 'published' then new.published_at end;
      begin
        update article_tags set public_at = article_public_at where article_id = new.id;
        update article_authors set public_at = article_public_at where article_id = new.id;
        return null;
      end $$`.execute(db);
    for (const table of LINKS) {
      await sql`create trigger ${sql.raw(`${table}_public_at`)} before insert or update of article_id on ${sql.table(table)}
        for each row execute function kiosque_link_public_at()`.execute(db);
    }
    await sql`create trigger articles_public_at_copy after update of published_at, status on articles
      for each row when (old.published_at is distinct from new.published_at or old.status is distinct from new.status)
      execute function kiosque_article_public_at()`.execute(db);
  } else {
    for (const table of LINKS) {
      await sql`create trigger if not exists ${sql.raw(`${table}_public_at`)} after insert on ${sql.table(table)}
        begin
          update ${sql.table(table)} set public_at = (select case when status = 'published' then published_at end from articles where id = new.article_id)
          where rowid = new.rowid;
        end`.execute(db);
      await sql`create trigger if not exists ${sql.raw(`${table}_public_at_moved`)} after update of article_id on ${sql.table(table)}
        begin
          update ${sql.table(table)} set public_at = (select case when status = 'published' then published_at end from articles where id = new.article_id)
          where rowid = new.rowid;
        end`.execute(db);
    }
    await sql`create trigger if not exists articles_public_at_copy after update of published_at, status on articles
      when old.published_at is not new.published_at or old.status is not new.status
      begin
        update article_tags set public_at = case when new.status = 'published' then new.published_at end where article_id = new.id;
        update article_authors set public_at = case when new.status = 'published' then new.published_at end where article_id = new.id;
      end`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await sql`drop trigger if exists articles_public_at_copy ${sql.raw(pg ? 'on articles' : '')}`.execute(db);
  for (const table of LINKS) {
    await sql`drop trigger if exists ${sql.raw(`${table}_public_at`)} ${sql.raw(pg ? `on ${table}` : '')}`.execute(db);
    if (!pg) await sql`drop trigger if exists ${sql.raw(`${table}_public_at_moved`)}`.execute(db);
    await sql`alter table ${sql.table(table)} rename column public_at to published_at`.execute(db);
    await sql`update ${sql.table(table)} set published_at = (select published_at from articles where articles.id = ${sql.raw(table)}.article_id)`.execute(
      db,
    );
  }
  if (pg) {
    await sql`drop function if exists kiosque_article_public_at()`.execute(db);
    await sql`drop function if exists kiosque_link_public_at()`.execute(db);
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
    for (const table of LINKS) {
      await sql`create trigger ${sql.raw(`${table}_published_at`)} before insert or update of article_id on ${sql.table(table)}
        for each row execute function kiosque_link_published_at()`.execute(db);
    }
    await sql`create trigger articles_published_at_copy after update of published_at on articles
      for each row when (old.published_at is distinct from new.published_at) execute function kiosque_article_published_at()`.execute(db);
  } else {
    for (const table of LINKS) {
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
}
