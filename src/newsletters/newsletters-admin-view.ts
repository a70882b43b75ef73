import type { ArticleTeaser } from '../articles/teaser-repository.ts';
import { parisLocalInput } from '../articles/editor/editor-workflow.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { csrfInput, errorSummary, okNotice, textareaField, textField } from '../curation/curation-form-fields.ts';
import type { FieldErrors } from '../curation/curation-validation.ts';
import type { EditionBlock } from './edition-blocks.ts';
import type { EditionRow } from './edition-repository.ts';
import type { NewsletterRow } from './newsletter-repository.ts';
import { parseRecipe } from './newsletter-recipe.ts';

const LABELS = {
  name: 'Nom',
  description: 'Description',
  cadence: 'Fréquence',
  senderName: 'Nom de l’expéditeur',
  senderEmail: 'Adresse de l’expéditeur',
  replyTo: 'Adresse de réponse',
  sendHour: 'Heure de l’édition quotidienne',
};

export const EDITION_STATUS_LABELS: Record<EditionRow['status'], string> = {
  draft: 'Brouillon',
  awaiting_approval: 'En attente d’approbation',
  scheduled: 'Programmée',
  sending: 'En cours d’envoi',
  sent: 'Envoyée',
};

/** Form values of a newsletter, as typed. */
export interface NewsletterFormValues {
  name: string;
  description: string;
  cadence: string;
  senderName: string;
  senderEmail: string;
  replyTo: string;
  sendHour: string;
  needsApproval: boolean;
  publicArchive: boolean;
  countAudience: boolean;
  active: boolean;
  lead: boolean;
  topStories: string;
  pepites: string;
  videos: string;
  podcasts: string;
}

export function formValuesOf(n: NewsletterRow | null): NewsletterFormValues {
  const recipe = parseRecipe(n?.recipe ?? '{}');
  return {
    name: n?.name ?? '',
    description: n?.description ?? '',
    cadence: n?.cadence ?? '',
    senderName: n?.sender_name ?? '',
    senderEmail: n?.sender_email ?? '',
    replyTo: n?.reply_to ?? '',
    sendHour: n?.send_hour === null || n?.send_hour === undefined ? '' : String(n.send_hour),
    needsApproval: n ? n.needs_approval === 1 : false,
    publicArchive: n ? n.public_archive === 1 : true,
    countAudience: n ? n.count_audience === 1 : false,
    active: n ? n.active === 1 : true,
    lead: recipe.lead,
    topStories: String(recipe.topStories),
    pepites: String(recipe.pepites),
    videos: String(recipe.videos),
    podcasts: String(recipe.podcasts),
  };
}

function checkbox(name: string, label: string, checked: boolean): string {
  return html`<div class="field field--checkbox"><label><input type="checkbox" name="${name}" value="1"${checked ? ' checked' : ''}> ${label}</label></div>`;
}

/** The newsletter form (create on the list, edit on its page). */
export function renderNewsletterForm(o: {
  action: string;
  values: NewsletterFormValues;
  errors?: FieldErrors;
  csrf: string;
  button: string;
}): string {
  const v = o.values;
  const e = o.errors;
  const number = (name: keyof NewsletterFormValues, label: string) =>
    textField({ name, label, value: String(v[name]), errors: e, type: 'number', inputmode: 'numeric' });
  return html`<form method="post" action="${o.action}" class="admin-form" novalidate>!${csrfInput(o.csrf)}!${errorSummary(e, LABELS)}!${textField({ name: 'name', label: LABELS.name, value: v.name, errors: e, required: true, maxLength: 120 })}!${textareaField({ name: 'description', label: LABELS.description, value: v.description, errors: e, rows: 2, maxLength: 500 })}!${textField({ name: 'cadence', label: LABELS.cadence, value: v.cadence, errors: e, hint: 'Montrée aux lecteurs, par exemple « Du lundi au samedi, à 7 heures ».', maxLength: 120 })}!${textField({ name: 'senderName', label: LABELS.senderName, value: v.senderName, errors: e, required: true })}!${textField({ name: 'senderEmail', label: LABELS.senderEmail, value: v.senderEmail, errors: e, required: true, autocomplete: 'off' })}!${textField({ name: 'replyTo', label: LABELS.replyTo, value: v.replyTo, errors: e, hint: 'Facultative : où vont les réponses des lecteurs.' })}!${textField({ name: 'sendHour', label: LABELS.sendHour, value: v.sendHour, errors: e, type: 'number', inputmode: 'numeric', hint: 'Heure de Paris, de 0 à 23 ; vide : envoi à la main.' })}<fieldset class="field"><legend>Recette de l’édition automatique</legend>!${checkbox('lead', 'L’article principal de la une', v.lead)}!${number('topStories', 'Articles de la une')}!${number('pepites', 'Pépites')}!${number('videos', 'Vidéos')}!${number('podcasts', 'Podcasts')}</fieldset>!${checkbox('needsApproval', 'Chaque édition attend l’approbation d’un éditeur', v.needsApproval)}!${checkbox('publicArchive', 'Archives publiques des éditions envoyées', v.publicArchive)}!${checkbox('countAudience', 'Compter les ouvertures et les clics de chaque édition (un total par édition, jamais par lecteur ; à annoncer aux lecteurs)', v.countAudience)}!${checkbox('active', 'Ouverte aux inscriptions', v.active)}<div class="button-row"><button type="submit" class="button">${o.button}</button></div></form>`;
}

/** /admin/newsletters: the newsletters, their subscribers and a form to add one. */
export function renderNewslettersList(o: {
  newsletters: (NewsletterRow & { subscribers: number })[];
  form: NewsletterFormValues;
  errors?: FieldErrors;
  csrf: string;
  notice: string | null;
}): string {
  const rows = o.newsletters.map(
    (n) =>
      html`<tr><td><a href="/admin/newsletters/${String(n.id)}">${n.name}</a></td><td>${n.cadence}</td><td>${String(n.subscribers)}</td><td>${n.active ? 'Ouverte' : 'Fermée'}</td></tr>`,
  );
  return html`<div class="page-header"><h1>Newsletters</h1><div class="button-row"><a class="button button--quiet" href="/admin/newsletters/abonnes">Abonnés</a><a class="button button--quiet" href="/admin/newsletters/envoi">Réglages d’envoi</a></div></div>!${okNotice(o.notice)}!${
    o.newsletters.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Newsletters</caption><thead><tr><th scope="col">Nom</th><th scope="col">Fréquence</th><th scope="col">Abonnés actifs</th><th scope="col">Inscriptions</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucune newsletter pour le moment.</p>`
  }<section aria-labelledby="nouvelle-nl"><h2 id="nouvelle-nl">Nouvelle newsletter</h2>!${renderNewsletterForm({ action: '/admin/newsletters', values: o.form, errors: o.errors, csrf: o.csrf, button: 'Créer la newsletter' })}</section>`;
}

/** /admin/newsletters/:id: its settings and its editions. */
export function renderNewsletterPage(o: {
  newsletter: NewsletterRow;
  editions: EditionRow[];
  form: NewsletterFormValues;
  errors?: FieldErrors;
  csrf: string;
  notice: string | null;
}): string {
  const rows = o.editions.map(
    (e) =>
      html`<tr><td><a href="/admin/newsletters/editions/${String(e.id)}">${e.subject}</a></td><td>${EDITION_STATUS_LABELS[e.status]}</td><td>${e.sent_at ? formatDateTimeFr(e.sent_at) : e.scheduled_at ? formatDateTimeFr(e.scheduled_at) : '—'}</td><td>${String(e.recipients)}</td></tr>`,
  );
  return html`<div class="page-header"><h1>${o.newsletter.name}</h1></div>!${okNotice(o.notice)}<form method="post" action="/admin/newsletters/${String(o.newsletter.id)}/editions" class="button-row">!${csrfInput(o.csrf)}<button type="submit" class="button">Composer une nouvelle édition</button></form><section aria-labelledby="editions-titre"><h2 id="editions-titre">Éditions</h2>!${
    o.editions.length
      ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Éditions, de la plus récente à la plus ancienne</caption><thead><tr><th scope="col">Objet</th><th scope="col">État</th><th scope="col">Date</th><th scope="col">Destinataires</th></tr></thead><tbody>!${rows}</tbody></table></div>`
      : html`<p class="notice">Aucune édition pour le moment.</p>`
  }</section><section aria-labelledby="reglages-nl"><h2 id="reglages-nl">Réglages</h2>!${renderNewsletterForm({ action: `/admin/newsletters/${String(o.newsletter.id)}`, values: o.form, errors: o.errors, csrf: o.csrf, button: 'Enregistrer' })}</section>`;
}

const ROLE_LABELS: Record<Extract<EditionBlock, { kind: 'article' }>['role'], string> = {
  lead: 'À la une',
  story: 'Article',
  pepite: 'Pépite',
  video: 'Vidéo',
  podcast: 'Podcast',
};

/** The edition composer: subject, intro, blocks to reorder or remove, additions, preview, test, schedule. */
/** An edition's audience totals, when its newsletter counts them (or counted them while it went out). */
function audience(newsletter: NewsletterRow, edition: EditionRow): string {
  if (newsletter.count_audience !== 1 && edition.opens === 0 && edition.clicks === 0) return '';
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`;
  return html`<p class="edition-audience">Audience : ${plural(edition.opens, 'ouverture', 'ouvertures')} · ${plural(edition.clicks, 'clic', 'clics')} <span class="field__hint">(des totaux pour l’édition : aucun lecteur n’est suivi ; les ouvertures comptent aussi les relectures et les images chargées par les messageries)</span></p>`;
}

export function renderEditionComposer(o: {
  edition: EditionRow;
  newsletter: NewsletterRow;
  blocks: EditionBlock[];
  articles: Map<number, ArticleTeaser>;
  counts: Record<string, number>;
  csrf: string;
  notice: string | null;
  errors?: FieldErrors;
}): string {
  const id = String(o.edition.id);
  const editable = o.edition.status !== 'sending' && o.edition.status !== 'sent';
  const items = o.blocks.map((b, i) => {
    const position = String(i + 1);
    const controls = editable
      ? html`<span class="reorder__buttons"><button type="submit" name="action" value="up:${String(i)}" class="button button--quiet"${i === 0 ? ' disabled' : ''}>Monter<span class="visually-hidden"> le bloc ${position}</span></button><button type="submit" name="action" value="down:${String(i)}" class="button button--quiet"${i === o.blocks.length - 1 ? ' disabled' : ''}>Descendre<span class="visually-hidden"> le bloc ${position}</span></button><button type="submit" name="action" value="remove:${String(i)}" class="button button--quiet">Retirer<span class="visually-hidden"> le bloc ${position}</span></button></span>`
      : '';
    if (b.kind === 'text')
      return html`<li class="edition-block"><input type="hidden" name="block" value="text">!${textareaField({ name: `text${i}`, id: `bloc-texte-${i}`, label: `Bloc ${position} : texte libre`, value: b.text, rows: 3, maxLength: 4000 })}!${controls}</li>`;
    const a = o.articles.get(b.articleId);
    return html`<li class="edition-block"><input type="hidden" name="block" value="article:${String(b.articleId)}:${b.role}"><p><strong>Bloc ${position} · ${ROLE_LABELS[b.role]}</strong> — ${a ? a.headline : `article ${String(b.articleId)} (plus en ligne : il ne partira pas)`}</p>!${controls}</li>`;
  });
  const counts = Object.entries(o.counts)
    .map(([k, n]) => `${k} : ${n}`)
    .join(' · ');
  const editForm = editable
    ? html`<form method="post" action="/admin/newsletters/editions/${id}" class="admin-form" novalidate>!${csrfInput(o.csrf)}!${errorSummary(o.errors, { subject: 'Objet', intro: 'Introduction', article: 'Article à ajouter' })}!${textField({ name: 'subject', label: 'Objet du message', value: o.edition.subject, errors: o.errors, required: true, maxLength: 200 })}!${textareaField({ name: 'intro', label: 'Introduction', value: o.edition.intro, errors: o.errors, rows: 4, maxLength: 4000, hint: 'Quelques lignes de la rédaction, en tête du message.' })}<h2>Contenu</h2>!${items.length ? html`<ol class="edition-blocks">!${items}</ol>` : html`<p class="notice">L’édition est vide.</p>`}<div class="field-group">!${textField({ name: 'article', label: 'Ajouter un article (numéro ou adresse)', errors: o.errors, hint: 'Par exemple 42 ou https://…/international/un-article.' })}<button type="submit" name="action" value="add-article" class="button button--quiet">Ajouter l’article</button></div><div class="field-group">!${textareaField({ name: 'newText', label: 'Ajouter un bloc de texte', rows: 2, maxLength: 4000 })}<button type="submit" name="action" value="add-text" class="button button--quiet">Ajouter le texte</button></div><div class="button-row"><button type="submit" name="action" value="save" class="button">Enregistrer</button></div></form>`
    : html`<p class="notice">Cette édition est ${EDITION_STATUS_LABELS[o.edition.status].toLowerCase()} : elle ne se modifie plus.</p>`;
  const approve =
    o.edition.status === 'awaiting_approval'
      ? html`<form method="post" action="/admin/newsletters/editions/${id}/approuver" class="button-row">!${csrfInput(o.csrf)}<button type="submit" class="button">Approuver l’envoi</button></form>`
      : '';
  const schedule = editable
    ? html`<section aria-labelledby="envoi-titre"><h2 id="envoi-titre">Envoi</h2>!${o.newsletter.needs_approval ? html`<p class="field__hint">Cette newsletter demande l’approbation d’un éditeur avant chaque envoi.</p>` : ''}<form method="post" action="/admin/newsletters/editions/${id}/test" class="button-row">!${csrfInput(o.csrf)}<button type="submit" class="button button--quiet">M’envoyer un test</button></form><form method="post" action="/admin/newsletters/editions/${id}/programmer" class="admin-form">!${csrfInput(o.csrf)}!${textField({ name: 'at', label: 'Programmer pour le (heure de Paris)', type: 'datetime-local', value: parisLocalInput(o.edition.scheduled_at ? new Date(o.edition.scheduled_at) : new Date(Date.now() + 3600_000)), errors: o.errors })}<div class="button-row"><button type="submit" name="when" value="at" class="button">Programmer</button><button type="submit" name="when" value="now" class="button button--quiet">Envoyer maintenant</button></div></form>!${approve}</section>`
    : '';
  const status = html`<p>État : <strong>${EDITION_STATUS_LABELS[o.edition.status]}</strong>${o.edition.scheduled_at && o.edition.status !== 'draft' ? ` — ${formatDateTimeFr(o.edition.scheduled_at)}` : ''}${counts ? ` — ${counts}` : ''}</p>!${audience(o.newsletter, o.edition)}`;
  const preview = html`<section aria-labelledby="apercu-titre"><h2 id="apercu-titre">Aperçu</h2><p><a href="/admin/newsletters/editions/${id}/apercu.txt">Version texte</a> · <a href="/admin/newsletters/editions/${id}/apercu.html">Version HTML seule</a></p><div class="edition-previews"><figure><figcaption>Téléphone (375 px)</figcaption><iframe src="/admin/newsletters/editions/${id}/apercu.html" title="Aperçu sur téléphone" width="375" height="640"></iframe></figure><figure><figcaption>Ordinateur (800 px)</figcaption><iframe src="/admin/newsletters/editions/${id}/apercu.html" title="Aperçu sur ordinateur" width="800" height="640"></iframe></figure></div></section>`;
  return html`<div class="page-header"><h1>${o.edition.subject}</h1><a class="button button--quiet" href="/admin/newsletters/${String(o.newsletter.id)}">${o.newsletter.name}</a></div>!${okNotice(o.notice)}!${status}!${editForm}!${schedule}!${preview}`;
}
