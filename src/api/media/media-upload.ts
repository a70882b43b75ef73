import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { assertCan, type Actor } from '../../accounts/policy.ts';
import type { AppContext } from '../../core/app-context.ts';
import { AppError } from '../../core/http/app-error.ts';
import { MAX_IMAGE_BYTES } from '../../images/image-limits.ts';
import type { ImageRecord } from '../../images/image-types.ts';
import { imageVariant } from '../../images/image-urls.ts';
import { tooLargeMessage } from '../../media/media-limits.ts';
import { uploadImage } from '../../media/media-operations.ts';
import { translateMultipartError } from '../../media/multipart-upload.ts';
import { parseOrFail } from '../api-validation.ts';

/** Largest image the API accepts (the image store's own limit). */
export const MAX_UPLOAD_BYTES = MAX_IMAGE_BYTES;

const focal = z.coerce
  .number({ error: 'Point focal : nombre entre 0 et 1 attendu' })
  .min(0, { error: 'Point focal : entre 0 et 1' })
  .max(1, { error: 'Point focal : entre 0 et 1' })
  .optional();

/** The text fields sent with the file. Credit and alt text are required: every image names its source and is described. */
export const imageFieldsSchema = z.strictObject(
  {
    credit: z
      .string({ error: 'Crédit : obligatoire' })
      .trim()
      .min(1, { error: 'Crédit : obligatoire' })
      .max(300, { error: 'Crédit : 300 caractères au plus' }),
    alt: z
      .string({ error: 'Texte alternatif : obligatoire' })
      .trim()
      .min(1, { error: 'Texte alternatif : obligatoire' })
      .max(500, { error: 'Texte alternatif : 500 caractères au plus' }),
    caption: z.string().trim().max(1000, { error: 'Légende : 1 000 caractères au plus' }).default(''),
    focalX: focal,
    focalY: focal,
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Champ inconnu : ${issue.keys.join(', ')}` : 'Champs de l’image invalides') },
);

export const imageOutputSchema = z.object({
  id: z.int(),
  url: z.string().describe('Une version de 1 280 px de large (JPEG), pour vérification.'),
  width: z.int(),
  height: z.int(),
  mime: z.string(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  focalX: z.number(),
  focalY: z.number(),
});

/** The API's view of a stored image. */
export function imageView(image: ImageRecord) {
  return {
    id: image.id,
    url: imageVariant(image, 1280, 'jpeg').url,
    width: image.width,
    height: image.height,
    mime: image.mime,
    alt: image.alt,
    caption: image.caption,
    credit: image.credit,
    focalX: image.focal_x,
    focalY: image.focal_y,
  };
}

/** Reads the multipart request: its text fields and the bytes of its one file, named "file". */
async function readUpload(request: FastifyRequest): Promise<{ fields: Record<string, string>; file: Buffer | null }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 415, 'Envoyez l’image en multipart/form-data (champ « file »).');
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096 } })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
      } else if (part.fieldname === 'file' && file === null) {
        file = await part.toBuffer(); // throws a 413 past fileSize
      } else {
        part.file.resume();
        throw new AppError('validation_failed', 422, 'Un seul fichier, dans le champ « file ».', {
          details: [{ path: part.fieldname, message: 'Un seul fichier, dans le champ « file »' }],
        });
      }
    }
  } catch (error) {
    // Malformed multipart (no boundary, a 300-character one, a part cut short) is a 400, not a 500.
    throw translateMultipartError(error, tooLargeMessage('image', MAX_UPLOAD_BYTES));
  }
  return { fields, file };
}

/**
 * Stores an uploaded image through the media library's operation (media:upload): type checked from
 * the bytes, metadata stripped, orientation fixed, variants queued. The same picture twice gives the existing record.
 */
export async function uploadImageFromApi(ctx: AppContext, actor: Actor, request: FastifyRequest): Promise<ImageRecord> {
  assertCan(actor, 'media:upload');
  const { fields, file } = await readUpload(request);
  const meta = parseOrFail(imageFieldsSchema, fields, 'Les champs de l’image');
  if (!file || file.length === 0) {
    throw new AppError('validation_failed', 422, 'Aucun fichier reçu.', { details: [{ path: 'file', message: 'Fichier : obligatoire' }] });
  }
  const { image } = await uploadImage(ctx, actor, file, { ...meta, focalX: meta.focalX ?? 0.5, focalY: meta.focalY ?? 0.5 });
  return image;
}
