import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { fr } from '../core/text/typography.ts';
import { formatBytes } from '../media/media-limits.ts';
import { mediaFilePath } from '../media/image-usage.ts';
import { jsonLdScript } from '../site/seo/json-ld.ts';
import type { Chapter } from './chapters.ts';
import { showFeedPath, showPath } from './podcast-feed.ts';
import { showTag } from './show-operations.ts';
import { episodeLabel, subscribeLinks } from './show-page.ts';
import type { ShowRow } from './show-repository.ts';
import { type Cue, formatClock } from './timed-text.ts';

/** What an article page adds for its format: before and after the body, in the head, and cache tags. */
export interface ArticleMediaParts {
  beforeBody: string;
  afterBody: string;
  head: string;
  tags: string[];
}

/** An episode as its article page shows it. */
export interface EpisodeOnPage {
  articleId: number;
  headline: string;
  description: string;
  url: string;
  publishedAt: string;
  show: ShowRow;
  season: number | null;
  episodeNumber: number | null;
  episodeType: 'full' | 'trailer' | 'bonus';
  chapters: Chapter[];
  transcript: Cue[];
  audio: { fileKey: string; mime: string; bytes: number; durationSeconds: number | null; title: string };
}

/** ISO 8601 duration ("PT10M5S") for structured data. */
export function isoDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s || (!h && !m) ? `${s}S` : ''}`;
}

/** The PodcastEpisode JSON-LD of an episode page. */
export function podcastEpisodeJsonLd(publicUrl: string, e: EpisodeOnPage): object {
  const contentUrl = publicUrl + mediaFilePath(e.audio.fileKey);
  return {
    '@context': 'https://schema.org',
    '@type': 'PodcastEpisode',
    name: e.headline,
    description: e.description,
    url: e.url,
    datePublished: e.publishedAt,
    ...(e.episodeNumber !== null ? { episodeNumber: e.episodeNumber } : {}),
    ...(e.audio.durationSeconds ? { timeRequired: isoDuration(e.audio.durationSeconds) } : {}),
    associatedMedia: {
      '@type': 'MediaObject',
      contentUrl,
      encodingFormat: e.audio.mime,
      contentSize: String(e.audio.bytes),
      ...(e.audio.durationSeconds ? { duration: isoDuration(e.audio.durationSeconds) } : {}),
    },
    partOfSeries: {
      '@type': 'PodcastSeries',
      name: e.show.title,
      url: publicUrl + showPath(e.show.slug),
      webFeed: publicUrl + showFeedPath(e.show.slug),
    },
    ...(e.season !== null ? { partOfSeason: { '@type': 'PodcastSeason', seasonNumber: e.season } } : {}),
    ...(e.transcript.length ? { transcript: e.transcript.map((c) => c.text).join(' ') } : {}),
  };
}

/**
 * The listening block of an episode page: the plain `<audio controls>` that works without
 * JavaScript (the player island replaces its controls by its own), chapters as links to the
 * time in the file (media fragments), and the transcript as text for every reader.
 */
export function renderEpisodeSection(ctx: AppContext, e: EpisodeOnPage): ArticleMediaParts {
  const src = mediaFilePath(e.audio.fileKey);
  const label = episodeLabel(e);
  const duration = e.audio.durationSeconds ? `Durée ${formatClock(e.audio.durationSeconds)}` : '';
  const facts = [label, duration].filter(Boolean).join(' · ');
  const chapters = e.chapters.length
    ? html`<nav class="podcast-chapters" aria-labelledby="chapitres-titre"><h3 id="chapitres-titre" class="podcast-chapters__title">Chapitres</h3><ol>!${e.chapters.map(
        (c) =>
          html`<li><a href="${src}#t=${String(c.start)}" data-start="${String(c.start)}"><span class="podcast-chapters__time">${formatClock(c.start)}</span> ${fr(c.title)}</a></li>`,
      )}</ol></nav>`
    : '';
  const player = html`<section class="podcast-player" aria-labelledby="ecouter-titre" data-podcast-player="${String(e.articleId)}"><h2 id="ecouter-titre" class="podcast-player__title">Écouter l’épisode</h2><p class="podcast-player__show">Podcast <a href="${showPath(e.show.slug)}">${fr(e.show.title)}</a>!${facts ? html` · ${facts}` : ''}</p><div class="podcast-player__media"><audio class="podcast-player__audio" controls preload="metadata" src="${src}"><a href="${src}">Écouter l’épisode</a></audio></div>!${chapters}<p class="podcast-player__download"><a href="${src}" download>Télécharger l’épisode</a> (${e.audio.mime.replace(/^audio\//, '').toUpperCase()}, ${formatBytes(e.audio.bytes)})</p>!${subscribeLinks(ctx.config.publicUrl, e.show)}</section>`;
  const transcript = e.transcript.length
    ? html`<section class="podcast-transcript" aria-labelledby="transcription-titre"><h2 id="transcription-titre">Transcription</h2><div class="podcast-transcript__text">!${e.transcript.map(
        (c) =>
          html`<p><a class="podcast-transcript__time" href="${src}#t=${String(c.start)}" data-start="${String(c.start)}">${formatClock(c.start)}</a> ${fr(c.text)}</p>`,
      )}</div></section>`
    : '';
  return {
    beforeBody: player,
    afterBody: transcript,
    head: jsonLdScript(podcastEpisodeJsonLd(ctx.config.publicUrl, e)),
    tags: [showTag(e.show.id)],
  };
}
