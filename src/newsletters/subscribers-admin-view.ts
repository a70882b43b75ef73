import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { csrfInput, okNotice } from '../curation/curation-form-fields.ts';
import type { SubscriptionStatus } from '../core/db/schema.ts';
import { type NewsletterRow, SOFT_BOUNCE_LIMIT } from './newsletter-repository.ts';
import type { ImportReport } from './subscriber-import.ts';

export const STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Abonné',
  unsubscribed: 'Désabonné',
  bounced: 'Adresse en échec',
  complained: 'Signalé comme indésirable',
};

export interface SubscriberRow {
  readerId: number;
  email: string;
  /** The private name a source gave (a Ghost member's, an imported CSV's); empty when none. */
  fullName: string;
  newsletter: string;
  status: SubscriptionStatus;
  consentAt: string;
  source: string;
  softBounces: number;
}

function reportHtml(r: ImportReport): string {
  const invalid = r.invalid.length
    ? html`<details><summary>Adresses refusées (${String(r.invalidCount)})</summary><ul>!${r.invalid.map((i) => html`<li>Ligne ${String(i.line)} : « ${i.value} » — ${i.reason}</li>`)}</ul></details>`
    : '';
  const verb = r.dryRun ? 'seraient ajoutés' : 'ajoutés';
  return html`<div class="notice${r.dryRun ? '' : ' notice--ok'}" role="status"><h2 class="notice__title">${r.dryRun ? 'Essai à blanc : rien n’a été enregistré' : 'Import terminé'}</h2><p>Format reconnu : ${r.format}. ${String(r.rows)} lignes lues ; ${String(r.added)} abonnés ${verb} ; ${String(r.alreadySubscribed)} déjà abonnés ; ${String(r.duplicates)} doublons ; ${String(r.unsubscribedAtSource)} désabonnés à la source ; ${String(r.unsubscribedHere)} désabonnés ici, laissés désabonnés ; ${String(r.suppressed)} adresses effacées, jamais réabonnées ; ${String(r.invalidCount)} adresses invalides.</p>!${invalid}</div>`;
}

/** /admin/newsletters/abonnes: search, filters, list, import and export. */
export function renderSubscribers(o: {
  newsletters: NewsletterRow[];
  rows: SubscriberRow[];
  query: { q: string; newsletter: number | null; status: string; page: number };
  more: boolean;
  csrf: string;
  notice: string | null;
  report: ImportReport | null;
  importError: string | null;
}): string {
  const options = (selected: number | null, empty: string) =>
    html`<option value="">${empty}</option>!${o.newsletters.map((n) => html`<option value="${String(n.id)}"${selected === n.id ? ' selected' : ''}>${n.name}</option>`)}`;
  const statusOptions = html`<option value="">Tous les états</option>!${Object.entries(STATUS_LABELS).map(([v, l]) => html`<option value="${v}"${o.query.status === v ? ' selected' : ''}>${l}</option>`)}`;
  const filters = html`<form method="get" action="/admin/newsletters/abonnes" class="filters" role="search"><div class="field"><label for="abonnes-q">Adresse ou nom</label><input type="search" id="abonnes-q" name="q" value="${o.query.q}" maxlength="200"></div><div class="field"><label for="abonnes-nl">Newsletter</label><select id="abonnes-nl" name="newsletter">!${options(o.query.newsletter, 'Toutes les newsletters')}</select></div><div class="field"><label for="abonnes-etat">État</label><select id="abonnes-etat" name="statut">!${statusOptions}</select></div><button type="submit" class="button button--quiet">Filtrer</button></form>`;
  const rows = o.rows.map(
    (r) =>
      html`<tr><td>${r.email}</td><td>${r.fullName}</td><td>${r.newsletter}</td><td>${STATUS_LABELS[r.status]}</td><td>${String(r.softBounces)}</td><td>${formatDateTimeFr(r.consentAt)}</td><td>${r.source}</td><td><form method="post" action="/admin/newsletters/abonnes/${String(r.readerId)}/supprimer">!${csrfInput(o.csrf)}<button type="submit" class="button button--quiet button--danger">Effacer<span class="visually-hidden"> ${r.email}</span></button></form></td></tr>`,
  );
  const exportQuery = new URLSearchParams({
    q: o.query.q,
    newsletter: o.query.newsletter ? String(o.query.newsletter) : '',
    statut: o.query.status,
  }).toString();
  const next = o.more
    ? html`<p><a href="/admin/newsletters/abonnes?${new URLSearchParams({ q: o.query.q, newsletter: o.query.newsletter ? String(o.query.newsletter) : '', statut: o.query.status, page: String(o.query.page + 1) }).toString()}">Page suivante</a></p>`
    : '';
  const importForm = html`<section aria-labelledby="import-titre"><h2 id="import-titre">Importer un fichier CSV</h2><p class="field__hint">Exports de Mailchimp, Listmonk ou Ghost (UTF-8, 20 Mo et 200 000 lignes au plus). La date de consentement du fichier est conservée ; les adresses effacées ne sont jamais réabonnées.</p>!${o.importError ? html`<p class="notice notice--error" role="alert">${o.importError}</p>` : ''}<form method="post" action="/admin/newsletters/abonnes/import?_csrf=${o.csrf}" enctype="multipart/form-data" class="admin-form"><div class="field"><label for="import-nl">Newsletter</label><select id="import-nl" name="newsletterId" required>!${o.newsletters.map((n) => html`<option value="${String(n.id)}">${n.name}</option>`)}</select></div><div class="field"><label for="import-fichier">Fichier CSV</label><input type="file" id="import-fichier" name="file" accept=".csv,text/csv" required></div><div class="button-row"><button type="submit" name="mode" value="essai" class="button button--quiet">Essai à blanc</button><button type="submit" name="mode" value="import" class="button">Importer</button></div></form></section>`;
  return html`<div class="page-header"><h1>Abonnés</h1><a class="button button--quiet" href="/admin/newsletters/abonnes/export.csv?${exportQuery}">Exporter en CSV</a></div>!${okNotice(o.notice)}!${o.report ? reportHtml(o.report) : ''}!${filters}!${
    o.rows.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Abonnements</caption><thead><tr><th scope="col">Adresse</th><th scope="col">Nom</th><th scope="col">Newsletter</th><th scope="col">État</th><th scope="col"><abbr title="Rebonds temporaires comptés (au ${String(SOFT_BOUNCE_LIMIT)}e, l’adresse est traitée comme en échec)">Rebonds</abbr></th><th scope="col">Consentement</th><th scope="col">Source</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucun abonné ne correspond.</p>`
  }!${next}!${importForm}`;
}
