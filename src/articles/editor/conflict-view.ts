/**
 * The conflict screen: someone saved the article while you were editing it. Nothing of yours
 * was stored; both versions are shown side by side and you choose: keep yours (saved explicitly
 * on top of the current revision) or take theirs (reload). The full page serves the plain form
 * POST (409); the panel is what the autosave island shows in a dialog.
 */
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import type { ArticleInput } from '../operations/article-input.ts';
import { renderComparison } from './compare-view.ts';
import type { EditorChoices } from './editor-repository.ts';
import type { EditorValues } from './editor-values.ts';

export interface ConflictInput {
  articleId: number;
  currentRevision: number;
  editedBy: string | null;
  editedAt: string | null;
  theirs: ArticleInput;
  yours: ArticleInput;
  choices: EditorChoices;
}

function theirCaption(input: ConflictInput): string {
  const who = input.editedBy ?? 'quelqu’un d’autre';
  return input.editedAt ? `Enregistrée par ${who} le ${formatDateTimeFr(input.editedAt)}` : `Enregistrée par ${who}`;
}

/** What happened, in words that match the two choices offered (the operation's message says to reload). */
function explanation(input: ConflictInput): string {
  const who = input.editedBy ?? 'Quelqu’un d’autre';
  const when = input.editedAt ? ` le ${formatDateTimeFr(input.editedAt)}` : '';
  return `${who} a enregistré cet article${when} pendant que vous l’éditiez. Vos modifications n’ont pas été enregistrées : rien n’a été écrasé. Choisissez la version à garder.`;
}

function comparison(input: ConflictInput): string {
  return renderComparison(
    { label: `Leur version (version ${input.currentRevision})`, caption: theirCaption(input), input: input.theirs },
    { label: 'Votre version', caption: 'Non enregistrée', input: input.yours },
    input.choices,
  );
}

/** Your form values as hidden fields, to post them again over the current revision. */
function hiddenValues(values: EditorValues, revision: number, csrfToken: string): string {
  const single: Array<[string, string]> = [
    ['format', values.format],
    ['sectionId', values.sectionId],
    ['seriesId', values.seriesId],
    ['kicker', values.kicker],
    ['headline', values.headline],
    ['slug', values.slug],
    ['lead', values.lead],
    ['body', values.body],
    ['heroImageId', values.heroImageId],
    ['tags', values.tags],
    ['sourceOutlet', values.sourceOutlet],
    ['sourceUrl', values.sourceUrl],
    ['sourceHeadline', values.sourceHeadline],
    ['newCorrection', values.newCorrection],
    ['seoTitle', values.seoTitle],
    ['seoDescription', values.seoDescription],
    ['commentsSetting', values.commentsSetting],
  ];
  const authors = values.authorPersonIds
    .map(
      (id, i) =>
        html`<input type="hidden" name="authorPersonIds" value="${id}"><input type="hidden" name="authorPosition" value="${String(i + 1)}">`,
    )
    .join('');
  return (
    html`<input type="hidden" name="_csrf" value="${csrfToken}"><input type="hidden" name="revision" value="${String(revision)}">` +
    single.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`).join('') +
    authors
  );
}

/** The full conflict page (main area) for a refused form POST. */
export function renderConflictPage(input: ConflictInput, values: EditorValues, csrfToken: string): string {
  return html`<div class="conflict"><p class="editor__back"><a href="/admin/articles/${String(input.articleId)}">← Retour à l’article</a></p><h1>Conflit : l’article a changé pendant que vous l’éditiez</h1><div class="notice notice--error" role="alert"><p>${explanation(input)}</p></div>
<div class="conflict__choices"><form method="post" action="/admin/articles/${String(input.articleId)}" class="conflict__choice">!${hiddenValues(values, input.currentRevision, csrfToken)}<button type="submit" class="button">Garder ma version</button><p class="field__hint">Enregistre votre version par-dessus la version ${String(input.currentRevision)} ; la leur reste dans les révisions.</p></form>
<div class="conflict__choice"><a class="button button--quiet" href="/admin/articles/${String(input.articleId)}">Reprendre leur version</a><p class="field__hint">Recharge l’article tel qu’enregistré ; vos modifications seront perdues.</p></div></div>
<h2>Les deux versions</h2>!${comparison(input)}</div>`;
}

/** The comparison and the two choices for the autosave island's dialog (buttons it wires up). */
export function renderConflictPanel(input: ConflictInput): string {
  return html`<p>${explanation(input)}</p><div class="conflict__choices"><div class="conflict__choice"><button type="button" class="button" data-conflict-keep="${String(input.currentRevision)}">Garder ma version</button><p class="field__hint">Enregistre votre version par-dessus la version ${String(input.currentRevision)} ; la leur reste dans les révisions.</p></div><div class="conflict__choice"><button type="button" class="button button--quiet" data-conflict-theirs>Reprendre leur version</button><p class="field__hint">Recharge l’article tel qu’enregistré ; vos modifications seront perdues.</p></div></div><h3>Les deux versions</h3>!${comparison(input)}`;
}
