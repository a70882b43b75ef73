import type { FullArticle } from '../articles/article-repository.ts';
import { renderBody } from '../articles/body/render-body.ts';
import { articlePath } from '../articles/teaser-repository.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { toParisIso } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import type { ImageRecord } from '../images/image-types.ts';
import { imageVariant } from '../images/image-urls.ts';
import { mediaFilePath } from '../media/image-usage.ts';
import { jsonLdScript } from '../site/seo/json-ld.ts';
import { type ArticleMediaParts, isoDuration } from './episode-section.ts';
import { type Cue, formatClock } from './timed-text.ts';
import type { VideoRow } from './video-repository.ts';

/** The players an embed opens on click (the island embed-facade.ts loads them; structured data names them). */
export const EMBED_PLAYER_URLS = {
  youtube: (id: string) => `https://www.youtube-nocookie.com/embed/${id}`,
  vimeo: (id: string) => `https://player.vimeo.com/video/${id}`,
  dailymotion: (id: string) => `https://geo.dailymotion.com/player.html?video=${id}`,
} as const;

/** Where a video article's captions are served (WebVTT). */
export const captionsPath = (articleId: number) => `/video/${articleId}/sous-titres.vtt`;

const POSTER_WIDTH = 1280;

/** A video article's video as its page shows it. */
export interface VideoOnPage {
  row: VideoRow;
  file: { fileKey: string; mime: string; durationSeconds: number | null; credit: string } | null;
  poster: ImageRecord | null;
}

/** The VideoObject JSON-LD: name, description, thumbnailUrl, uploadDate, duration, contentUrl or embedUrl. */
export function videoObjectJsonLd(publicUrl: string, article: FullArticle, video: VideoOnPage): object {
  const thumb = video.poster ?? article.heroImage;
  const embed = video.row.embed_provider && video.row.embed_id ? EMBED_PLAYER_URLS[video.row.embed_provider](video.row.embed_id) : null;
  return {
    '@context': 'https://schema.org',
    '@type': 'VideoObject',
    name: article.headline,
    description: article.lead || article.headline,
    ...(thumb ? { thumbnailUrl: [publicUrl + imageVariant(thumb, POSTER_WIDTH, 'jpeg', '16x9').url] } : {}),
    uploadDate: toParisIso(article.publishedAt),
    ...(video.file?.durationSeconds ? { duration: isoDuration(video.file.durationSeconds) } : {}),
    ...(video.file ? { contentUrl: publicUrl + mediaFilePath(video.file.fileKey), encodingFormat: video.file.mime } : {}),
    ...(embed ? { embedUrl: embed } : {}),
    url: publicUrl + articlePath({ sectionSlug: article.section.slug, slug: article.slug }),
  };
}

/**
 * The video block of a video article: a hosted video with its captions track (and its captions
 * as text below), or an embed behind the click-to-load facade of the article body.
 */
export function renderVideoSection(ctx: AppContext, article: FullArticle, video: VideoOnPage): ArticleMediaParts {
  const head = jsonLdScript(videoObjectJsonLd(ctx.config.publicUrl, article, video));
  const tags = ['format:video'];
  const captions = JSON.parse(video.row.captions) as Cue[];
  if (video.file) {
    const src = mediaFilePath(video.file.fileKey);
    const poster = video.poster ? imageVariant(video.poster, POSTER_WIDTH, 'jpeg', '16x9') : null;
    const track = captions.length
      ? html`<track kind="captions" src="${captionsPath(article.id)}" srclang="fr" label="Français" default>`
      : '';
    const credit = [video.file.credit ? `Vidéo : ${video.file.credit}` : '', video.poster?.credit ? `Affiche : ${video.poster.credit}` : '']
      .filter(Boolean)
      .join(' · ');
    const player = html`<figure class="video-player"><video class="video-player__video" controls preload="metadata" playsinline!${poster ? html` poster="${poster.url}" width="${String(poster.width)}" height="${String(poster.height)}"` : ''} src="${src}">!${track}<a href="${src}">Télécharger la vidéo</a></video>!${credit ? html`<figcaption class="video-player__credit">${fr(credit)}</figcaption>` : ''}</figure>`;
    const transcript = captions.length
      ? html`<section class="podcast-transcript" aria-labelledby="transcription-video-titre"><h2 id="transcription-video-titre">Transcription de la vidéo</h2><div class="podcast-transcript__text">!${captions.map(
          (c) => html`<p><span class="podcast-transcript__time">${formatClock(c.start)}</span> ${fr(c.text)}</p>`,
        )}</div></section>`
      : '';
    return { beforeBody: player, afterBody: transcript, head, tags };
  }
  if (video.row.embed_provider && video.row.embed_id) {
    const facade = renderBody(
      {
        type: 'doc',
        content: [{ type: 'embed', attrs: { provider: video.row.embed_provider, id: video.row.embed_id, title: article.headline } }],
      },
      { renderImage: () => '' },
    );
    return { beforeBody: facade, afterBody: '', head, tags };
  }
  return { beforeBody: '', afterBody: '', head: '', tags };
}
