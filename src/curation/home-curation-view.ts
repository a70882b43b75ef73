import { html } from '../core/html/html.ts';
import { renderArticlePicker, renderOrderedArticle } from './article-choice-view.ts';
import type { ArticleChoice } from './article-search.ts';
import { csrfInput, errorSummary, okNotice } from './curation-form-fields.ts';
import type { FieldErrors } from './curation-validation.ts';
import { HOME_SLOT_COUNT } from './home-curation-operations.ts';

export interface HomeCurationView {
  slots: ArticleChoice[];
  query: string;
  results: ArticleChoice[] | null;
  errors?: FieldErrors;
  notice?: string | null;
}

/** What a place of the front page is called: the first is the lead story. */
export function slotRole(index: number): string {
  return index === 0 ? 'Article principal' : `À la une n° ${index + 1}`;
}

/** /admin/une: the places of the front page in order, reorderable, and a search to add articles; every change is saved at once. */
export function renderHomeCuration(view: HomeCurationView, csrfToken: string): string {
  const count = view.slots.length;
  const list = count
    ? html`<ol class="reorder" data-reorder data-reorder-roles="une" data-reorder-live aria-labelledby="une-places">!${view.slots.map((a, i) => renderOrderedArticle(a, i, count, { role: slotRole(i), removeLabel: 'Retirer de la une' }))}</ol>`
    : html`<p class="notice">Aucun article choisi : le site montre automatiquement les derniers articles publiés.</p>`;
  const full =
    count >= HOME_SLOT_COUNT ? `La une compte déjà ${HOME_SLOT_COUNT} articles : retirez-en un pour en ajouter un autre.` : undefined;
  return html`<h1>La une</h1>!${okNotice(view.notice ?? null)}!${errorSummary(view.errors, { articleIds: 'Articles à la une' })}<p class="lead-text">Le premier article est l’article principal de la page d’accueil ; les suivants sont les articles à la une, dans cet ordre. Une place laissée vide, ou dont l’article n’est plus en ligne, est remplie automatiquement par les derniers articles publiés.</p><form method="post" action="/admin/une" id="une-form" class="reorder-form">!${csrfInput(csrfToken)}<input type="hidden" name="q" value="${view.query}"><h2 id="une-places">Places de la une (${count} sur ${HOME_SLOT_COUNT})</h2><p class="notice" id="une-aide"><strong>Chaque changement est mis en ligne aussitôt</strong> : un article ajouté, retiré ou déplacé (glisser-déposer, boutons « Monter » et « Descendre », ou Alt + flèche haut/bas sur un article) est enregistré tout de suite, sans autre bouton.</p>!${list}<p class="reorder__status" data-reorder-status aria-live="polite"></p><div class="button-row"><a href="/" class="button button--quiet">Voir la page d’accueil</a></div></form>!${renderArticlePicker(
    {
      action: '/admin/une',
      query: view.query,
      results: view.results,
      formId: 'une-form',
      addLabel: 'Ajouter à la une',
      headingId: 'une-ajout',
      heading: 'Ajouter un article',
      full,
    },
  )}`;
}
