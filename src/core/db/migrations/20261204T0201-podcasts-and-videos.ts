import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Podcast shows, the podcast fields of an episode (an article of format podcast) and the video
// fields of a video article. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';
  await idColumn(db, db.schema.createTable('podcast_shows').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cover_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('subcategory', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('explicit', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('owner_email', 'text', (c) => c.notNull())
    .addColumn('apple_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('spotify_url', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('locked', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('podcast_episodes')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('show_id', 'integer', (c) => c.notNull().references('podcast_shows.id'))
    .addColumn('audio_file_id', 'integer', (c) => c.references('media_files.id'))
    .addColumn('season', 'integer')
    .addColumn('episode_number', 'integer')
    .addColumn('episode_type', 'text', (c) => c.notNull().defaultTo('full'))
    .addColumn('chapters', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('transcript', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('podcast_episodes_show').ifNotExists().on('podcast_episodes').column('show_id').execute();

  await db.schema
    .createTable('article_videos')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('video_file_id', 'integer', (c) => c.references('media_files.id'))
    .addColumn('poster_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('captions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('embed_provider', 'text')
    .addColumn('embed_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_videos').ifExists().execute();
  await db.schema.dropTable('podcast_episodes').ifExists().execute();
  await db.schema.dropTable('podcast_shows').ifExists().execute();
}
