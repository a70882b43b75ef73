import { type Actor, assertCan } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { type PublishedItem, publishWireItem } from './wire-ingest.ts';
import { wireItemSchema } from './wire-item.ts';
import { findAgency, findItemById, type WireItemRow, updateItem } from './wire-repository.ts';

// "Dépêches en attente": the items of agencies whose rule is to hold them. An editor publishes one
// (it becomes a dépêche signed by the agency, scheduled if still under embargo) or discards it.

async function heldItem(ctx: AppContext, id: number): Promise<WireItemRow> {
  const row = await findItemById(ctx.db, id);
  if (!row) throw AppError.notFound('Cette dépêche n’existe pas.');
  if (row.state !== 'held')
    throw new AppError('conflict', 409, 'Cette dépêche n’est plus en attente : elle a déjà été publiée, écartée ou retirée par l’agence.');
  return row;
}

/**
 * Publishes a held item as the editor; returns the article, whether it went online or waits for
 * its embargo, and what became of its photo (a photo that could not be had does not stop it).
 */
export async function publishHeld(ctx: AppContext, actor: Actor, id: number): Promise<PublishedItem> {
  assertCan(actor, 'article:publish');
  const row = await heldItem(ctx, id);
  const agency = await findAgency(ctx.db, row.agency_id);
  if (!agency) throw AppError.notFound('L’agence de cette dépêche n’existe plus.');
  const item = wireItemSchema.parse(JSON.parse(row.payload));
  const result = await publishWireItem(ctx, actor, agency, item, row);
  // Only if still the version the editor saw (a newer one arriving meanwhile stays held).
  await updateItem(
    ctx.db,
    row.id,
    { state: result.state, article_id: result.articleId, updated_at: new Date().toISOString(), ...result.record },
    row.version,
  );
  return result;
}

/** Discards a held item: it leaves the queue, and later versions of it are not held again. */
export async function discardHeld(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'article:publish');
  const row = await heldItem(ctx, id);
  await ctx.db.transaction().execute(async (trx) => {
    await updateItem(trx, row.id, { state: 'discarded', updated_at: new Date().toISOString() });
    await recordAudit(trx, actor, 'wire.discard', { type: 'wire-item', id }, { guid: row.guid, headline: row.headline });
  });
}
