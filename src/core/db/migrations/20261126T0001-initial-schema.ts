import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from '../migration-helpers.ts';

// Immutable once merged. DDL only; data goes in its own migrations.
export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  const ts = pg ? 'timestamptz' : 'text';

  await db.schema
    .createTable('settings')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('tagline', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('public_url', 'text')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('logo_image_id', 'integer')
    .addColumn('comments_mode', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('comments_notice', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('nav_items').ifNotExists(), pg)
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('sections').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('images').ifNotExists(), pg)
    .addColumn('file_key', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('credit', 'text', (c) => c.notNull())
    .addColumn('focal_x', 'real', (c) => c.notNull().defaultTo(0.5))
    .addColumn('focal_y', 'real', (c) => c.notNull().defaultTo(0.5))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('people').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('role_line', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('bio', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('photo_image_id', 'integer', (c) => c.references('images.id').onDelete('set null'))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('series').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cadence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('articles').ifNotExists(), pg)
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.notNull().references('sections.id'))
    .addColumn('series_id', 'integer', (c) => c.references('series.id').onDelete('set null'))
    .addColumn('kicker', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('lead', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('hero_image_id', 'integer', (c) => c.references('images.id'))
    .addColumn('source_outlet', 'text')
    .addColumn('source_url', 'text')
    .addColumn('source_headline', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('published_at', ts)
    .addColumn('updated_at', ts)
    .addColumn('seo_title', 'text')
    .addColumn('seo_description', 'text')
    .addColumn('comments_setting', 'text', (c) => c.notNull().defaultTo('inherit'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('articles_status_published').ifNotExists().on('articles').columns(['status', 'published_at']).execute();
  await db.schema
    .createIndex('articles_section_published')
    .ifNotExists()
    .on('articles')
    .columns(['section_id', 'status', 'published_at'])
    .execute();
  await db.schema
    .createIndex('articles_format_published')
    .ifNotExists()
    .on('articles')
    .columns(['format', 'status', 'published_at'])
    .execute();
  await db.schema.createIndex('articles_series').ifNotExists().on('articles').column('series_id').execute();

  await db.schema
    .createTable('article_authors')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('people.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_authors_pk', ['article_id', 'person_id'])
    .execute();
  await db.schema.createIndex('article_authors_person').ifNotExists().on('article_authors').column('person_id').execute();

  await idColumn(db, db.schema.createTable('tags').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('article_tags')
    .ifNotExists()
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag').ifNotExists().on('article_tags').column('tag_id').execute();

  await idColumn(db, db.schema.createTable('corrections').ifNotExists(), pg)
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('noted_at', ts, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('corrections_article').ifNotExists().on('corrections').column('article_id').execute();

  await idColumn(db, db.schema.createTable('dossiers').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('introduction', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hero_image_id', 'integer', (c) => c.references('images.id'))
    .addColumn('published_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('dossier_articles')
    .ifNotExists()
    .addColumn('dossier_id', 'integer', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_articles_pk', ['dossier_id', 'article_id'])
    .execute();
  await db.schema.createIndex('dossier_articles_article').ifNotExists().on('dossier_articles').column('article_id').execute();

  await idColumn(db, db.schema.createTable('pages').ifNotExists(), pg)
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await idColumn(db, db.schema.createTable('slug_redirects').ifNotExists(), pg)
    .addColumn('old_slug', 'text', (c) => c.notNull().unique())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'slug_redirects',
    'pages',
    'dossier_articles',
    'dossiers',
    'corrections',
    'article_tags',
    'tags',
    'article_authors',
    'articles',
    'series',
    'people',
    'images',
    'sections',
    'nav_items',
    'settings',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
