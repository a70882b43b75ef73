import { createHash, randomBytes } from 'node:crypto';
import { type Actor, assertCan } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import type { ArticleStatus } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import type { FullArticle } from '../article-repository.ts';
import { articleRows, assembleFullArticle } from '../full-article.ts';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Makes a private preview link for an article (any state) that an editor can share before
 * publication. Only the token's SHA-256 is stored; making a new link revokes the previous one.
 */
export async function createPreviewLink(ctx: AppContext, actor: Actor, articleId: number): Promise<string> {
  assertCan(actor, 'article:preview-link');
  const token = randomBytes(24).toString('base64url'); // 32 characters, 192 bits
  const result = await ctx.db
    .updateTable('articles')
    .set({ preview_token_hash: hashToken(token) })
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw AppError.notFound('Cet article n’existe pas (ou plus).');
  return `/apercu/${token}`;
}

/** Revokes the article's preview link. */
export async function revokePreviewLink(ctx: AppContext, actor: Actor, articleId: number): Promise<void> {
  assertCan(actor, 'article:preview-link');
  await ctx.db.updateTable('articles').set({ preview_token_hash: null }).where('id', '=', articleId).execute();
}

/** What a preview shows: the article as the public page would, and its state (for a banner). */
export interface PreviewArticle {
  article: FullArticle;
  status: ArticleStatus;
}

/** The article a preview token opens (whatever its state), or null for an unknown or malformed token. */
export async function findArticleByPreviewToken(db: Db, token: string): Promise<PreviewArticle | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = await articleRows(db).where('articles.preview_token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row) return null;
  return { article: await assembleFullArticle(db, row), status: row.status };
}
