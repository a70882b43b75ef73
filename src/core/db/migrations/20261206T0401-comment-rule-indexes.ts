import { type Kysely, sql } from 'kysely';

// Indexes for the rules every new comment passes (src/comments/moderation-rules.ts): the same text
// posted in the last 24 hours, and a burst from one address, were found by reading the whole
// comments table at every post. And the article page's featured comments, found by walking all of
// the article's visible comments. Immutable once merged. DDL only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index if not exists comments_body_key on comments (body_key, created_at)`.execute(db);
  await sql`create index if not exists comments_ip_hash on comments (ip_hash, created_at)`.execute(db);
  await sql`create index if not exists comments_featured on comments (article_id, featured, status, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists comments_featured`.execute(db);
  await sql`drop index if exists comments_ip_hash`.execute(db);
  await sql`drop index if exists comments_body_key`.execute(db);
}
