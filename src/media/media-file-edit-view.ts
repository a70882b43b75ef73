import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import type { MediaUsage } from './image-usage.ts';
import { mediaFilePath } from './image-usage.ts';
import type { MediaFileRecord } from './media-file-repository.ts';
import { csrfField, errorSummary, field, formatBytes, formatDuration, usageList } from './media-form-fields.ts';
import type { FieldErrors } from './media-input.ts';

/** What the sound or video screen shows. */
export interface MediaFileEditView {
  media: MediaFileRecord;
  uses: MediaUsage[];
  csrfToken: string;
  canEdit: boolean;
  canDelete: boolean;
  values?: Record<string, string>;
  errors?: FieldErrors;
  message?: string;
  notice?: string;
}

/** The sound or video screen: a player, its facts and address (to embed it), title and credit, use, deletion. */
export function renderMediaFileEdit(view: MediaFileEditView): string {
  const { media } = view;
  const src = mediaFilePath(media.file_key);
  const values = view.values ?? { title: media.title, credit: media.credit };
  const errors = view.errors ?? {};
  const noun = media.kind === 'audio' ? 'son' : 'vidéo';
  const player =
    media.kind === 'audio'
      ? html`<audio class="media-player" controls preload="metadata" src="${src}"></audio>`
      : html`<video class="media-player" controls preload="metadata" src="${src}" aria-label="${media.title}"></video>`;
  return html`<p><a href="/admin/medias?type=${media.kind}">Retour à la médiathèque</a></p>
<h1>${media.title}</h1>
!${view.notice ? html`<div class="notice notice--ok" role="status"><p>${view.notice}</p></div>` : ''}!${errorSummary(view.message)}
<div class="media-edit">
<div class="media-edit__preview">
!${player}
<dl class="media-facts"><dt>Type</dt><dd>${media.kind === 'audio' ? 'Son' : 'Vidéo'} (${media.mime})</dd><dt>Durée</dt><dd>${formatDuration(media.duration_seconds)}</dd><dt>Poids</dt><dd>${formatBytes(media.bytes)}</dd><dt>Ajouté le</dt><dd>${formatDateTimeFr(media.created_at)}</dd><dt>Adresse</dt><dd><code class="media-address">${src}</code></dd></dl>
</div>
<div class="media-edit__form">
!${
    view.canEdit
      ? html`<form method="post" action="/admin/medias/fichiers/${String(media.id)}" class="media-form" novalidate>!${csrfField(view.csrfToken)}!${field({ idPrefix: 'fichier', name: 'title', label: 'Titre', required: true, maxLength: 300, value: values.title, error: errors.title })}!${field({ idPrefix: 'fichier', name: 'credit', label: 'Crédit', required: true, maxLength: 300, value: values.credit, error: errors.credit })}<div class="button-row"><button type="submit" class="button">Enregistrer</button></div></form>`
      : html`<dl class="media-facts"><dt>Crédit</dt><dd>${media.credit}</dd></dl>`
  }
</div>
</div>
<h2>Utilisation</h2>
!${view.uses.length ? html`<p>Ce ${noun} est intégré dans :</p>!${usageList(view.uses)}` : html`<p>Ce ${noun} n’est intégré nulle part.</p>`}
!${
    !view.canDelete
      ? ''
      : view.uses.length
        ? html`<h2>Suppression</h2><p>Un fichier intégré dans un contenu ne peut pas être supprimé : retirez-le d’abord.</p>`
        : html`<h2>Suppression</h2><details class="media-delete"><summary>Supprimer ce fichier…</summary><form method="post" action="/admin/medias/fichiers/${String(media.id)}/supprimer">!${csrfField(view.csrfToken)}<p>Le fichier sera effacé. C’est définitif.</p><button type="submit" class="button button--danger">Supprimer définitivement</button></form></details>`
  }`;
}
