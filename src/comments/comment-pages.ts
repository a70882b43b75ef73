import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { csrfHidden, formMessage, proofOfWorkField, readerField } from '../readers/reader-forms.ts';
import { REPORT_REASONS } from './comment-operations.ts';
import type { PublicComment } from './comment-repository.ts';
import { renderComment } from './comments-area.ts';
import { COMMENT_MAX, renderCommentText } from './comment-text.ts';
import { RULE_LABELS, type RuleHit } from './moderation-rules.ts';

export interface FormError {
  field: string;
  message: string;
}

function back(articlePath: string, headline: string): string {
  return html`<p class="reader-page__back"><a href="${articlePath}#commentaires">Retour à l’article «&#8239;${fr(headline)}&#8239;»</a></p>`;
}

/** The comment form (also fetched alone by the island to post in place). */
export function commentForm(o: {
  csrf: string;
  articleId: number;
  parentId?: number | null;
  value?: string;
  error?: FormError | null;
  readerName: string;
}): string {
  const parent = o.parentId ? html`<input type="hidden" name="parent" value="${String(o.parentId)}">` : '';
  const bodyError = o.error?.field === 'body' ? o.error.message : undefined;
  const formError = o.error && o.error.field !== 'body' ? o.error.message : undefined;
  return html`<form method="post" action="/commentaires/${String(o.articleId)}" class="reader-form comment-form" data-comment-form>!${formMessage('error', formError)}!${csrfHidden(o.csrf)}!${parent}!${readerField({ name: 'body', id: o.parentId ? `champ-reponse-${String(o.parentId)}` : 'champ-commentaire', label: o.parentId ? 'Votre réponse' : 'Votre commentaire', value: o.value, error: bodyError, multiline: true, rows: 6, maxLength: COMMENT_MAX, required: true, hint: `Publié sous le nom « ${o.readerName} ». Texte seul ; les adresses web deviennent des liens. ${COMMENT_MAX} caractères au plus.` })}!${proofOfWorkField()}<button class="button" type="submit">Publier</button></form>`;
}

export function writePage(o: {
  csrf: string;
  articleId: number;
  articlePath: string;
  headline: string;
  readerName: string;
  value?: string;
  error?: FormError | null;
  parent?: PublicComment | null;
}): string {
  const parent = o.parent
    ? html`<div class="comment-context"><p>En réponse à&nbsp;:</p>!${renderComment(o.parent, { canAct: false, reply: true })}</div>`
    : '';
  return html`<h1>${o.parent ? 'Répondre' : 'Écrire un commentaire'}</h1>!${back(o.articlePath, o.headline)}!${parent}!${commentForm({ csrf: o.csrf, articleId: o.articleId, parentId: o.parent?.id ?? null, value: o.value, error: o.error, readerName: o.readerName })}<p class="reader-page__note">Les commentaires sont soumis à nos règles de discussion&nbsp;: pas d’insultes, de propos haineux ni de publicité.</p>`;
}

export function editPage(o: {
  csrf: string;
  comment: PublicComment;
  articlePath: string;
  headline: string;
  value?: string;
  error?: FormError | null;
}): string {
  return html`<h1>Modifier mon commentaire</h1>!${back(o.articlePath, o.headline)}<form method="post" action="/commentaires/${String(o.comment.id)}/modifier" class="reader-form">!${formMessage('error', o.error && o.error.field !== 'body' ? o.error.message : undefined)}!${csrfHidden(o.csrf)}!${readerField({ name: 'body', label: 'Votre commentaire', value: o.value ?? o.comment.body, error: o.error?.field === 'body' ? o.error.message : undefined, multiline: true, rows: 6, maxLength: COMMENT_MAX, required: true, hint: 'Modifiable pendant 10 minutes après la publication ; il sera marqué « modifié ».' })}<button class="button" type="submit">Enregistrer</button></form>`;
}

export function confirmPage(o: {
  csrf: string;
  title: string;
  action: string;
  button: string;
  comment: PublicComment;
  articlePath: string;
  headline: string;
  error?: string;
}): string {
  return html`<h1>${o.title}</h1>!${back(o.articlePath, o.headline)}!${formMessage('error', o.error)}!${renderComment(o.comment, { canAct: false, reply: true })}<form method="post" action="${o.action}" class="reader-form">!${csrfHidden(o.csrf)}<button class="button" type="submit">${o.button}</button></form>`;
}

export function reportPage(o: {
  csrf: string;
  comment: PublicComment;
  articlePath: string;
  headline: string;
  error?: FormError | null;
  reason?: string;
  text?: string;
}): string {
  const options = Object.entries(REPORT_REASONS).map(
    ([value, label]) =>
      html`<div class="form-check"><input type="radio" id="motif-${value}" name="reason" value="${value}"!${o.reason === value ? ' checked' : ''} required><label for="motif-${value}">${label}</label></div>`,
  );
  const reasonError = o.error?.field === 'reason' ? html`<p class="form-field__error" id="motif-erreur">${o.error.message}</p>` : '';
  return html`<h1>Signaler un commentaire</h1>!${back(o.articlePath, o.headline)}!${renderComment(o.comment, { canAct: false, reply: true })}<form method="post" action="/commentaires/${String(o.comment.id)}/signaler" class="reader-form">!${formMessage('error', o.error && !['reason', 'text'].includes(o.error.field) ? o.error.message : undefined)}!${csrfHidden(o.csrf)}<fieldset!${o.error?.field === 'reason' ? ' aria-describedby="motif-erreur"' : ''}><legend>Motif</legend>!${reasonError}!${options.join('')}</fieldset>!${readerField({ name: 'text', label: 'Précisions (facultatives, obligatoires pour « Autre »)', value: o.text, error: o.error?.field === 'text' ? o.error.message : undefined, multiline: true, rows: 3, maxLength: 500 })}<button class="button" type="submit">Signaler</button></form>`;
}

const STATUS_LABELS: Record<string, string> = {
  visible: 'Publié',
  pending: 'En attente de modération',
  rejected: 'Refusé',
};

export interface MyComment {
  comment: PublicComment;
  articlePath: string;
  headline: string;
  decisionReason: string;
  contestedAt: string | null;
  editable: boolean;
  rules: RuleHit[];
}

/** The reader's own comments: status, the statement of reasons when refused, and what they may do. */
export function myCommentsPage(o: { csrf: string; items: MyComment[]; ok?: string | null; error?: string | null }): string {
  const items = o.items.map(({ comment: c, articlePath, headline, decisionReason, contestedAt, editable, rules }) => {
    const reason =
      c.status === 'rejected'
        ? html`<div class="statement"><p><strong>Motif de la décision&nbsp;:</strong> ${decisionReason ? fr(decisionReason) : 'contraire à nos règles de discussion.'}</p>!${
            contestedAt
              ? html`<p>Vous avez contesté cette décision le ${formatDateTimeFr(contestedAt)}&nbsp;; la modération la réexamine.</p>`
              : html`<form method="post" action="/commentaires/${String(c.id)}/contester" class="reader-form">!${csrfHidden(o.csrf)}!${readerField({ name: 'text', id: `contestation-${String(c.id)}`, label: 'Contester la décision (une seule fois)', multiline: true, rows: 3, maxLength: 1000, required: true })}<button class="button button--quiet" type="submit">Contester</button></form>`
          }</div>`
        : c.status === 'pending' && rules.length
          ? html`<p class="comment__meta">Relu avant publication&nbsp;: ${rules.map((r) => RULE_LABELS[r.rule]).join(', ')}.</p>`
          : '';
    const actions = html`<ul class="comment__actions" role="list">!${c.status === 'visible' ? html`<li><a href="/commentaire/${String(c.id)}">Voir</a></li>` : ''}!${editable ? html`<li><a href="/commentaires/${String(c.id)}/modifier">Modifier</a></li>` : ''}!${c.status !== 'rejected' ? html`<li><a href="/commentaires/${String(c.id)}/supprimer">Supprimer</a></li>` : ''}</ul>`;
    return html`<li class="my-comment" id="commentaire-${String(c.id)}"><p class="my-comment__meta"><span class="my-comment__status my-comment__status--${c.status}">${STATUS_LABELS[c.status] ?? c.status}</span> · <a href="${articlePath}">${fr(headline)}</a> · ${formatDateTimeFr(c.createdAt)}!${c.editedAt ? ' (modifié)' : ''}</p><div class="comment__body">!${renderCommentText(c.body)}</div>!${reason}!${actions}</li>`;
  });
  return html`<h1>Mes commentaires</h1>!${formMessage('ok', o.ok)}!${formMessage('error', o.error)}<p><a href="/lecteurs/profil">Mon compte</a></p>!${items.length ? html`<ol class="my-comments" role="list">!${items.join('')}</ol>` : html`<p>Vous n’avez pas encore commenté.</p>`}`;
}
