/** The revisions screens: the list of saved versions, and one version compared with the current one. */
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import type { ArticleForEdit } from '../operations/article-for-edit.ts';
import type { Revision, RevisionSummary } from '../operations/revisions.ts';
import { countDifferences, renderComparison } from './compare-view.ts';
import type { EditorChoices } from './editor-repository.ts';

function back(article: ArticleForEdit): string {
  return html`<p class="editor__back"><a href="/admin/articles/${String(article.id)}">← Retour à l’article</a></p>`;
}

/** Saved versions, newest first: number, date, who; each links to its comparison. */
export function renderRevisionList(article: ArticleForEdit, revisions: readonly RevisionSummary[]): string {
  const rows = revisions
    .map((r) => {
      const current = r.revision === article.revision;
      const link = current
        ? html`<span class="badge">version actuelle</span>`
        : html`<a href="/admin/articles/${String(article.id)}/revisions/${String(r.revision)}">Comparer avec la version actuelle<span class="visually-hidden"> (version ${String(r.revision)})</span></a>`;
      return html`<tr><td>${String(r.revision)}</td><td><time datetime="${r.createdAt}">${formatDateTimeFr(r.createdAt)}</time></td><td>${r.userName ?? 'Système'}</td><td>!${link}</td></tr>`;
    })
    .join('');
  const table = revisions.length
    ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Versions enregistrées, la plus récente en premier</caption><thead><tr><th scope="col">Version</th><th scope="col">Enregistrée le</th><th scope="col">Par</th><th scope="col">Comparer</th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Aucune version enregistrée.</p>`;
  return html`<div class="revisions">!${back(article)}<h1>Révisions de « ${article.input.headline} »</h1><p>Chaque enregistrement, automatique ou non, garde une version : qui, quand, et tout son contenu.</p>!${table}</div>`;
}

/** One old version beside the current one, with the restore button when the person may edit. */
export function renderRevisionCompare(article: ArticleForEdit, revision: Revision, choices: EditorChoices, csrfToken: string): string {
  const differences = countDifferences(revision.snapshot, article.input, choices);
  const restore =
    article.may.edit && revision.revision !== article.revision
      ? html`<form method="post" action="/admin/articles/${String(article.id)}/revisions/${String(revision.revision)}/restaurer" class="revisions__restore"><input type="hidden" name="_csrf" value="${csrfToken}"><button type="submit" class="button">Restaurer cette version</button><p class="field__hint">Crée une nouvelle version identique à la version ${String(revision.revision)} ; rien n’est effacé de l’historique, et les corrections publiées restent.</p></form>`
      : '';
  const summary =
    differences === 0
      ? 'Cette version est identique à la version actuelle.'
      : `${differences} champ${differences > 1 ? 's diffèrent' : ' diffère'} de la version actuelle.`;
  return html`<div class="revisions">!${back(article)}<p><a href="/admin/articles/${String(article.id)}/revisions">Toutes les révisions</a></p><h1>Version ${String(revision.revision)} et version actuelle</h1><p>${summary}</p>!${restore}!${renderComparison(
    {
      label: `Version ${revision.revision}`,
      caption: `${formatDateTimeFr(revision.createdAt)}, par ${revision.userName ?? 'Système'}`,
      input: revision.snapshot,
    },
    {
      label: `Version actuelle (${article.revision})`,
      caption: article.editedAt
        ? `${formatDateTimeFr(article.editedAt)}${article.editedBy ? `, par ${article.editedBy.name}` : ''}`
        : undefined,
      input: article.input,
    },
    choices,
  )}</div>`;
}
