import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Reader comments, likes, reports, per-article thread state, the spam model's word counts,
// reader notices (statements of reasons, warnings) and the comments settings.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';
  const real = pg ? 'double precision' : 'real';

  await idColumn(db, db.schema.createTable('comments').ifNotExists(), pg)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_key', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('edited_at', ts)
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reply_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('spam_score', real)
    .addColumn('rules', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('decision_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_at', ts)
    .addColumn('decided_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('contested_at', ts)
    .addColumn('contest_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ip_hash', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Keyset pagination of one article's threads, newest/oldest and most appreciated.
  await db.schema
    .createIndex('comments_thread_time')
    .ifNotExists()
    .on('comments')
    .columns(['article_id', 'status', 'parent_id', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('comments_thread_likes')
    .ifNotExists()
    .on('comments')
    .columns(['article_id', 'status', 'parent_id', 'like_count', 'id'])
    .execute();
  await db.schema.createIndex('comments_parent').ifNotExists().on('comments').columns(['parent_id', 'created_at']).execute();
  await db.schema.createIndex('comments_reader').ifNotExists().on('comments').columns(['reader_id', 'created_at']).execute();
  await db.schema.createIndex('comments_status').ifNotExists().on('comments').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('comment_likes')
    .ifNotExists()
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_likes_pk', ['comment_id', 'reader_id'])
    .execute();

  await idColumn(db, db.schema.createTable('comment_reports').ifNotExists(), pg)
    .addColumn('comment_id', 'integer', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('reader_id', 'integer', (c) => c.references('readers.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('resolved_at', ts)
    .addUniqueConstraint('comment_reports_once', ['comment_id', 'reader_id'])
    .execute();
  await db.schema.createIndex('comment_reports_open').ifNotExists().on('comment_reports').columns(['resolved_at', 'created_at']).execute();

  await db.schema
    .createTable('comment_threads')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('visible_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('auto_premoderation_at', ts)
    .addColumn('auto_premoderation_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('spam_tokens')
    .ifNotExists()
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('spam', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ham', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await idColumn(db, db.schema.createTable('reader_notices').ifNotExists(), pg)
    .addColumn('reader_id', 'integer', (c) => c.notNull().references('readers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('comment_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reader_notices_reader').ifNotExists().on('reader_notices').columns(['reader_id', 'created_at']).execute();

  await db.schema
    .alterTable('settings')
    .addColumn('comments_close_after_days', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('settings')
    .addColumn('comments_alert_threshold', 'integer', (c) => c.notNull().defaultTo(5))
    .execute();
  await db.schema
    .alterTable('settings')
    .addColumn('comments_alert_window_hours', 'integer', (c) => c.notNull().defaultTo(2))
    .execute();
  await db.schema
    .alterTable('settings')
    .addColumn('comments_spam_threshold', real, (c) => c.notNull().defaultTo(0.9))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['comments_spam_threshold', 'comments_alert_window_hours', 'comments_alert_threshold', 'comments_close_after_days'])
    await db.schema.alterTable('settings').dropColumn(column).execute();
  for (const table of ['reader_notices', 'spam_tokens', 'comment_threads', 'comment_reports', 'comment_likes', 'comments'])
    await db.schema.dropTable(table).ifExists().execute();
}
