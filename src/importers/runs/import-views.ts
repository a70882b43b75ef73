import { csrfField, notice } from '../../accounts/account-page.ts';
import { selectField } from '../../accounts/select-field.ts';
import type { ImportRunStatus } from '../../core/db/schema.ts';
import { html } from '../../core/html/html.ts';
import { formatDateTimeFr } from '../../core/text/dates.ts';
import type { NewsletterRow } from '../../newsletters/newsletter-repository.ts';
import { NEWSLETTER_FIELD } from './import-run-operations.ts';
import { type ImportRunRow, type RunSummary, readSummary } from './import-run-repository.ts';

// ghtml escapes every ${…}: markup made by another html call goes in with !${…}.

const STATUS_LABELS: Record<ImportRunStatus, string> = {
  checking: 'Vérification en cours',
  checked: 'Vérifié : à lancer',
  importing: 'Import en cours',
  done: 'Terminé',
  failed: 'Échec',
  cancelled: 'Annulé',
};

const FORMAT_LABELS: Record<ImportRunRow['format'], string> = { wordpress: 'WordPress', ghost: 'Ghost' };

const COUNT_LABELS: [keyof RunSummary['counts'], string, string][] = [
  ['created', 'créés', 'à créer'],
  ['updated', 'mis à jour', 'à mettre à jour'],
  ['unchanged', 'inchangés', 'inchangés'],
  ['failed', 'en échec', 'en échec'],
  ['sectionsCreated', 'rubriques créées', 'rubriques à créer'],
  ['peopleCreated', 'auteurs créés', 'auteurs à créer'],
  ['imagesStored', 'images enregistrées', 'images trouvées'],
  ['imagesMissing', 'images manquantes', 'images manquantes'],
  ['comments', 'commentaires conservés', 'commentaires'],
  ['redirects', 'anciennes adresses redirigées', 'anciennes adresses'],
];

// Shown when the export has members (Ghost).
const SUBSCRIBER_LABELS: [keyof RunSummary['counts'], string, string][] = [
  ['subscribersAdded', 'abonnés ajoutés aux newsletters', 'abonnés à ajouter aux newsletters'],
  ['subscribersAlready', 'déjà abonnés', 'déjà abonnés'],
  ['subscribersSuppressed', 'adresses effacées, jamais réabonnées', 'adresses effacées, jamais réabonnées'],
  ['subscribersLeft', 'désabonnés ou en erreur, laissés de côté', 'désabonnés ou en erreur, laissés de côté'],
  ['subscribersInvalid', 'adresses d’abonnés invalides', 'adresses d’abonnés invalides'],
  ['subscribersUnmapped', 'abonnés laissés sans newsletter', 'abonnés laissés sans newsletter'],
];

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('fr-FR')} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

/** What the upload form shows again after an error. */
export interface ImportFormState {
  fetchImages: boolean;
  siteUrl: string;
  errors: Partial<Record<'file' | 'siteUrl', string>>;
}

export const EMPTY_IMPORT_FORM: ImportFormState = { fetchImages: false, siteUrl: '', errors: {} };

function fieldError(id: string, message: string | undefined): string {
  return message ? html`<span class="field__error" id="${id}">${message}</span>` : '';
}

/** /admin/import: the upload form and the latest imports. */
export function renderImportHome(options: { runs: ImportRunRow[]; form: ImportFormState; csrfToken: string; maxBytes: number }): string {
  const { form } = options;
  const e = form.errors;
  const rows = options.runs
    .map(
      (run) =>
        html`<tr><th scope="row"><a href="/admin/import/${String(run.id)}">${run.file_name}</a></th><td>${FORMAT_LABELS[run.format]}</td><td>${formatDateTimeFr(run.created_at)}</td><td>${STATUS_LABELS[run.status]}</td></tr>`,
    )
    .join('');
  const list = options.runs.length
    ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Derniers imports</caption><thead><tr><th scope="col">Fichier</th><th scope="col">Origine</th><th scope="col">Envoyé le</th><th scope="col">État</th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Aucun import pour l’instant.</p>`;
  const fileDescribed = ['import-fichier-aide', e.file ? 'import-fichier-erreur' : ''].filter(Boolean).join(' ');
  const siteDescribed = ['import-site-aide', e.siteUrl ? 'import-site-erreur' : ''].filter(Boolean).join(' ');
  const summary = Object.keys(e).length ? notice('error', 'Le fichier n’a pas été pris : corrigez les champs signalés.') : '';
  return html`<h1>Importer un site</h1><p class="token-intro">Apportez les archives d’un site WordPress ou Ghost : articles, pages, auteurs et leur biographie, rubriques, étiquettes, images, et les anciennes adresses, qui redirigeront vers les nouvelles. Le fichier est d’abord vérifié sans rien enregistrer ; vous lisez le bilan, puis lancez l’import. Relancer le même fichier met à jour sans rien dupliquer.</p><section aria-labelledby="titre-envoyer" class="token-create"><h2 id="titre-envoyer">Envoyer une exportation</h2>!${summary}<form method="post" action="/admin/import?_csrf=${options.csrfToken}" enctype="multipart/form-data" novalidate class="import-form"><div class="field"><label for="import-fichier">Fichier d’exportation</label><span class="field__hint" id="import-fichier-aide">WordPress : Outils › Exporter (fichier .xml). Ghost : Réglages › Labs › Export (fichier .json). Au plus ${megabytes(options.maxBytes)}.</span>!${fieldError('import-fichier-erreur', e.file)}<input type="file" id="import-fichier" name="file" accept=".xml,.json,application/xml,text/xml,application/json" required aria-describedby="${fileDescribed}"!${e.file ? ' aria-invalid="true"' : ''}></div><div class="field"><label for="import-site">Adresse de l’ancien site (Ghost, facultatif)</label><span class="field__hint" id="import-site-aide">Pour récupérer les images d’une exportation Ghost, qui ne donne pas son adresse. WordPress la donne lui-même.</span>!${fieldError('import-site-erreur', e.siteUrl)}<input type="url" id="import-site" name="siteUrl" value="${form.siteUrl}" aria-describedby="${siteDescribed}"!${e.siteUrl ? ' aria-invalid="true"' : ''}></div><div class="field field--checkbox">!${form.fetchImages ? html`<input type="checkbox" id="import-images" name="fetchImages" value="1" checked>` : html`<input type="checkbox" id="import-images" name="fetchImages" value="1">`} <label for="import-images">Récupérer les images sur l’ancien site (il doit être encore en ligne)</label></div><div class="button-row"><button type="submit" class="button">Envoyer et vérifier</button></div></form></section><section aria-labelledby="titre-imports"><h2 id="titre-imports">Derniers imports</h2>!${list}</section>`;
}

function countsTable(summary: RunSummary, caption: string, dryRun: boolean): string {
  const members = SUBSCRIBER_LABELS.some(([key]) => summary.counts[key] > 0) ? SUBSCRIBER_LABELS : [];
  const rows = [...COUNT_LABELS, ...members]
    .map(
      ([key, done, would]) =>
        html`<tr><th scope="row">${dryRun ? would : done}</th><td>${summary.counts[key].toLocaleString('fr-FR')}</td></tr>`,
    )
    .join('');
  const skipped = summary.skipped
    ? html`<tr><th scope="row">ignorés (corbeille, brouillons automatiques)</th><td>${summary.skipped.toLocaleString('fr-FR')}</td></tr>`
    : '';
  return html`<table class="admin-table import-counts"><caption>${caption}</caption><tbody>!${rows}!${skipped}</tbody></table>`;
}

function problemsList(summary: RunSummary): string {
  if (!summary.noted.length) return html`<p>Aucun problème relevé.</p>`;
  const items = summary.noted
    .map((item) => {
      const notes = [
        ...(item.error ? [html`<li><strong>Échec :</strong> ${item.error}</li>`] : []),
        ...(item.dropped.length ? [html`<li>Abandonné : ${item.dropped.join(', ')}</li>`] : []),
        ...item.warnings.map((w) => html`<li>${w}</li>`),
      ].join('');
      const title = item.url ? html`<a href="${item.url}">${item.title}</a>` : html`${item.title}`;
      return html`<li><span class="import-problem__title">!${title}</span> <span class="field__hint">(${item.kind === 'page' ? 'page' : 'article'})</span><ul>!${notes}</ul></li>`;
    })
    .join('');
  const more = summary.moreNoted ? html`<p>Et ${summary.moreNoted.toLocaleString('fr-FR')} autres articles avec des remarques.</p>` : '';
  return html`<ul class="import-problems">!${items}</ul>!${more}`;
}

/** The start form sent back with its errors (422): the choices as sent, and what is wrong, by field name. */
export interface MappingForm {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

/**
 * In the start form, one select per Ghost newsletter with subscribers: an active Kiosque
 * newsletter, a new one of the same name, or none; the check's proposal is selected.
 */
function newsletterMapping(summary: RunSummary, newsletters: NewsletterRow[], mapping: MappingForm | undefined): string {
  if (!summary.newsletters.length) return '';
  const selects = summary.newsletters
    .map((source, index) => {
      const name = `${NEWSLETTER_FIELD}${source.id}`;
      const sent = mapping?.values[name];
      const subscribers = `${source.subscribers.toLocaleString('fr-FR')} abonné${source.subscribers > 1 ? 's' : ''}`;
      return selectField({
        id: `import-lettre-${index}`,
        name,
        label: `« ${source.name} » (${subscribers}${source.archived ? ', archivée sur Ghost' : ''})`,
        choices: [
          ...newsletters.map((n) => ({ value: String(n.id), label: `Vers « ${n.name} »` })),
          { value: 'create', label: `Créer la newsletter « ${source.name} »` },
          { value: 'skip', label: 'Ne pas importer ces abonnés' },
        ],
        selected: typeof sent === 'string' ? sent : String(source.target),
        error: mapping?.errors[name],
      });
    })
    .join('');
  // A group, not a fieldset: a fieldset is as wide as its longest option, past a phone's width.
  return html`<div role="group" aria-labelledby="titre-lettres" class="import-newsletters"><h3 id="titre-lettres">Abonnés des newsletters Ghost</h3><p class="field__hint">Choisissez la newsletter de Kiosque qui reçoit les abonnés de chaque newsletter Ghost. Le bilan ci-dessus compte selon la proposition ; l’import suivra votre choix.</p>!${selects}</div>`;
}

function cancelForm(run: ImportRunRow, csrfToken: string, label: string): string {
  return html`<form method="post" action="/admin/import/${String(run.id)}/annuler" class="import-cancel">!${csrfField(csrfToken)}<p class="field__hint" id="import-annuler-aide">L’article en cours est terminé (ou laissé de côté en entier) ; ce qui est déjà importé reste, et l’import peut être repris plus tard.</p><div class="button-row"><button type="submit" class="button button--quiet" aria-describedby="import-annuler-aide">${label}</button></div></form>`;
}

/** "Reprendre": a cancelled or failed run goes back to the step it stopped in, from the last post it finished. */
function resumeForm(run: ImportRunRow, csrfToken: string): string {
  if (!run.resume_status) return '';
  const what = run.resume_status === 'checking' ? 'la vérification' : run.resume_status === 'checked' ? 'ce fichier' : 'l’import';
  return html`<form method="post" action="/admin/import/${String(run.id)}/reprendre">!${csrfField(csrfToken)}<p class="field__hint" id="import-reprendre-aide">Les articles déjà importés ne sont pas dupliqués : ils sont reconnus et laissés tels quels.</p><div class="button-row"><button type="submit" class="button" aria-describedby="import-reprendre-aide">Reprendre ${what}</button></div></form>`;
}

/** /admin/import/:id: the progress (moved by the import-progress island), the check's report and the button to import, the final report. */
export function renderImportRun(options: {
  run: ImportRunRow;
  csrfToken: string;
  message?: string;
  /** The active Kiosque newsletters, offered for a Ghost export's subscribers. */
  newsletters?: NewsletterRow[];
  mapping?: MappingForm;
}): string {
  const { run } = options;
  const running = run.status === 'checking' || run.status === 'importing';
  const head = html`<h1>Import de « ${run.file_name} »</h1><p><a href="/admin/import">Retour aux imports</a></p><p>${FORMAT_LABELS[run.format]}, ${megabytes(run.file_bytes)}, envoyé le ${formatDateTimeFr(run.created_at)}. État : <strong>${STATUS_LABELS[run.status]}</strong>.</p>!${options.message ? notice('ok', options.message) : ''}`;
  let body = '';
  if (running) {
    const what = run.status === 'checking' ? 'Vérification' : 'Import';
    const progress = run.total
      ? html`<progress id="import-progression" max="${String(run.total)}" value="${String(run.done)}">${String(run.done)} sur ${String(run.total)}</progress><p data-import-count>${run.done.toLocaleString('fr-FR')} sur ${run.total.toLocaleString('fr-FR')} articles et pages.</p>`
      : html`<progress id="import-progression"></progress><p data-import-count>Lecture du fichier…</p>`;
    body = html`<section aria-labelledby="titre-progression" data-import-progress="/admin/import/${String(run.id)}/etat" data-import-status="${run.status}"><h2 id="titre-progression">${what} en cours</h2><label for="import-progression" class="visually-hidden">Progression</label>!${progress}<p class="field__hint">Vous pouvez quitter cette page : le travail continue sur le serveur, et reprend où il en était après un redémarrage. Le bilan s’affiche ici dès qu’il est prêt.</p><p><a href="/admin/import/${String(run.id)}">Actualiser</a></p>!${cancelForm(run, options.csrfToken, `Annuler ${run.status === 'checking' ? 'la vérification' : 'l’import'}`)}</section>`;
  }
  if (run.status === 'failed') body = notice('error', `L’import s’est arrêté : ${run.error ?? 'erreur inconnue'}`);
  if (run.status === 'cancelled')
    body = html`<p>Annulé après ${run.done.toLocaleString('fr-FR')} sur ${run.total.toLocaleString('fr-FR')} articles et pages${run.resume_status === 'checking' ? ' vérifiés' : ''}.</p>`;
  if (run.status === 'cancelled' || run.status === 'failed') body += resumeForm(run, options.csrfToken);
  const check = readSummary(run.check_report);
  if (run.status === 'checked')
    body = html`<section aria-labelledby="titre-bilan-essai"><h2 id="titre-bilan-essai">Bilan de la vérification</h2><p>Rien n’a encore été enregistré. Voici ce que l’import ferait.</p>!${countsTable(check, 'Ce que l’import ferait', true)}<h3>Remarques</h3>!${problemsList(check)}!${options.mapping ? notice('error', 'L’import n’a pas été lancé : corrigez les choix signalés.') : ''}<form method="post" action="/admin/import/${String(run.id)}/lancer">!${csrfField(options.csrfToken)}!${newsletterMapping(check, options.newsletters ?? [], options.mapping)}<div class="button-row"><button type="submit" class="button">Lancer l’import</button></div></form>!${cancelForm(run, options.csrfToken, 'Abandonner ce fichier')}</section>`;
  if (run.status === 'done' || (run.status !== 'checked' && run.report)) {
    const summary = readSummary(run.report);
    body += html`<section aria-labelledby="titre-bilan"><h2 id="titre-bilan">${run.status === 'done' ? 'Bilan de l’import' : 'Déjà importé'}</h2>!${run.status === 'done' && run.finished_at ? html`<p>Terminé le ${formatDateTimeFr(run.finished_at)}.</p>` : ''}!${countsTable(summary, 'Ce que l’import a fait', false)}<h3>Remarques</h3>!${problemsList(summary)}</section>`;
  }
  return html`!${head}!${body}`;
}
