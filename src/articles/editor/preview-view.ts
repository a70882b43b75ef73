/** The preview screen: the article as it will be published, in a phone-wide or desktop-wide frame, and the private link. */
import { html } from '../../core/html/html.ts';
import type { ArticleForEdit } from '../operations/article-for-edit.ts';
import { STATUS_LABELS } from './editor-labels.ts';

export interface PreviewScreenInput {
  article: ArticleForEdit;
  csrfToken: string;
  /** The private link just made (shown once: only its hash is stored). */
  newLink?: string;
}

/**
 * Widths switch without JavaScript: two radio buttons and a :has() rule in the stylesheet set the
 * frame's width (375 px like a phone, 1280 px like a laptop).
 */
export function renderPreviewScreen(input: PreviewScreenInput): string {
  const { article } = input;
  const id = String(article.id);
  const link = input.newLink
    ? html`<div class="notice notice--ok" role="status"><p>Lien d’aperçu créé. Toute personne qui l’a peut lire l’article avant publication ; un nouveau lien désactive celui-ci.</p><label for="lien-apercu">Lien privé</label><input type="url" id="lien-apercu" value="${input.newLink}" readonly class="preview__link" data-select-on-focus></div>`
    : '';
  const linkForm = article.may.previewLink
    ? html`<section class="preview__share" aria-labelledby="lien-titre"><h2 id="lien-titre">Lien d’aperçu privé</h2><p class="field__hint">${article.hasPreviewLink || input.newLink ? 'Un lien existe déjà : en créer un nouveau désactive l’ancien.' : 'Pour faire relire l’article avant publication à quelqu’un sans compte.'}</p><div class="button-row"><form method="post" action="/admin/articles/${id}/apercu/lien"><input type="hidden" name="_csrf" value="${input.csrfToken}"><button type="submit" class="button button--quiet">Créer un lien d’aperçu privé</button></form>!${article.hasPreviewLink || input.newLink ? html`<form method="post" action="/admin/articles/${id}/apercu/lien/supprimer"><input type="hidden" name="_csrf" value="${input.csrfToken}"><button type="submit" class="button button--quiet">Désactiver le lien</button></form>` : ''}</div></section>`
    : '';
  return html`<div class="preview">
<p class="editor__back"><a href="/admin/articles/${id}">← Retour à l’article</a></p>
<h1>Aperçu <span class="badge badge--${article.status}">${STATUS_LABELS[article.status]}</span></h1>
!${link}
<fieldset class="preview__widths"><legend>Largeur</legend><label><input type="radio" name="largeur" value="375" id="largeur-telephone"> Téléphone (375 px)</label><label><input type="radio" name="largeur" value="1280" id="largeur-ordinateur" checked> Ordinateur (1280 px)</label><a href="/admin/articles/${id}/apercu/page" class="preview__open">Ouvrir l’aperçu seul</a></fieldset>
<div class="preview__stage" tabindex="0" role="region" aria-label="Aperçu, défilable au clavier"><iframe class="preview__frame" src="/admin/articles/${id}/apercu/page" title="Aperçu de l’article tel qu’il sera publié"></iframe></div>
!${linkForm}
</div>`;
}
