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
import { formatBytes } from '../media/media-limits.ts';
import type { MediaFileRecord } from '../media/media-file-repository.ts';
import { EPISODE_TYPES, type EpisodeValues } from './episode-operations.ts';

const LABELS = {
  showId: 'Podcast',
  audioFileId: 'Son',
  season: 'Saison',
  episodeNumber: 'Numéro',
  episodeType: 'Type',
  chapters: 'Chapitres',
  transcript: 'Transcription',
  format: 'Format',
  _form: 'Épisode',
};

export interface EpisodeFormView {
  articleId: number;
  headline: string;
  values: EpisodeValues;
  errors?: FieldErrors;
  notice: string | null;
  csrfToken: string;
  shows: { id: number; title: string }[];
  sounds: MediaFileRecord[];
}

/** /admin/articles/:id/episode: the podcast fields of an article of format podcast. */
export function renderEpisodeForm(view: EpisodeFormView): string {
  const { values, errors } = view;
  const shows = [{ value: '', label: '— Choisir —' }, ...view.shows.map((s) => ({ value: String(s.id), label: s.title }))];
  const sounds = [
    { value: '', label: '— Choisir —' },
    ...view.sounds.map((m) => ({
      value: String(m.id),
      label: `n° ${m.id} — ${m.title} (${formatDuration(m.duration_seconds)}, ${formatBytes(m.bytes)}, ${m.mime})`,
    })),
  ];
  const noShow = view.shows.length
    ? ''
    : html`<p class="notice">Aucun podcast pour le moment : <a href="/admin/podcasts/nouveau">créez d’abord le podcast</a>.</p>`;
  const transcriptId = fieldId('transcript');
  return html`<p><a href="/admin/articles/${view.articleId}">← Retour à l’article</a></p><h1>Épisode : ${view.headline}</h1>!${okNotice(view.notice)}!${errorSummary(errors, LABELS)}!${noShow}<form method="post" action="/admin/articles/${view.articleId}/episode" class="curation-form" novalidate>!${csrfInput(view.csrfToken)}!${[
    selectField({ name: 'showId', label: 'Podcast', value: values.showId, options: shows, errors, required: true }),
    selectField({
      name: 'audioFileId',
      label: 'Son de l’épisode',
      value: values.audioFileId,
      options: sounds,
      errors,
      required: true,
      hint: 'Durée, poids et type sont lus dans le fichier lors de son ajout à la médiathèque.',
    }),
    textField({ name: 'season', label: 'Saison', value: values.season, errors, inputmode: 'numeric', maxLength: 5 }),
    textField({
      name: 'episodeNumber',
      label: 'Numéro de l’épisode',
      value: values.episodeNumber,
      errors,
      inputmode: 'numeric',
      maxLength: 5,
    }),
    radioField({ name: 'episodeType', label: 'Type', value: values.episodeType, options: EPISODE_TYPES, errors }),
    textareaField({
      name: 'chapters',
      label: 'Chapitres',
      value: values.chapters,
      errors,
      rows: 6,
      hint: 'Un par ligne, dans l’ordre : « 0:00 Introduction », « 12:10 Le débat ».',
    }),
    textareaField({
      name: 'transcript',
      label: 'Transcription (WebVTT ou SRT)',
      value: values.transcript,
      errors,
      rows: 10,
      hint: 'Collez le fichier ou choisissez-le ci-dessous ; elle est publiée sous l’épisode et dans le flux.',
    }),
  ].join(
    '',
  )}<div class="field" data-timed-text-file="${transcriptId}" hidden><label for="transcript-fichier">Fichier de transcription (.vtt ou .srt)</label><input type="file" id="transcript-fichier" accept=".vtt,.srt,text/vtt"></div><div class="button-row"><button type="submit" class="button">Enregistrer l’épisode</button></div></form>`;
}
