import { html } from '../core/html/html.ts';
import {
  csrfInput,
  errorSummary,
  fieldId,
  okNotice,
  radioField,
  selectField,
  textareaField,
  textField,
} from '../curation/curation-form-fields.ts';
import type { FieldErrors } from '../curation/curation-validation.ts';
import { formatDuration } from '../media/media-form-fields.ts';
import type { MediaFileRecord } from '../media/media-file-repository.ts';
import { formatBytes } from '../media/media-limits.ts';
import type { VideoValues } from './video-operations.ts';

const LABELS = {
  videoFileId: 'Vidéo hébergée',
  embedUrl: 'Vidéo intégrée',
  channel: 'Chaîne',
  posterImageId: 'Affiche',
  extractPoster: 'Affiche tirée de la vidéo',
  captions: 'Sous-titres',
  format: 'Format',
};

export interface VideoFormView {
  articleId: number;
  headline: string;
  values: VideoValues;
  errors?: FieldErrors;
  notice: string | null;
  csrfToken: string;
  videos: MediaFileRecord[];
  ffmpeg: boolean;
}

/** /admin/articles/:id/video: the video of an article of format video. */
export function renderVideoForm(view: VideoFormView): string {
  const { values, errors } = view;
  const videos = [
    { value: '', label: '— Aucune (vidéo intégrée) —' },
    ...view.videos.map((m) => ({
      value: String(m.id),
      label: `n° ${m.id} — ${m.title} (${formatDuration(m.duration_seconds)}, ${formatBytes(m.bytes)})`,
    })),
  ];
  const extract = view.ffmpeg
    ? radioField({
        name: 'extractPoster',
        label: 'Tirer l’affiche de la vidéo hébergée',
        value: values.extractPoster || 'non',
        errors,
        options: [
          { value: 'oui', label: 'Oui, une image prise à 2 secondes' },
          { value: 'non', label: 'Non' },
        ],
      })
    : '';
  return html`<p><a href="/admin/articles/${view.articleId}">← Retour à l’article</a></p><h1>Vidéo : ${view.headline}</h1>!${okNotice(view.notice)}!${errorSummary(errors, LABELS)}<form method="post" action="/admin/articles/${view.articleId}/video" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${[
    selectField({
      name: 'videoFileId',
      label: 'Vidéo hébergée sur le site',
      value: values.videoFileId,
      options: videos,
      errors,
      hint: 'Ses sous-titres sont obligatoires pour la publier (RGAA).',
    }),
    textField({
      name: 'embedUrl',
      label: 'Ou vidéo intégrée (adresse YouTube, Vimeo ou Dailymotion)',
      value: values.embedUrl,
      errors,
      type: 'url',
      maxLength: 500,
      hint: 'Rien n’est chargé depuis la plateforme avant le clic du lecteur.',
    }),
    textField({
      name: 'channel',
      label: 'Chaîne de la vidéo intégrée',
      value: values.channel,
      errors,
      maxLength: 120,
      hint: 'Pour le crédit de l’affiche : « Capture d’écran YouTube / chaîne ».',
    }),
    textField({
      name: 'posterImageId',
      label: 'Affiche (numéro d’image dans la médiathèque)',
      value: values.posterImageId,
      errors,
      inputmode: 'numeric',
      maxLength: 10,
    }),
    extract,
    textareaField({
      name: 'captions',
      label: 'Sous-titres (WebVTT ou SRT)',
      value: values.captions,
      errors,
      rows: 10,
      hint: 'Collez le fichier ou choisissez-le ci-dessous.',
    }),
  ].join(
    '',
  )}<div class="field" data-timed-text-file="${fieldId('captions')}" hidden><label for="captions-fichier">Fichier de sous-titres (.vtt ou .srt)</label><input type="file" id="captions-fichier" accept=".vtt,.srt,text/vtt"></div><div class="button-row"><button type="submit" class="button">Enregistrer la vidéo</button></div></form>`;
}
