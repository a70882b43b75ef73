import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../core/db/schema.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr, toParisIso } from '../core/text/dates.ts';
import { ROLE_LABELS } from '../accounts/policy.ts';
import { selectField } from '../accounts/select-field.ts';
import type { AuditAction } from './audit-log.ts';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, subjectHref, subjectLabel } from './audit-labels.ts';

type Row = Selectable<AuditLogTable>;

// A few details worth a sentence; the rest stays in the database.
function describeDetails(row: Row): string {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.details) as Record<string, unknown>;
  } catch {
    return '';
  }
  const role = (value: unknown) =>
    typeof value === 'string' && value in ROLE_LABELS ? ROLE_LABELS[value as keyof typeof ROLE_LABELS] : String(value);
  if (row.action === 'user.role') return `${String(details.name ?? '')} : ${role(details.from)} → ${role(details.to)}`;
  if (row.action === 'user.invite') return `${String(details.email ?? '')} (${role(details.role)})`;
  if (typeof details.headline === 'string') return details.headline;
  if (typeof details.name === 'string') return details.name;
  return '';
}

function pageHref(page: number, action: string | undefined): string {
  const params = new URLSearchParams();
  if (action) params.set('action', action);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/admin/journal${query ? `?${query}` : ''}`;
}

/** The journal: filter form, table of entries (who, what, subject, when), pagination. */
export function renderAuditPage(input: { rows: Row[]; page: number; pages: number; total: number; action?: AuditAction }): string {
  const { rows, page, pages, action } = input;
  const choices = [{ value: '', label: 'Toutes les actions' }, ...AUDIT_ACTIONS.map((a) => ({ value: a, label: AUDIT_ACTION_LABELS[a] }))];
  const body = rows
    .map((row) => {
      const href = subjectHref(row.subject_type, row.subject_id);
      const subject = subjectLabel(row.subject_type, row.subject_id);
      const label = AUDIT_ACTION_LABELS[row.action as AuditAction] ?? row.action;
      return html`<tr><td><time datetime="${toParisIso(row.created_at)}">${formatDateTimeFr(row.created_at)}</time></td><td>${row.actor_label}</td><td>${label}</td><td>!${
        href ? html`<a href="${href}">${subject}</a>` : html`${subject}`
      }</td><td>${describeDetails(row)}</td></tr>`;
    })
    .join('');
  const nav =
    pages > 1
      ? html`<nav class="pagination" aria-label="Pages du journal"><p>Page ${String(page)} sur ${String(pages)}</p><ul>!${page > 1 ? html`<li><a href="${pageHref(page - 1, action)}" rel="prev">Page précédente</a></li>` : ''}!${
          page < pages ? html`<li><a href="${pageHref(page + 1, action)}" rel="next">Page suivante</a></li>` : ''
        }</ul></nav>`
      : '';
  return html`<h1>Journal d’audit</h1><p>Publications, dépublications, suppressions, comptes et réglages : qui a fait quoi, et quand.</p><form method="get" action="/admin/journal" class="account-form account-form--inline audit-filter" role="search" aria-label="Filtrer le journal">!${selectField(
    {
      name: 'action',
      label: 'Action',
      choices,
      selected: action ?? '',
    },
  )}<button type="submit" class="button">Filtrer</button></form>!${
    rows.length
      ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Journal, défilable au clavier"><table class="admin-table audit-table"><caption class="visually-hidden">Entrées du journal, les plus récentes d’abord (${String(input.total)} au total)</caption><thead><tr><th scope="col">Date</th><th scope="col">Qui</th><th scope="col">Action</th><th scope="col">Sujet</th><th scope="col">Détail</th></tr></thead><tbody>!${body}</tbody></table></div>`
      : html`<p class="notice" role="status">Aucune entrée${action ? ' pour cette action' : ''}.</p>`
  }!${nav}`;
}
