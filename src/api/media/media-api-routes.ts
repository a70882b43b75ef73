import type { AppContext } from '../../core/app-context.ts';
import { assertUploadAllowed } from '../../media/upload-rate-limit.ts';
import { type ApiRoute, apiRoute } from '../api-route.ts';
import { imageFieldsSchema, imageOutputSchema, imageView, uploadImageFromApi } from './media-upload.ts';

/** Image upload: the picture a script then uses as heroImageId or in the body. */
export function mediaApiRoutes(ctx: AppContext): ApiRoute[] {
  return [
    apiRoute({
      method: 'POST',
      path: '/media',
      operationId: 'uploadImage',
      tag: 'Médias',
      summary: 'Téléverse une image (multipart/form-data : file, credit, alt, caption, focalX, focalY)',
      description:
        'Le type est reconnu d’après le contenu, jamais d’après le nom. EXIF et GPS sont retirés, l’orientation corrigée. 20 Mo et 40 mégapixels au plus. La même image envoyée deux fois donne la même fiche.',
      permission: 'media:upload',
      body: imageFieldsSchema,
      bodyType: 'multipart',
      responses: {
        201: { description: 'L’image enregistrée.', schema: imageOutputSchema },
        413: { description: 'Fichier trop lourd (payload_too_large).' },
        415: { description: 'Pas une image reconnue (unsupported_media_type).' },
        429: { description: 'Trop d’envois pour ce compte dans l’heure (rate_limited, UPLOADS_PER_HOUR) ; en-tête Retry-After.' },
      },
      handler: async ({ actor, request, reply }) => {
        // One hourly budget per account, shared with the back office's upload forms.
        await assertUploadAllowed(ctx, request, reply);
        const image = await uploadImageFromApi(ctx, actor, request);
        reply.code(201);
        return imageView(image);
      },
    }),
  ];
}
