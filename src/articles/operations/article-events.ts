import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import { announceContentEvent, type ContentEventType } from '../../core/events/content-events.ts';
import { articlePath } from '../teaser-repository.ts';
import { isPublicNow } from '../published.ts';
import type { ArticleState } from './article-store.ts';

/**
 * What an article change means to the outside: it went live, changed while live, was withdrawn,
 * or a once-public article was deleted. Changes nobody outside could see (a draft saved, a piece
 * submitted) mean nothing, and give null.
 */
export function articleEventType(before: ArticleState | null, after: ArticleState | null, now: string): ContentEventType | null {
  const wasPublic = before !== null && isPublicNow(before.row, now);
  if (after === null) {
    // Published articles cannot be deleted; a withdrawn one was public once and may be known outside.
    return before !== null && (wasPublic || before.row.status === 'unpublished') ? 'article.deleted' : null;
  }
  const isPublic = isPublicNow(after.row, now);
  if (isPublic) return wasPublic ? 'article.updated' : 'article.published';
  return wasPublic ? 'article.unpublished' : null;
}

/** Announces the change to the content event listeners (webhooks…), inside the change's transaction. */
export async function announceArticleChange(
  ctx: AppContext,
  trx: Db,
  before: ArticleState | null,
  after: ArticleState | null,
): Promise<void> {
  const now = new Date().toISOString();
  const type = articleEventType(before, after, now);
  if (type === null) return;
  const state = (after ?? before)!;
  const { row } = state;
  const [section, authors] = await Promise.all([
    trx.selectFrom('sections').select(['slug', 'name']).where('id', '=', row.section_id).executeTakeFirst(),
    state.authorPersonIds.length === 0
      ? Promise.resolve([])
      : trx.selectFrom('people').select(['id', 'name', 'slug']).where('id', 'in', state.authorPersonIds).execute(),
  ]);
  const byId = new Map(authors.map((a) => [a.id, a]));
  await announceContentEvent(trx, {
    type,
    subject: { type: 'article', id: row.id },
    occurredAt: now,
    data: {
      id: row.id,
      url: section ? ctx.config.publicUrl + articlePath({ sectionSlug: section.slug, slug: row.slug }) : null,
      format: row.format,
      kicker: row.kicker,
      headline: row.headline,
      lead: row.lead,
      section: section ? { slug: section.slug, name: section.name } : null,
      authors: state.authorPersonIds.flatMap((id) => {
        const a = byId.get(id);
        return a ? [{ name: a.name, slug: a.slug }] : [];
      }),
      tags: state.tagNames,
      source: row.source_outlet ? { outlet: row.source_outlet, url: row.source_url } : null,
      published_at: row.published_at,
      updated_at: row.updated_at,
      status: after === null ? 'deleted' : row.status,
    },
  });
}
