import { z } from 'zod';
import { parseId } from '../core/input/ids.ts';
import { assertCan, type Actor } from '../accounts/policy.ts';
import { parseEmbedUrl } from '../admin/islands/editor/embed-url.ts';
import { loadArticleState, policySubject } from '../articles/operations/article-store.ts';
import { canEditArticle } from '../articles/visibility.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { type FieldErrors, FormError } from '../curation/curation-validation.ts';
import { getImageById } from '../images/image-repository.ts';
import { getMediaFileById } from '../media/media-file-repository.ts';
import { mediaFilePathOnDisk } from '../media/media-file-store.ts';
import { uploadImage } from '../media/media-operations.ts';
import { type Cue, cuesToWebVtt, parseTimedText, TimedTextError } from './timed-text.ts';
import { extractPosterFrame, ffmpegAvailable } from './video-poster.ts';
import { getVideo, type VideoRow } from './video-repository.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache' | 'config'>;

/** The video form as typed. */
export interface VideoValues {
  videoFileId: string;
  embedUrl: string;
  channel: string;
  posterImageId: string;
  extractPoster: string;
  captions: string;
}

const PROVIDER_LABELS = { youtube: 'YouTube', vimeo: 'Vimeo', dailymotion: 'Dailymotion' } as const;
const WATCH_URLS = {
  youtube: (id: string) => `https://www.youtube.com/watch?v=${id}`,
  vimeo: (id: string) => `https://vimeo.com/${id}`,
  dailymotion: (id: string) => `https://www.dailymotion.com/video/${id}`,
} as const;

/** The credit a screenshot of an embedded video carries, as on the reference page. */
export function screenshotCredit(provider: keyof typeof PROVIDER_LABELS, channel: string): string {
  return `Capture d’écran ${PROVIDER_LABELS[provider]} / ${channel}`;
}

const idText = (message: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || parseId(v) !== null, message)
    .transform((v) => (v === '' ? null : Number(v)));

const videoFormSchema = z.object({
  videoFileId: idText('Choisissez une vidéo de la médiathèque.'),
  embedUrl: z.string().trim().max(500, 'L’adresse : 500 caractères au plus.'),
  channel: z.string().trim().max(120, 'La chaîne : 120 caractères au plus.'),
  posterImageId: idText('L’affiche : numéro d’image invalide.'),
  extractPoster: z.string(),
  captions: z.string(),
});

/** The stored video as form values. */
export function videoValues(row: VideoRow | undefined): VideoValues {
  const captions = row ? (JSON.parse(row.captions) as Cue[]) : [];
  return {
    videoFileId: row?.video_file_id ? String(row.video_file_id) : '',
    embedUrl: row?.embed_provider && row.embed_id ? WATCH_URLS[row.embed_provider](row.embed_id) : '',
    channel: row?.channel ?? '',
    posterImageId: row?.poster_image_id ? String(row.poster_image_id) : '',
    extractPoster: '',
    captions: captions.length ? cuesToWebVtt(captions) : '',
  };
}

/**
 * Saves the video of an article of format video: a video of the media library (hosted) or an
 * embed (YouTube, Vimeo, Dailymotion), its poster (an image of the library, or a frame taken
 * from the hosted video by ffmpeg) and its captions (WebVTT or SRT). A hosted video may be saved
 * without captions, but not published (article-input.ts publishProblems).
 */
export async function saveVideo(ctx: Ctx, actor: Actor, articleId: number, values: VideoValues): Promise<void> {
  const state = await loadArticleState(ctx.db, articleId);
  if (!canEditArticle(actor, policySubject(state))) throw new AppError('forbidden', 403, 'Vous ne pouvez pas modifier cet article.');
  if (state.row.format !== 'video') {
    throw new AppError('validation_failed', 422, 'Seul un article au format « Vidéo » porte une vidéo.', {
      details: [{ path: 'format', message: 'L’article doit être au format « Vidéo ».' }],
    });
  }
  const parsed = videoFormSchema.safeParse(values);
  if (!parsed.success) throw new FormError(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  const data = parsed.data;
  const errors: FieldErrors = {};
  const embed = data.embedUrl ? parseEmbedUrl(data.embedUrl) : null;
  if (data.embedUrl && (!embed || embed.provider === 'audio'))
    errors.embedUrl = 'Adresse : une vidéo YouTube, Vimeo ou Dailymotion est attendue.';
  if (data.videoFileId !== null && data.embedUrl) errors.videoFileId = 'Une vidéo hébergée ou une vidéo intégrée, pas les deux.';
  if (data.videoFileId === null && !data.embedUrl)
    errors.videoFileId = 'Choisissez une vidéo de la médiathèque ou collez l’adresse d’une vidéo intégrée.';
  const video = data.videoFileId === null ? undefined : await getMediaFileById(ctx.db, data.videoFileId);
  if (data.videoFileId !== null && video?.kind !== 'video') errors.videoFileId = `Aucune vidéo n° ${data.videoFileId} dans la médiathèque.`;
  const embedded = embed && embed.provider !== 'audio' ? embed : null;
  if (embedded && !data.channel)
    errors.channel = `Indiquez la chaîne ${PROVIDER_LABELS[embedded.provider]} : elle figure dans le crédit de l’affiche.`;

  let captions: Cue[] = [];
  if (data.captions.trim()) {
    try {
      captions = parseTimedText(data.captions, video?.duration_seconds ?? null);
    } catch (error) {
      if (!(error instanceof TimedTextError)) throw error;
      errors.captions = `${error.problems.join(' ; ')}.`;
    }
  }

  let posterImageId = data.posterImageId;
  const extract = data.extractPoster === 'oui';
  if (extract && !video) errors.extractPoster = 'Seule une vidéo hébergée sur le site peut donner son affiche.';
  else if (extract && !ffmpegAvailable())
    errors.extractPoster = 'ffmpeg n’est pas installé sur le serveur : choisissez une image de la médiathèque.';
  if (!extract && posterImageId !== null) {
    const poster = await getImageById(ctx.db, posterImageId);
    if (!poster) errors.posterImageId = `Aucune image n° ${posterImageId} dans la médiathèque.`;
    else if (!poster.credit.trim()) errors.posterImageId = 'L’affiche n’a pas de crédit : renseignez-le dans la médiathèque.';
    else if (embedded && !/^Capture d[’']écran/i.test(poster.credit)) {
      errors.posterImageId = `Une capture d’une vidéo intégrée est créditée « ${screenshotCredit(embedded.provider, data.channel || '<chaîne>')} » : corrigez son crédit dans la médiathèque.`;
    }
  }
  if (Object.keys(errors).length) throw new FormError(errors);

  if (extract && video) {
    assertCan(actor, 'media:upload');
    const path = mediaFilePathOnDisk(ctx.config.dataDir, video.file_key);
    const at = video.duration_seconds && video.duration_seconds > 4 ? 2 : 0;
    let jpeg: Buffer;
    try {
      jpeg = await extractPosterFrame(path, at);
    } catch {
      throw new FormError({ extractPoster: 'L’affiche n’a pas pu être tirée de la vidéo : choisissez une image de la médiathèque.' });
    }
    const { image } = await uploadImage(ctx, actor, jpeg, {
      credit: `Capture d’écran / ${video.credit || 'vidéo du site'}`,
      alt: `Image tirée de la vidéo « ${state.row.headline} »`,
      caption: '',
      focalX: 0.5,
      focalY: 0.5,
    });
    posterImageId = image.id;
  }

  const row = {
    video_file_id: data.videoFileId,
    poster_image_id: posterImageId,
    captions: JSON.stringify(captions),
    embed_provider: embedded?.provider ?? null,
    embed_id: embedded?.id ?? null,
    channel: data.channel,
    updated_at: new Date().toISOString(),
  };
  if (await getVideo(ctx.db, articleId)) await ctx.db.updateTable('article_videos').set(row).where('article_id', '=', articleId).execute();
  else
    await ctx.db
      .insertInto('article_videos')
      .values({ article_id: articleId, ...row })
      .execute();
  ctx.pageCache.invalidate([`article:${articleId}`, 'format:video']);
}
