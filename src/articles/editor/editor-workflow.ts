/**
 * The workflow buttons of the editor: those the operations say apply to the article's state and
 * to this person (`abilitiesOf`). Each is its own small form posting to the workflow routes (a
 * form cannot sit inside the main one); with JavaScript the autosave island saves pending
 * changes before one is sent.
 */
import type { ArticleStatus } from '../../core/db/schema.ts';
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr, toParisIso } from '../../core/text/dates.ts';
import type { ArticleAbilities } from '../operations/article-for-edit.ts';

export interface WorkflowAction {
  /** Last path segment: /admin/articles/:id/<action>. */
  action: 'soumettre' | 'pret' | 'publier' | 'depublier' | 'brouillon' | 'supprimer';
  label: string;
  style: 'primary' | 'quiet' | 'danger';
  confirm?: string;
}

/** The actions offered, in the order a piece moves through the newsroom. */
export function workflowActions(may: ArticleAbilities, status: ArticleStatus): WorkflowAction[] {
  const actions: WorkflowAction[] = [];
  if (may.submit) actions.push({ action: 'soumettre', label: 'Soumettre à la rédaction', style: may.publish ? 'quiet' : 'primary' });
  if (may.markReady) actions.push({ action: 'pret', label: 'Marquer prêt', style: 'quiet' });
  if (may.publish)
    actions.push({
      action: 'publier',
      label: status === 'unpublished' ? 'Republier' : status === 'scheduled' ? 'Publier maintenant' : 'Publier',
      style: 'primary',
    });
  if (may.unpublish) actions.push({ action: 'depublier', label: 'Dépublier', style: 'danger', confirm: 'Retirer cet article du site ?' });
  if (may.returnToDraft) {
    const label =
      status === 'submitted' && !may.publish ? 'Retirer la soumission' : status === 'scheduled' ? 'Déprogrammer' : 'Repasser en brouillon';
    actions.push({ action: 'brouillon', label, style: 'quiet' });
  }
  if (may.delete)
    actions.push({ action: 'supprimer', label: 'Supprimer', style: 'danger', confirm: 'Supprimer définitivement cet article ?' });
  return actions;
}

/** "2026-12-01T09:30" in Paris time, the value format of datetime-local. */
export function parisLocalInput(date: Date): string {
  const parts = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

/** The workflow panel: one form per action; scheduling has its own date and time field. */
export function renderWorkflow(
  article: { id: number; status: ArticleStatus; may: ArticleAbilities; publishedAt?: string | null },
  csrfToken: string,
  now: Date = new Date(),
): string {
  const actions = workflowActions(article.may, article.status);
  if (actions.length === 0 && !article.may.schedule) return '';
  const base = `/admin/articles/${article.id}`;
  const csrf = html`<input type="hidden" name="_csrf" value="${csrfToken}">`;
  const buttons = actions
    .map((a) => {
      const cls = a.style === 'primary' ? 'button' : a.style === 'danger' ? 'button button--danger' : 'button button--quiet';
      return html`<form method="post" action="${base}/${a.action}" class="workflow__form" data-workflow-form!${a.confirm ? html` data-confirm="${a.confirm}"` : ''}>!${csrf}<button type="submit" class="${cls}">${a.label}</button></form>`;
    })
    .join('');
  // A scheduled piece: its time is said first, and the field starts at it (change it, or "Déprogrammer").
  const scheduledAt = article.status === 'scheduled' && article.publishedAt ? article.publishedAt : null;
  const when = scheduledAt
    ? html`<p class="workflow__scheduled" data-scheduled-at>Publication programmée le <time datetime="${toParisIso(scheduledAt)}"><strong>${formatDateTimeFr(scheduledAt)}</strong></time> (heure de Paris). Changez l’heure ci-dessous, ou « Déprogrammer » pour la remettre en brouillon.</p>`
    : '';
  const initial = scheduledAt ? new Date(scheduledAt) : new Date(now.getTime() + 3600_000);
  const schedule = article.may.schedule
    ? html`<form method="post" action="${base}/programmer" class="workflow__form workflow__schedule" data-workflow-form>!${csrf}<label for="programmer-le">${scheduledAt ? 'Nouvelle heure de publication (heure de Paris)' : 'Programmer pour le (heure de Paris)'}</label><span class="workflow__schedule-row"><input type="datetime-local" id="programmer-le" name="at" value="${parisLocalInput(initial)}" required><button type="submit" class="button button--quiet">${scheduledAt ? 'Reprogrammer' : 'Programmer'}</button></span></form>`
    : '';
  return html`<section class="workflow" aria-labelledby="workflow-titre"><h2 id="workflow-titre" class="workflow__title">Étapes</h2>!${when}<p class="workflow__hint">Enregistrez vos modifications avant de changer l’état de l’article.</p><div class="workflow__actions">!${buttons}</div>!${schedule}</section>`;
}
