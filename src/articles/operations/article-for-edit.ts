import { type Actor, can } from '../../accounts/policy.ts';
import type { Db } from '../../core/db/database.ts';
import type { ArticleStatus } from '../../core/db/schema.ts';
import { AppError } from '../../core/http/app-error.ts';
import { getImagesByIds } from '../../images/image-repository.ts';
import type { ImageRecord } from '../../images/image-types.ts';
import { isPublicNow } from '../published.ts';
import { articlePath } from '../teaser-repository.ts';
import { canEditArticle, canSeeArticle } from '../visibility.ts';
import type { ArticleInput } from './article-input.ts';
import { type ArticleState, inputOf, loadArticleState, policySubject } from './article-store.ts';
import { WORKFLOW_SOURCES } from './workflow.ts';

/** What the actor may do with this article now, for the edit screen's buttons. */
export interface ArticleAbilities {
  edit: boolean;
  submit: boolean;
  returnToDraft: boolean;
  markReady: boolean;
  publish: boolean;
  schedule: boolean;
  unpublish: boolean;
  delete: boolean;
  previewLink: boolean;
}

/** Everything the edit screen shows of an article. */
export interface ArticleForEdit {
  id: number;
  status: ArticleStatus;
  /** Send it back as expectedRevision when saving. */
  revision: number;
  /** The editable fields, in the shape `updateArticle` takes. */
  input: ArticleInput;
  authors: { id: number; name: string; slug: string; kind: string }[];
  corrections: { id: number; notedAt: string; text: string }[];
  heroImage: ImageRecord | null;
  section: { id: number; slug: string; name: string } | null;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
  submittedAt: string | null;
  publishedAt: string | null;
  /** The public "mis à jour" date. */
  updatedAt: string | null;
  editedAt: string | null;
  editedBy: { id: number; name: string } | null;
  /** The public address while the article is public. */
  publicPath: string | null;
  hasPreviewLink: boolean;
  sharedWithUserIds: number[];
  may: ArticleAbilities;
}

/** What the actor may do with an article in its current state. */
export function abilitiesOf(actor: Actor, state: ArticleState): ArticleAbilities {
  const status = state.row.status;
  const from = (list: readonly ArticleStatus[]) => list.includes(status);
  const edit = canEditArticle(actor, policySubject(state));
  const publisher = can(actor, 'article:publish');
  return {
    edit,
    submit: edit && can(actor, 'article:submit') && from(WORKFLOW_SOURCES.submit),
    returnToDraft: edit && from(WORKFLOW_SOURCES.returnToDraft),
    markReady: publisher && from(WORKFLOW_SOURCES.markReady),
    publish: publisher && from(WORKFLOW_SOURCES.publish),
    schedule: publisher && from(WORKFLOW_SOURCES.schedule),
    unpublish: publisher && from(WORKFLOW_SOURCES.unpublish),
    delete: can(actor, 'article:delete') && from(WORKFLOW_SOURCES.delete),
    previewLink: can(actor, 'article:preview-link'),
  };
}

/** The article with everything the edit screen needs; 404 if missing, 403 if the actor may not see it. */
export async function getArticleForEdit(db: Db, actor: Actor, id: number): Promise<ArticleForEdit> {
  const state = await loadArticleState(db, id);
  if (!canSeeArticle(actor, policySubject(state))) throw new AppError('forbidden', 403, 'Vous n’avez pas accès à cet article.');
  const row = state.row;
  const userIds = [row.created_by_user_id, row.edited_by_user_id].filter((u): u is number => u !== null);
  const [authors, section, users, images] = await Promise.all([
    state.authorPersonIds.length
      ? db.selectFrom('people').select(['id', 'name', 'slug', 'kind']).where('id', 'in', state.authorPersonIds).execute()
      : Promise.resolve([]),
    db.selectFrom('sections').select(['id', 'slug', 'name']).where('id', '=', row.section_id).executeTakeFirst(),
    userIds.length ? db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : Promise.resolve([]),
    getImagesByIds(db, row.hero_image_id === null ? [] : [row.hero_image_id]),
  ]);
  const byId = new Map(authors.map((a) => [a.id, a]));
  const user = (uid: number | null) => (uid === null ? null : (users.find((u) => u.id === uid) ?? null));
  return {
    id: row.id,
    status: row.status,
    revision: row.revision,
    input: inputOf(state),
    authors: state.authorPersonIds.flatMap((pid) => (byId.has(pid) ? [byId.get(pid)!] : [])),
    corrections: state.corrections,
    heroImage: row.hero_image_id === null ? null : (images.get(row.hero_image_id) ?? null),
    section: section ?? null,
    createdAt: row.created_at,
    createdBy: user(row.created_by_user_id),
    submittedAt: row.submitted_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    editedAt: row.edited_at,
    editedBy: user(row.edited_by_user_id),
    publicPath: section && isPublicNow(row) ? articlePath({ sectionSlug: section.slug, slug: row.slug }) : null,
    hasPreviewLink: row.preview_token_hash !== null,
    sharedWithUserIds: state.sharedWithUserIds,
    may: abilitiesOf(actor, state),
  };
}
