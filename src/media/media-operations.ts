import fs from 'node:fs/promises';
import { assertCan, type Actor, canEditImage } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { deleteImageFiles, deleteImageRow, updateImageMeta } from '../images/image-admin-repository.ts';
import { forgetImage, imageTag } from '../images/image-cache.ts';
import { getImageById } from '../images/image-repository.ts';
import { storeImage } from '../images/image-store.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { findImageUsage, findMediaFileUsage, type MediaUsage, usageCacheTags } from './image-usage.ts';
import { enqueueImageVariants } from './image-variants-job.ts';
import { deleteMediaFileRow, getMediaFileById, type MediaFileRecord, updateMediaFileMeta } from './media-file-repository.ts';
import { mediaFilePathOnDisk, storeMediaFile } from './media-file-store.ts';
import type { MediaFileType } from './media-file-types.ts';
import type { ImageMetaInput, MediaFileMetaInput } from './media-input.ts';
import type { ReceivedFile } from './multipart-upload.ts';

// The media library's operations: called by the back-office routes and usable by the API and
// importers alike. Each checks the policy itself, so no caller can skip it.

type Ctx = Pick<AppContext, 'db' | 'config' | 'pageCache'>;

/**
 * Stores an uploaded image (type from its bytes, size and pixel limits, metadata stripped,
 * orientation applied: see storeImage) and queues its variants. The same picture uploaded again
 * returns the existing image, unchanged, with `created: false`.
 */
export async function uploadImage(
  ctx: Ctx,
  actor: Actor,
  bytes: Buffer,
  meta: ImageMetaInput,
): Promise<{ image: ImageRecord; created: boolean }> {
  assertCan(actor, 'media:upload');
  const startedAt = new Date().toISOString();
  const image = await storeImage(ctx.db, ctx.config.dataDir, bytes, meta, { uploadedByUserId: actor.userId });
  const created = image.created_at >= startedAt;
  if (created) await enqueueImageVariants(ctx.db, image.id);
  return { image, created };
}

/**
 * Changes an image's alt text, caption, credit and focal point; pages showing it are refreshed.
 * Journalists and editors change any image, a contributor those they uploaded (canEditImage).
 */
export async function updateImage(ctx: Ctx, actor: Actor, id: number, meta: ImageMetaInput): Promise<ImageRecord> {
  assertCan(actor, 'media:upload');
  const before = await getImageById(ctx.db, id);
  if (!before) throw AppError.notFound('Image introuvable');
  if (!canEditImage(actor, imagePolicySubject(before))) {
    throw new AppError('forbidden', 403, 'Vous ne pouvez pas corriger cette image : seulement celles que vous avez ajoutées.');
  }
  const image = await updateImageMeta(ctx.db, id, meta);
  if (!image) throw AppError.notFound('Image introuvable');
  forgetImage(id);
  // A new focal point changes every crop's URL: queue them so readers do not wait for encodes.
  if (image.focal_x !== before.focal_x || image.focal_y !== before.focal_y) await enqueueImageVariants(ctx.db, id);
  ctx.pageCache.invalidate([imageTag(id), ...usageCacheTags(await findImageUsage(ctx.db, id))]);
  return image;
}

/** The error for deleting a medium that pages still show; details list where (for the 409 page and JSON). */
function inUseError(what: string, uses: MediaUsage[]): AppError {
  const count = uses.length === 1 ? 'à un endroit' : `à ${uses.length} endroits`;
  return new AppError('conflict', 409, `${what} est utilisé ${count} : retirez-le d’abord de ces contenus.`, { details: { usages: uses } });
}

/** Deletes an unused image, its original and its variants; refused (409, with the list) while anything shows it. */
export async function deleteImage(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'media:delete');
  const image = await getImageById(ctx.db, id);
  if (!image) throw AppError.notFound('Image introuvable');
  const uses = await findImageUsage(ctx.db, id);
  if (uses.length) throw inUseError('Ce média', uses);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteImageRow(trx, id);
    await recordAudit(trx, actor, 'media.delete', { type: 'image', id }, { fileKey: image.file_key, alt: image.alt, credit: image.credit });
  });
  forgetImage(id);
  ctx.pageCache.invalidate([imageTag(id)]);
  await deleteImageFiles(ctx.db, ctx.config.dataDir, image.file_key);
}

/** Records a received sound or video (type already checked from its bytes) under its content hash. */
export async function uploadMediaFile(
  ctx: Ctx,
  actor: Actor,
  file: ReceivedFile,
  type: MediaFileType,
  meta: MediaFileMetaInput,
): Promise<{ media: MediaFileRecord; created: boolean }> {
  assertCan(actor, 'media:upload');
  const { record, created } = await storeMediaFile(ctx.db, ctx.config.dataDir, file, type, meta);
  return { media: record, created };
}

/** Changes the title and credit of a sound or video. */
export async function updateMediaFile(ctx: Ctx, actor: Actor, id: number, meta: MediaFileMetaInput): Promise<MediaFileRecord> {
  assertCan(actor, 'media:edit');
  const media = await updateMediaFileMeta(ctx.db, id, meta);
  if (!media) throw AppError.notFound('Média introuvable');
  ctx.pageCache.invalidate(usageCacheTags(await findMediaFileUsage(ctx.db, media.file_key)));
  return media;
}

/** Deletes an unused sound or video and its file; refused (409, with the list) while a body embeds it. */
export async function deleteMediaFile(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'media:delete');
  const media = await getMediaFileById(ctx.db, id);
  if (!media) throw AppError.notFound('Média introuvable');
  const uses = await findMediaFileUsage(ctx.db, media.file_key);
  if (uses.length) throw inUseError('Ce média', uses);
  await ctx.db.transaction().execute(async (trx) => {
    await deleteMediaFileRow(trx, id);
    await recordAudit(
      trx,
      actor,
      'media.delete',
      { type: 'media_file', id },
      { fileKey: media.file_key, title: media.title, kind: media.kind },
    );
  });
  await fs.rm(mediaFilePathOnDisk(ctx.config.dataDir, media.file_key), { force: true });
}

/** The shape canEditImage reads. */
export function imagePolicySubject(image: ImageRecord): { uploadedByUserId: number | null } {
  return { uploadedByUserId: image.uploaded_by_user_id };
}
