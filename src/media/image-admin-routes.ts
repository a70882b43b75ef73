import fs from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import { can, canEditImage } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { listImages } from '../images/image-admin-repository.ts';
import { getImageById } from '../images/image-repository.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { imageUrl } from '../images/image-urls.ts';
import { renderImageEdit } from './image-edit-view.ts';
import { findImageUsage, type MediaUsage } from './image-usage.ts';
import { uploadTempDirectory } from './media-file-store.ts';
import { fieldErrorsOf, imageMetaSchema, imageMetaWithAltSchema, parseFields, parseId, pickerQuerySchema } from './media-input.ts';
import { type MediaLimits, tooLargeMessage } from './media-limits.ts';
import { deleteImage, imagePolicySubject, updateImage, uploadImage } from './media-operations.ts';
import { sendMediaPage, sendUploadFailure, wantsJson } from './media-page.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { receiveMultipart, type ReceivedForm } from './multipart-upload.ts';
import { assertUploadAllowed } from './upload-rate-limit.ts';

/** One image as the editor's picker and upload island read it. */
export function pickerItem(image: ImageRecord) {
  const thumbnailUrl = imageUrl(image, 320, 'webp');
  return {
    id: image.id,
    thumbnailUrl,
    url: thumbnailUrl,
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
    width: image.width,
    height: image.height,
  };
}

const NOTICES: Record<string, string> = {
  ajoutee: 'Image ajoutée. Vérifiez le texte alternatif et placez le point focal si besoin.',
  existante: 'Cette image était déjà dans la médiathèque : la voici, avec ses informations d’origine.',
  enregistree: 'Modifications enregistrées.',
};

type IdParams = { Params: { id: string } };

/**
 * Images in the back office: upload (multipart, `POST /admin/medias`), the picker's JSON, the
 * image screen (`/admin/medias/:id`) with its save and delete actions.
 */
export function imageAdminRoutes(app: FastifyInstance, ctx: AppContext, limits: MediaLimits): void {
  const csrf = app.csrfProtection;

  app.get('/admin/medias.json', { preHandler: requireActor('media:upload') }, async (request, reply) => {
    const query = pickerQuerySchema.parse(request.query ?? {});
    const result = await listImages(ctx.db, { q: query.q, page: query.page, perPage: 24 });
    return reply
      .header('cache-control', 'no-store')
      .send({ items: result.items.map(pickerItem), page: result.page, pages: result.pages, total: result.total });
  });

  const uploadGuard = [
    requireActor('media:upload'),
    (request: FastifyRequest, reply: FastifyReply) => assertUploadAllowed(ctx, request, reply),
  ];
  app.post('/admin/medias', { onRequest: csrf, preHandler: uploadGuard }, async (request, reply) => {
    let form: ReceivedForm | undefined;
    const fields: Record<string, string> = {};
    try {
      form = await receiveMultipart(request, {
        fields,
        tempDir: uploadTempDirectory(ctx.config.dataDir),
        maxBytes: limits.image,
        tooLargeMessage: tooLargeMessage('image', limits.image),
      });
      const meta = parseFields(form.fields.altRequired === '1' ? imageMetaWithAltSchema : imageMetaSchema, form.fields);
      if (!form.file) throw missingFile('Choisissez le fichier de l’image.');
      const bytes = await fs.readFile(form.file.path);
      await form.discard();
      const { image, created } = await uploadImage(ctx, actorOf(request), bytes, meta);
      if (wantsJson(request)) {
        return reply.code(created ? 201 : 200).send({ item: pickerItem(image), created, editUrl: `/admin/medias/${image.id}` });
      }
      return reply.redirect(`/admin/medias/${image.id}?ok=${created ? 'ajoutee' : 'existante'}`, 303);
    } catch (error) {
      // Removed before answering, so nothing is left once the client has its answer.
      await form?.discard();
      return sendUploadFailure(ctx, request, reply, { error, form: 'image', fields, limits });
    } finally {
      await form?.discard();
    }
  });

  app.get<IdParams>('/admin/medias/:id', { preHandler: requireActor('media:upload') }, async (request, reply) => {
    const image = await loadImage(ctx, request.params.id);
    const notice = noticeFromQuery(request.query, NOTICES) ?? undefined;
    return sendImageScreen(ctx, request, reply, image, { notice });
  });

  // Contributors may post here for the images they uploaded: updateImage decides (canEditImage).
  app.post<IdParams>('/admin/medias/:id', { onRequest: csrf, preHandler: requireActor('media:upload') }, async (request, reply) => {
    const image = await loadImage(ctx, request.params.id);
    const values = formStrings(request.body);
    try {
      await updateImage(ctx, actorOf(request), image.id, parseFields(imageMetaSchema, values));
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422 || wantsJson(request)) throw error;
      return sendImageScreen(ctx, request, reply, image, { status: 422, values, errors: fieldErrorsOf(error), message: error.message });
    }
    if (wantsJson(request)) return reply.send({ item: pickerItem((await getImageById(ctx.db, image.id)) ?? image) });
    return reply.redirect(`/admin/medias/${image.id}?ok=enregistree`, 303);
  });

  app.post<IdParams>(
    '/admin/medias/:id/supprimer',
    { onRequest: csrf, preHandler: requireActor('media:delete') },
    async (request, reply) => {
      const image = await loadImage(ctx, request.params.id);
      try {
        await deleteImage(ctx, actorOf(request), image.id);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'conflict' || wantsJson(request)) throw error;
        // Someone used the image since the screen was drawn: show where, with a 409.
        return sendImageScreen(ctx, request, reply, image, { status: 409, message: error.message });
      }
      if (wantsJson(request)) return reply.send({ deleted: true });
      return reply.redirect('/admin/medias?ok=supprimee', 303);
    },
  );
}

/** The image screen, for the viewer's permissions, with the outcome of the last post if any. */
async function sendImageScreen(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  image: ImageRecord,
  state: { status?: number; values?: Record<string, string>; errors?: Record<string, string>; message?: string; notice?: string },
): Promise<FastifyReply> {
  const actor = actorOf(request);
  const uses: MediaUsage[] = await findImageUsage(ctx.db, image.id);
  return sendMediaPage(ctx, request, reply, {
    title: image.alt ? `Image : ${image.alt}` : 'Image',
    status: state.status,
    main: (csrfToken) =>
      renderImageEdit({
        image,
        uses,
        csrfToken,
        canEdit: canEditImage(actor, imagePolicySubject(image)),
        canDelete: can(actor, 'media:delete'),
        values: state.values,
        errors: state.errors,
        message: state.message,
        notice: state.notice,
      }),
  });
}

async function loadImage(ctx: AppContext, rawId: string): Promise<ImageRecord> {
  const image = await getImageById(ctx.db, parseId(rawId));
  if (!image) throw AppError.notFound('Image introuvable');
  return image;
}

function missingFile(message: string): AppError {
  return AppError.invalid(message, [{ path: 'file', message }]);
}

/** A urlencoded body as strings (a repeated field keeps its first value). */
export function formStrings(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') out[key] = first;
  }
  return out;
}

export { missingFile };
