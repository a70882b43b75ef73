import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import { MODERATION_LIST_LABELS, MODERATION_LIST_NAMES, type ModerationListName } from '../../readers/moderation-lists.ts';
import { REPORT_REASONS } from '../comment-operations.ts';
import { renderCommentText } from '../comment-text.ts';
import { RULE_LABELS, type RuleHit } from '../moderation-rules.ts';

export const QUEUES = { 'a-moderer': 'À modérer', signales: 'Signalés', refuses: 'Refusés', tous: 'Tous' } as const;
export type Queue = keyof typeof QUEUES;

export interface DeskItem {
  id: number;
  articleId: number;
  headline: string;
  articlePath: string;
  body: string;
  status: string;
  createdAt: string;
  featured: boolean;
  spamScore: number | null;
  rules: RuleHit[];
  decisionReason: string;
  contestText: string;
  contestedAt: string | null;
  parent: { author: string; body: string } | null;
  reports: { reason: string; text: string }[];
  reader: { id: number; name: string; status: string; visible: number; refused: number } | null;
}

const STATUS: Record<string, string> = { visible: 'Publié', pending: 'En attente', rejected: 'Refusé', removed: 'Supprimé par l’auteur' };

function item(i: DeskItem, csrf: string): string {
  const rules = i.rules.length
    ? html`<p class="desk-item__rules"><strong>Règles&nbsp;:</strong> ${i.rules.map((r) => `${RULE_LABELS[r.rule] ?? r.rule} (${r.detail})`).join(' ; ')}</p>`
    : '';
  const reports = i.reports.length
    ? html`<ul class="desk-item__reports">!${i.reports.map((r) => html`<li>${REPORT_REASONS[r.reason as keyof typeof REPORT_REASONS] ?? r.reason}!${r.text ? html`&nbsp;: ${r.text}` : ''}</li>`)}</ul>`
    : '';
  const parent = i.parent
    ? html`<blockquote class="desk-item__context"><p>En réponse à ${i.parent.author}&nbsp;:</p>!${renderCommentText(i.parent.body)}</blockquote>`
    : '';
  const contest = i.contestedAt
    ? html`<p class="desk-item__contest"><strong>Contestation du lecteur&nbsp;:</strong> ${i.contestText}</p>`
    : '';
  const decision = i.decisionReason ? html`<p><strong>Motif donné&nbsp;:</strong> ${i.decisionReason}</p>` : '';
  const reader = i.reader
    ? html`<details class="desk-item__reader"><summary>${i.reader.name} — ${String(i.reader.visible)} publié(s), ${String(i.reader.refused)} refusé(s)!${i.reader.status !== 'active' ? ` (${i.reader.status === 'banned' ? 'exclu' : 'suspendu'})` : ''}</summary><form method="post" action="/admin/commentaires/lecteurs/${String(i.reader.id)}" class="desk-sanction"><input type="hidden" name="_csrf" value="${csrf}"><label for="message-${String(i.id)}">Message au lecteur</label><input id="message-${String(i.id)}" name="message" maxlength="1000"><label for="jusquau-${String(i.id)}">Suspendu jusqu’au</label><input id="jusquau-${String(i.id)}" name="until" type="date"><div class="button-row"><button class="button button--quiet" name="sanction" value="warn">Avertir</button><button class="button button--quiet" name="sanction" value="suspend">Suspendre</button><button class="button button--quiet" name="sanction" value="ban">Exclure</button><button class="button button--quiet" name="sanction" value="reinstate">Réintégrer</button></div></form></details>`
    : html`<p>Compte supprimé</p>`;
  return html`<li class="desk-item" data-desk-item="${String(i.id)}" tabindex="-1"><div class="desk-item__check"><input type="checkbox" name="ids" value="${String(i.id)}" id="choix-${String(i.id)}" form="desk-bulk"><label for="choix-${String(i.id)}">Choisir le commentaire ${String(i.id)}</label></div><p class="desk-item__meta"><span class="desk-item__status">${STATUS[i.status] ?? i.status}</span>!${i.featured ? ' · sélection de la rédaction' : ''} · <a href="${i.articlePath}">${i.headline}</a> · ${formatDateTimeFr(i.createdAt)}!${i.spamScore !== null ? ` · spam ${i.spamScore.toFixed(2)}` : ''} · <a href="/admin/commentaires?file=tous&amp;article=${String(i.articleId)}">fil de l’article</a></p>!${parent}<div class="desk-item__body">!${renderCommentText(i.body)}</div>!${rules}!${reports}!${contest}!${decision}<div class="desk-item__actions"><form method="post" action="/admin/commentaires/decision" class="desk-item__form"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="ids" value="${String(i.id)}"><button class="button" name="action" value="approve" data-key="a">Approuver</button><button class="button button--quiet" name="action" value="!${i.featured ? 'unfeature' : 'feature'}" data-key="f">!${i.featured ? 'Retirer de la sélection' : 'Mettre en avant'}</button></form><form method="post" action="/admin/commentaires/decision" class="desk-item__form"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="ids" value="${String(i.id)}"><input type="hidden" name="action" value="refuse"><label for="motif-${String(i.id)}">Motif du refus (montré au lecteur)</label><input id="motif-${String(i.id)}" name="reason" maxlength="1000" data-reason required><button class="button button--quiet">Refuser</button></form></div>!${reader}</li>`;
}

export function renderDesk(o: {
  csrf: string;
  queue: Queue;
  articleId: number | null;
  items: DeskItem[];
  counts: Record<Queue, number>;
  alerts: { articleId: number; headline: string; reason: string; since: string }[];
  notice: string | null;
  error: string | null;
}): string {
  const tabs = html`<nav aria-label="Files de modération"><ul class="desk-tabs">!${(Object.keys(QUEUES) as Queue[]).map(
    (q) =>
      html`<li><a href="/admin/commentaires?file=${q}!${o.articleId ? `&article=${o.articleId}` : ''}"!${q === o.queue ? ' aria-current="page"' : ''}>${QUEUES[q]} (${String(o.counts[q])})</a></li>`,
  )}</ul></nav>`;
  const alerts = o.alerts.length
    ? html`<section class="desk-alerts" aria-labelledby="alertes"><h2 id="alertes">Pré-modération automatique</h2><ul>!${o.alerts.map(
        (a) =>
          html`<li><a href="/admin/commentaires?file=a-moderer&amp;article=${String(a.articleId)}">${a.headline}</a>&nbsp;: ${a.reason} (depuis le ${formatDateTimeFr(a.since)}) <form method="post" action="/admin/commentaires/articles/${String(a.articleId)}/retablir" class="inline-form"><input type="hidden" name="_csrf" value="${o.csrf}"><button class="button button--quiet">Rétablir le mode habituel</button></form></li>`,
      )}</ul></section>`
    : '';
  const bulk = html`<form method="post" action="/admin/commentaires/decision" id="desk-bulk" class="desk-bulk"><input type="hidden" name="_csrf" value="${o.csrf}"><label for="bulk-action">Pour les commentaires cochés</label><select id="bulk-action" name="action"><option value="approve">Approuver</option><option value="refuse">Refuser</option><option value="feature">Mettre en avant</option><option value="unfeature">Retirer de la sélection</option></select><label for="bulk-reason">Motif (pour un refus)</label><input id="bulk-reason" name="reason" maxlength="1000"><button class="button">Appliquer</button></form>`;
  const notice = o.notice ? html`<p class="notice notice--ok" role="status">${o.notice}</p>` : '';
  const error = o.error ? html`<p class="notice notice--error" role="alert">${o.error}</p>` : '';
  return html`<h1>Modération des commentaires</h1>!${notice}!${error}<p class="desk-help">Raccourcis&nbsp;: <kbd>j</kbd>/<kbd>k</kbd> commentaire suivant ou précédent, <kbd>a</kbd> approuver, <kbd>r</kbd> refuser (saisir le motif), <kbd>f</kbd> mettre en avant. <a href="/admin/commentaires/listes">Listes de mots</a> · <a href="/admin/reglages">Modes et message de suspension</a> · <a href="/admin/commentaires/reglages">Seuils et classificateur externe</a></p>!${alerts}!${tabs}!${bulk}!${o.items.length ? html`<ol class="desk-list" data-desk>!${o.items.map((i) => item(i, o.csrf))}</ol>` : html`<p>Rien dans cette file.</p>`}`;
}

export function renderListsPage(o: {
  csrf: string;
  lists: Record<ModerationListName, string[]>;
  notice: string | null;
  error: string | null;
}): string {
  return html`<h1>Listes de modération</h1>!${o.notice ? html`<p class="notice notice--ok" role="status">${o.notice}</p>` : ''}!${o.error ? html`<p class="notice notice--error" role="alert">${o.error}</p>` : ''}<p>Une entrée par ligne. La recherche ignore les accents, les majuscules, les chiffres déguisés en lettres (l33t) et les points ou tirets glissés entre les lettres.</p><form method="post" action="/admin/commentaires/listes" class="admin-form"><input type="hidden" name="_csrf" value="${o.csrf}">!${MODERATION_LIST_NAMES.map(
    (name) =>
      html`<div class="field"><label for="liste-${name}">${MODERATION_LIST_LABELS[name]}</label><textarea id="liste-${name}" name="${name}" rows="10">${o.lists[name].join('\n')}</textarea></div>`,
  )}<div class="button-row"><button class="button">Enregistrer les listes</button></div></form>`;
}
