import crypto from 'node:crypto';
import { type Actor, SYSTEM_ACTOR } from '../accounts/policy.ts';
import { articleIdByDraftKey, loadArticleState } from '../articles/operations/article-store.ts';
import {
  createArticle,
  publishArticle,
  returnToDraft,
  scheduleArticle,
  unpublishArticle,
  updateArticle,
} from '../articles/operations/index.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import type { WireItemState } from '../core/db/schema.ts';
import { type AgencyMapping, wireArticleInput } from './wire-body.ts';
import type { WireItem } from './wire-item.ts';
import { folderOnDisk } from './wire-folder.ts';
import { fetchWirePhoto, type PhotoOutcome } from './wire-photo.ts';
import { type AgencyRow, findItem, insertItem, updateItem, type WireItemRow } from './wire-repository.ts';

// What an agency item does, by the rules of the wire:
// - a GUID seen for the first time: published at once as a dépêche (or scheduled at its embargo)
//   when the agency's rule is "publier automatiquement", else held for an editor;
// - the same GUID with a higher version: the dépêche (or the held item) takes the new text; a
//   lower or equal version is ignored;
// - "withdrawn" or "canceled": the dépêche is unpublished at once (a scheduled one taken off the
//   schedule), a held item leaves the queue.
// Everything goes through the article operations, so caches, search, feeds and content events
// follow. The item's row is written last: a crash in between makes the next run apply the same
// version again, and the article's draft key (one per agency and GUID) keeps that to one article.

/** What applying one item did. */
export type ApplyOutcome = 'ignored' | WireItemState;

export function mappingOf(agency: AgencyRow): AgencyMapping {
  return { name: agency.name, personId: agency.person_id, sectionId: agency.section_id, tags: JSON.parse(agency.tags) as string[] };
}

/** One article per agency and GUID, whoever creates it (ingest, an editor, two processes at once). */
function draftKeyOf(agencyId: number, guid: string): string {
  return `wire-${crypto.createHash('sha256').update(`${agencyId}\n${guid}`).digest('hex').slice(0, 40)}`;
}

/** What an item's row records of its photo (see WireItemTable). */
export type PhotoRecord = Pick<WireItemRow, 'photo_href' | 'photo_image_id' | 'photo_problem' | 'photo_reason'>;

const NO_PHOTO: PhotoRecord = { photo_href: null, photo_image_id: null, photo_problem: null, photo_reason: null };

/** What publishing an item did: its article, online or scheduled, what became of its photo, and what its row records of it. */
export interface PublishedItem {
  articleId: number;
  state: 'published' | 'scheduled';
  photo: PhotoOutcome;
  record: PhotoRecord;
}

/**
 * The dépêche's main image. An image an editor chose is kept. The agency's photo of an earlier
 * version is kept while the item names the same photo (never downloaded nor stored again), and
 * replaced when it names another one (the old image stays in the media library); a photo that
 * cannot be had leaves the image as it was and is recorded with its reason. An item without a
 * photo takes the agency's photo off.
 */
async function mainImage(
  ctx: AppContext,
  actor: Actor,
  agency: AgencyRow,
  item: WireItem,
  current: number | null,
  known: PhotoRecord | null,
): Promise<{ outcome: PhotoOutcome; heroImageId: number | null; record: PhotoRecord }> {
  const previous: PhotoRecord = known
    ? { photo_href: known.photo_href, photo_image_id: known.photo_image_id, photo_problem: null, photo_reason: null }
    : NO_PHOTO;
  const keep = (imageId: number) => ({ outcome: { kind: 'kept' as const, imageId }, heroImageId: imageId, record: previous });
  if (current !== null && current !== previous.photo_image_id) return keep(current);
  const photo = item.photos[0];
  if (!photo) return { outcome: { kind: 'none' }, heroImageId: null, record: NO_PHOTO };
  if (current !== null && photo.href === previous.photo_href) return keep(current);
  const folder = agency.folder_path === null ? null : folderOnDisk(ctx.config.wireRoot, agency.folder_path);
  const outcome = await fetchWirePhoto(ctx, actor, photo, { headline: item.headline, agencyName: agency.name, folder });
  if (outcome.kind === 'stored')
    return {
      outcome,
      heroImageId: outcome.imageId,
      record: { photo_href: photo.href, photo_image_id: outcome.imageId, photo_problem: null, photo_reason: null },
    };
  const reason = outcome.kind === 'failed' ? outcome : { code: null, reason: null };
  return {
    outcome,
    heroImageId: current,
    record: {
      photo_href: previous.photo_href,
      photo_image_id: current,
      photo_problem: reason.code,
      photo_reason: reason.reason?.slice(0, 500) ?? null,
    },
  };
}

/**
 * Makes the item's dépêche say what the item says (with its photo as main image when it can be
 * had), then puts it online: published now, or scheduled at its embargo.
 */
export async function publishWireItem(
  ctx: AppContext,
  actor: Actor,
  agency: AgencyRow,
  item: WireItem,
  known: (PhotoRecord & { article_id: number | null }) | null,
): Promise<PublishedItem> {
  const key = draftKeyOf(agency.id, item.guid);
  let id = known?.article_id ?? (await articleIdByDraftKey(ctx.db, key));
  const before = id === null ? null : (await loadArticleState(ctx.db, id)).row;
  const { outcome: photo, heroImageId, record } = await mainImage(ctx, actor, agency, item, before?.hero_image_id ?? null, known);
  const input = wireArticleInput(item, mappingOf(agency), heroImageId);
  if (id === null || before === null) {
    try {
      id = (await createArticle(ctx, actor, input, { draftKey: key })).id;
    } catch (error) {
      // Another process created it a moment ago: take that one.
      id = await articleIdByDraftKey(ctx.db, key);
      if (id === null) throw error;
    }
  } else {
    // Saved by another process between our read and our write: it applied this item too.
    await updateArticle(ctx, actor, id, before.revision, input).catch(unlessConflict);
  }
  const articleId = id;
  const now = new Date().toISOString();
  const embargo = item.embargo ? new Date(item.embargo).toISOString() : null;
  const current = async () => (await loadArticleState(ctx.db, articleId)).row;
  const row = await current();
  if (embargo && embargo > now && row.status !== 'published') {
    if (row.status !== 'scheduled' || new Date(row.published_at ?? 0).toISOString() !== embargo)
      await scheduleArticle(ctx, actor, articleId, embargo).catch(unlessConflict);
    return { articleId, state: 'scheduled', photo, record };
  }
  if (row.status !== 'published') {
    // Another process publishing it at the same moment makes our transition a 409: it is published.
    await publishArticle(ctx, actor, articleId).catch(async (error: unknown) => {
      if (!(error instanceof AppError && error.code === 'conflict' && (await current()).status === 'published')) throw error;
    });
  }
  return { articleId, state: 'published', photo, record };
}

function unlessConflict(error: unknown): void {
  if (!(error instanceof AppError && error.code === 'conflict')) throw error;
}

/** Takes an item's dépêche offline at once (unpublished, or off the schedule). */
export async function withdrawArticle(ctx: AppContext, actor: Actor, articleId: number | null): Promise<void> {
  if (articleId === null) return;
  const { row } = await loadArticleState(ctx.db, articleId).catch(() => ({ row: null }));
  // A 409 means another process took it offline a moment ago.
  if (row?.status === 'published') await unpublishArticle(ctx, actor, articleId).catch(unlessConflict);
  else if (row?.status === 'scheduled') await returnToDraft(ctx, actor, articleId).catch(unlessConflict);
}

/** Applies one item of an agency (see the rules above); the system acts. */
export async function applyWireItem(ctx: AppContext, agency: AgencyRow, item: WireItem): Promise<ApplyOutcome> {
  const existing = await findItem(ctx.db, agency.id, item.guid);
  if (existing && item.version <= existing.version) return 'ignored';
  const now = new Date().toISOString();
  const withdrawn = item.pubStatus !== 'usable';
  let state: WireItemState;
  let articleId = existing?.article_id ?? null;
  let record: PhotoRecord | null = null;
  if (withdrawn) {
    await withdrawArticle(ctx, SYSTEM_ACTOR, articleId);
    state = 'withdrawn';
  } else if (existing?.state === 'discarded') {
    // The editors refused this story: a correction does not bring it back.
    state = 'discarded';
  } else if (agency.rule === 'hold' && !(existing?.state === 'published' || existing?.state === 'scheduled')) {
    state = 'held';
  } else {
    ({ articleId, state, record } = await publishWireItem(ctx, SYSTEM_ACTOR, agency, item, existing ?? null));
  }
  const values = {
    version: item.version,
    state,
    headline: item.headline.slice(0, 500) || (existing?.headline ?? ''),
    payload: JSON.stringify(item),
    embargo_until: item.embargo,
    article_id: articleId,
    updated_at: now,
    ...record,
  };
  if (existing) {
    await updateItem(ctx.db, existing.id, values, item.version - 1);
  } else if (!(await insertItem(ctx.db, { ...values, agency_id: agency.id, guid: item.guid, received_at: now }))) {
    // Recorded by another process meanwhile: the higher version wins.
    const other = (await findItem(ctx.db, agency.id, item.guid)) as WireItemRow;
    await updateItem(ctx.db, other.id, values, item.version - 1);
  }
  return state;
}
