import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf, requireActor } from '../accounts/guards.ts';
import { can } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { formStrings, missingFile } from './image-admin-routes.ts';
import { findMediaFileUsage, mediaFilePath } from './image-usage.ts';
import { renderMediaFileEdit } from './media-file-edit-view.ts';
import { getMediaFileById, type MediaFileRecord } from './media-file-repository.ts';
import { uploadTempDirectory } from './media-file-store.ts';
import { ACCEPTED_MEDIA_DESCRIPTION, detectMediaFileType, type MediaFileType } from './media-file-types.ts';
import { fieldErrorsOf, mediaFileMetaSchema, parseFields, parseId } from './media-input.ts';
import { assertUploadAllowed } from './upload-rate-limit.ts';
import { type MediaLimits, tooLargeMessage } from './media-limits.ts';
import { deleteMediaFile, updateMediaFile, uploadMediaFile } from './media-operations.ts';
import { sendMediaPage, sendUploadFailure, wantsJson } from './media-page.ts';
import { noticeFromQuery } from '../admin/admin-layout.ts';
import { receiveMultipart, type ReceivedForm } from './multipart-upload.ts';

const NOTICES: Record<string, string> = {
  ajoute: 'Fichier ajouté.',
  existant: 'Ce fichier était déjà dans la médiathèque : le voici, avec ses informations d’origine.',
  enregistre: 'Modifications enregistrées.',
};

type IdParams = { Params: { id: string } };

/** A sound or video as JSON (upload answer, API). */
export function mediaFileItem(media: MediaFileRecord) {
  return {
    id: media.id,
    kind: media.kind,
    title: media.title,
    credit: media.credit,
    url: mediaFilePath(media.file_key),
    mime: media.mime,
    bytes: media.bytes,
    durationSeconds: media.duration_seconds,
  };
}

/** Sounds and videos in the back office: upload (`POST /admin/medias/fichiers`), their screen, save and delete. */
export function mediaFileAdminRoutes(app: FastifyInstance, ctx: AppContext, limits: MediaLimits): void {
  const csrf = app.csrfProtection;

  const uploadGuard = [
    requireActor('media:upload'),
    (request: FastifyRequest, reply: FastifyReply) => assertUploadAllowed(ctx, request, reply),
  ];
  app.post('/admin/medias/fichiers', { onRequest: csrf, preHandler: uploadGuard }, async (request, reply) => {
    let form: ReceivedForm | undefined;
    const fields: Record<string, string> = {};
    let type: MediaFileType | undefined;
    try {
      form = await receiveMultipart(request, {
        fields,
        tempDir: uploadTempDirectory(ctx.config.dataDir),
        maxBytes: Math.max(limits.audio, limits.video),
        tooLargeMessage: tooLargeMessage('video', limits.video),
        // Refused from its first bytes: a wrong file is not streamed to disk in full.
        inspectHead: async (head) => {
          type = await detectMediaFileType(head);
          if (!type)
            throw new AppError(
              'unsupported_media_type',
              415,
              `Format non pris en charge : envoyez un fichier ${ACCEPTED_MEDIA_DESCRIPTION}.`,
              { details: [{ path: 'file', message: 'Format non pris en charge.' }] },
            );
          return { maxBytes: limits[type.kind], tooLargeMessage: tooLargeMessage(type.kind, limits[type.kind]) };
        },
      });
      const meta = parseFields(mediaFileMetaSchema, form.fields);
      if (!form.file || !type) throw missingFile('Choisissez le fichier son ou vidéo.');
      const { media, created } = await uploadMediaFile(ctx, actorOf(request), form.file, type, meta);
      if (wantsJson(request))
        return reply.code(created ? 201 : 200).send({ item: mediaFileItem(media), created, editUrl: `/admin/medias/fichiers/${media.id}` });
      return reply.redirect(`/admin/medias/fichiers/${media.id}?ok=${created ? 'ajoute' : 'existant'}`, 303);
    } catch (error) {
      // Removed before answering, so nothing is left once the client has its answer.
      await form?.discard();
      return sendUploadFailure(ctx, request, reply, { error, form: 'file', fields, limits });
    } finally {
      // Moved into place when stored; otherwise removed.
      await form?.discard();
    }
  });

  app.get<IdParams>('/admin/medias/fichiers/:id', { preHandler: requireActor('media:upload') }, async (request, reply) => {
    const media = await loadMediaFile(ctx, request.params.id);
    const notice = noticeFromQuery(request.query, NOTICES) ?? undefined;
    return sendScreen(ctx, request, reply, media, { notice });
  });

  app.post<IdParams>('/admin/medias/fichiers/:id', { onRequest: csrf, preHandler: requireActor('media:edit') }, async (request, reply) => {
    const media = await loadMediaFile(ctx, request.params.id);
    const values = formStrings(request.body);
    try {
      const updated = await updateMediaFile(ctx, actorOf(request), media.id, parseFields(mediaFileMetaSchema, values));
      if (wantsJson(request)) return reply.send({ item: mediaFileItem(updated) });
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422 || wantsJson(request)) throw error;
      return sendScreen(ctx, request, reply, media, { status: 422, values, errors: fieldErrorsOf(error), message: error.message });
    }
    return reply.redirect(`/admin/medias/fichiers/${media.id}?ok=enregistre`, 303);
  });

  app.post<IdParams>(
    '/admin/medias/fichiers/:id/supprimer',
    { onRequest: csrf, preHandler: requireActor('media:delete') },
    async (request, reply) => {
      const media = await loadMediaFile(ctx, request.params.id);
      try {
        await deleteMediaFile(ctx, actorOf(request), media.id);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'conflict' || wantsJson(request)) throw error;
        return sendScreen(ctx, request, reply, media, { status: 409, message: error.message });
      }
      if (wantsJson(request)) return reply.send({ deleted: true });
      return reply.redirect(`/admin/medias?type=${media.kind}&ok=supprime`, 303);
    },
  );
}

async function sendScreen(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  media: MediaFileRecord,
  state: { status?: number; values?: Record<string, string>; errors?: Record<string, string>; message?: string; notice?: string },
): Promise<FastifyReply> {
  const actor = actorOf(request);
  const uses = await findMediaFileUsage(ctx.db, media.file_key);
  return sendMediaPage(ctx, request, reply, {
    title: media.title,
    status: state.status,
    main: (csrfToken) =>
      renderMediaFileEdit({
        media,
        uses,
        csrfToken,
        canEdit: can(actor, 'media:edit'),
        canDelete: can(actor, 'media:delete'),
        values: state.values,
        errors: state.errors,
        message: state.message,
        notice: state.notice,
      }),
  });
}

async function loadMediaFile(ctx: AppContext, rawId: string): Promise<MediaFileRecord> {
  const media = await getMediaFileById(ctx.db, parseId(rawId));
  if (!media) throw AppError.notFound('Média introuvable');
  return media;
}
