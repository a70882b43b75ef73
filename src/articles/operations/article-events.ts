import type { AppContext } from '../../core/app-context.ts';
import type { Db } from '../../core/db/database.ts';
import { type ArticleEventType, announceContentEvent } from '../../core/events/content-events.ts';
import { articlePath } from '../teaser-repository.ts';
import { isPublicNow } from '../published.ts';
import type { ArticleState } from './article-store.ts';

/**
 * What an article change means to the outside: it went live, changed while live, was withdrawn,
 * or a once-public article was deleted. Changes nobody outside could see (a draft saved, a piece
 * submitted) mean nothing, and give null.
 */
export function articleEventType(before: ArticleState | null, after: ArticleState | null, now: string): ArticleEventType | null {
  const wasPublic = before !== null && isPublicNow(before.row, now);
  if (after === null) {
    // Published articles cannot be deleted; a withdrawn one was public once and may be known outside.
    return before !== null && wasSeenOutside(before, now) ? 'article.deleted' : null;
  }
  const isPublic = isPublicNow(after.row, now);
  if (isPublic) return wasPublic ? 'article.updated' : 'article.published';
  return wasPublic ? 'article.unpublished' : null;
}

/** Public now, or withdrawn after being public: its address may be known outside. */
function wasSeenOutside(state: ArticleState, now: string): boolean {
  return isPublicNow(state.row, now) || state.row.status === 'unpublished';
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
  // The address it had before, when this change moved it (new slug or section): that address
  // was public and now answers 301, so crawlers and subscribers should hear of it too.
  const previous =
    before !== null &&
    after !== null &&
    wasSeenOutside(before, now) &&
    (before.row.slug !== row.slug || before.row.section_id !== row.section_id)
      ? before.row
      : null;
  const sectionIds = previous ? [row.section_id, previous.section_id] : [row.section_id];
  const [sections, authors] = await Promise.all([
    trx.selectFrom('sections').select(['id', 'slug', 'name']).where('id', 'in', sectionIds).execute(),
    state.authorPersonIds.length === 0
      ? Promise.resolve([])
      : trx.selectFrom('people').select(['id', 'name', 'slug']).where('id', 'in', state.authorPersonIds).execute(),
  ]);
  const byId = new Map(authors.map((a) => [a.id, a]));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const section = sectionById.get(row.section_id);
  const previousSection = previous ? sectionById.get(previous.section_id) : undefined;
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
      // Set only when this change moved a once-public article: its old address (now a 301) and section.
      previous_url:
        previous && previousSection ? ctx.config.publicUrl + articlePath({ sectionSlug: previousSection.slug, slug: previous.slug }) : null,
      previous_section: previous && previousSection ? { slug: previousSection.slug, name: previousSection.name } : null,
    },
  });
}
