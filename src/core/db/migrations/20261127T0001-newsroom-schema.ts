import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Back office: accounts, sessions, tokens, audit log, job runner, revisions, media files, home curation.
// Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await idColumn(db, db.schema.createTable('users').ifNotExists(), pg)
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('invited'))
    .addColumn('person_id', 'integer', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('last_login_at', ts)
    .execute();

  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('second_factor_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();

  await idColumn(db, db.schema.createTable('account_tokens').ifNotExists(), pg)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .execute();

  await idColumn(db, db.schema.createTable('login_attempts').ifNotExists(), pg)
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('attempted_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_account').ifNotExists().on('login_attempts').columns(['account', 'attempted_at']).execute();
  await db.schema.createIndex('login_attempts_ip').ifNotExists().on('login_attempts').columns(['ip', 'attempted_at']).execute();

  await idColumn(db, db.schema.createTable('api_tokens').ifNotExists(), pg)
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts)
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .execute();

  await idColumn(db, db.schema.createTable('audit_log').ifNotExists(), pg)
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_created').ifNotExists().on('audit_log').column('created_at').execute();

  await idColumn(db, db.schema.createTable('jobs').ifNotExists(), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('run_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', ts)
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('finished_at', ts)
    .execute();
  await db.schema.createIndex('jobs_due').ifNotExists().on('jobs').columns(['status', 'run_at']).execute();

  await idColumn(db, db.schema.createTable('article_revisions').ifNotExists(), pg)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('article_revisions_unique', ['article_id', 'revision'])
    .execute();

  await db.schema
    .createTable('article_shares')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_shares_pk', ['article_id', 'user_id'])
    .execute();

  await db.schema
    .alterTable('articles')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('articles').addColumn('preview_token_hash', 'text').execute();
  await db.schema.alterTable('articles').addColumn('submitted_at', ts).execute();
  await db.schema.alterTable('articles').addColumn('edited_at', ts).execute();
  await db.schema
    .alterTable('articles')
    .addColumn('edited_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();

  await idColumn(db, db.schema.createTable('media_files').ifNotExists(), pg)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('duration_seconds', 'real')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('home_slots')
    .ifNotExists()
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('app_secrets')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'app_secrets',
    'home_slots',
    'media_files',
    'article_shares',
    'article_revisions',
    'jobs',
    'audit_log',
    'api_tokens',
    'login_attempts',
    'account_tokens',
    'sessions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  for (const c of ['edited_by_user_id', 'edited_at', 'submitted_at', 'preview_token_hash', 'created_by_user_id']) {
    await db.schema.alterTable('articles').dropColumn(c).execute();
  }
  await db.schema.dropTable('users').ifExists().execute();
}
