import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../migration-helpers.ts';

// The sitemap index without a pass over the archive (issue 10): sitemap_months keeps, per UTC
// month of publication, how many articles are published and when the month's list last changed,
// maintained by triggers on articles (whoever writes: operations, import, seed, archive generator).
// A published article whose time has not come is counted already: the sitemap index subtracts
// those, read from the (status, published_at) index. Also the index the search form's list of
// staff authors reads (people by kind, in name order). The backfill is 20261205T0602.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('sitemap_months')
    .ifNotExists()
    .addColumn('month', 'text', (c) => c.primaryKey())
    .addColumn('articles', 'integer', (c) => c.notNull())
    .addColumn('lastmod', pg ? 'timestamptz' : 'text', (c) => c.notNull())
    .execute();
  if (pg) {
    await sql`create or replace function kiosque_sitemap_months() returns trigger language plpgsql as $$
      begin
        if tg_op in ('UPDATE', 'DELETE') and old.status = 'published' and old.published_at is not null then
          insert into sitemap_months as m (month, articles, lastmod)
            values (to_char(old.published_at at time zone 'UTC', 'YYYY-MM'), -1, now())
            on conflict (month) do update set articles = m.articles - 1, lastmod = greatest(m.lastmod, excluded.lastmod);
        end if;
        if tg_op in ('INSERT', 'UPDATE') and new.status = 'published' and new.published_at is not null then
          insert into sitemap_months as m (month, articles, lastmod)
            values (to_char(new.published_at at time zone 'UTC', 'YYYY-MM'), 1, coalesce(new.updated_at, new.published_at))
            on conflict (month) do update set articles = m.articles + 1, lastmod = greatest(m.lastmod, excluded.lastmod);
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger articles_sitemap_months after insert or delete or update of status, published_at, updated_at on articles
      for each row execute function kiosque_sitemap_months()`.execute(db);
  } else {
    const leave = (row: 'old') => sql`insert into sitemap_months (month, articles, lastmod)
        select substr(${sql.raw(row)}.published_at, 1, 7), -1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
        where ${sql.raw(row)}.status = 'published' and ${sql.raw(row)}.published_at is not null
        on conflict (month) do update set articles = articles - 1, lastmod = max(lastmod, excluded.lastmod);`;
    const enter = (row: 'new') => sql`insert into sitemap_months (month, articles, lastmod)
        select substr(${sql.raw(row)}.published_at, 1, 7), 1, coalesce(${sql.raw(row)}.updated_at, ${sql.raw(row)}.published_at)
        where ${sql.raw(row)}.status = 'published' and ${sql.raw(row)}.published_at is not null
        on conflict (month) do update set articles = articles + 1, lastmod = max(lastmod, excluded.lastmod);`;
    await sql`create trigger if not exists articles_sitemap_months_insert after insert on articles begin ${enter('new')} end`.execute(db);
    await sql`create trigger if not exists articles_sitemap_months_update after update of status, published_at, updated_at on articles
      begin ${leave('old')} ${enter('new')} end`.execute(db);
    await sql`create trigger if not exists articles_sitemap_months_delete after delete on articles begin ${leave('old')} end`.execute(db);
  }
  await sql`create index if not exists people_kind_name on people (kind, name)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  await sql`drop index if exists people_kind_name`.execute(db);
  if (pg) {
    await sql`drop trigger if exists articles_sitemap_months on articles`.execute(db);
    await sql`drop function if exists kiosque_sitemap_months()`.execute(db);
  } else {
    for (const name of ['insert', 'update', 'delete'])
      await sql`drop trigger if exists ${sql.raw(`articles_sitemap_months_${name}`)}`.execute(db);
  }
  await db.schema.dropTable('sitemap_months').ifExists().execute();
}
