import { html } from '../core/html/html.ts';
import { csrfInput, errorSummary, selectField, textField } from './curation-form-fields.ts';
import type { FieldErrors } from './curation-validation.ts';
import { NAV_MAX_ITEMS, type NavDestinations, type NavEntryValues } from './navigation-admin-operations.ts';

function destinationOptions(d: NavDestinations): { value: string; label: string }[] {
  return [
    { value: '', label: '— Choisir une destination —' },
    ...d.sections.map((s) => ({ value: `section:${s.slug}`, label: `Rubrique : ${s.name}` })),
    ...d.pages.map((p) => ({ value: `page:${p.slug}`, label: `Page : ${p.title}` })),
    { value: 'url', label: 'Adresse personnalisée (saisie ci-dessous)' },
  ];
}

function describe(entry: NavEntryValues, d: NavDestinations): string {
  if (entry.destination === 'url') return entry.url || 'Adresse personnalisée';
  const [kind, slug] = entry.destination.split(/:(.*)/s, 2);
  if (kind === 'section') return `Rubrique « ${d.sections.find((s) => s.slug === slug)?.name ?? slug} »`;
  if (kind === 'page') return `Page « ${d.pages.find((p) => p.slug === slug)?.title ?? slug} »`;
  return 'Destination à choisir';
}

function entryFields(entry: NavEntryValues, index: number, d: NavDestinations, errors: FieldErrors | undefined): string {
  const key = `items.${index}`;
  const errs: FieldErrors = {};
  for (const f of ['label', 'destination', 'url']) if (errors?.[`${key}.${f}`]) errs[f] = errors[`${key}.${f}`];
  const id = (f: string) => `champ-items-${index}-${f}`;
  return html`<div class="reorder__fields">!${textField({ name: 'label', id: id('label'), label: 'Libellé', value: entry.label, errors: errs, maxLength: 40 })}!${selectField(
    {
      name: 'destination',
      id: id('destination'),
      label: 'Destination',
      value: entry.destination,
      options: destinationOptions(d),
      errors: errs,
    },
  )}!${textField({ name: 'url', id: id('url'), label: 'Adresse personnalisée', value: entry.url, errors: errs, type: 'text', inputmode: 'url', hint: 'https://… ou /chemin du site' })}</div>`;
}

/** The navigation editor: ordered entries (label + destination), reorderable, and an empty row to add one. */
export function renderNavigationEditor(entries: NavEntryValues[], d: NavDestinations, csrfToken: string, errors?: FieldErrors): string {
  const count = entries.length;
  const items = entries.map(
    (entry, i) =>
      html`<li class="reorder__item" id="entree-${i}" tabindex="-1" data-reorder-item><span class="reorder__handle" aria-hidden="true">⠿</span><span class="reorder__place"><span class="reorder__number" data-reorder-number>${i + 1}</span></span><span class="choice"><span class="choice__headline">${entry.label || 'Entrée sans libellé'}</span><span class="choice__meta">${describe(entry, d)}</span></span><span class="reorder__actions"><button type="submit" name="action" value="up:${i}" class="button button--quiet" data-reorder-move="up" aria-label="Monter : ${entry.label}"${i === 0 ? ' hidden' : ''}>Monter</button><button type="submit" name="action" value="down:${i}" class="button button--quiet" data-reorder-move="down" aria-label="Descendre : ${entry.label}"${i === count - 1 ? ' hidden' : ''}>Descendre</button><button type="submit" name="action" value="remove:${i}" class="button button--quiet" aria-label="Retirer : ${entry.label}">Retirer</button></span>!${entryFields(entry, i, d, errors)}</li>`,
  );
  const labels: Record<string, string> = {};
  for (let i = 0; i <= count; i++) {
    labels[`items.${i}.label`] = `Entrée ${i + 1}, libellé`;
    labels[`items.${i}.destination`] = `Entrée ${i + 1}, destination`;
    labels[`items.${i}.url`] = `Entrée ${i + 1}, adresse`;
  }
  const newRow =
    count < NAV_MAX_ITEMS
      ? html`<fieldset class="nav-new"><legend>Ajouter une entrée</legend>!${entryFields({ label: '', destination: '', url: '' }, count, d, errors)}</fieldset>`
      : html`<p class="notice">La navigation compte ${NAV_MAX_ITEMS} entrées, le maximum.</p>`;
  return html`<section aria-labelledby="nav-titre"><h2 id="nav-titre">Navigation du site</h2><p class="field__hint">Les entrées du menu principal, dans l’ordre (page « qui sommes-nous », newsletter, rubriques, adresses personnalisées). Elles apparaissent aussi en pied de page.</p>!${errorSummary(errors, labels)}<form method="post" action="/admin/rubriques/navigation" class="reorder-form">!${csrfInput(csrfToken)}!${count ? html`<ol class="reorder" data-reorder data-reorder-moved="Entrée déplacée" aria-label="Entrées de la navigation">!${items}</ol>` : html`<p class="notice">La navigation est vide.</p>`}<p class="reorder__status" data-reorder-status aria-live="polite"></p>!${newRow}<div class="button-row"><button type="submit" name="action" value="save" class="button">Enregistrer la navigation</button></div></form></section>`;
}
