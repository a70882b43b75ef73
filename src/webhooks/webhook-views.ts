import { csrfField, notice } from '../accounts/account-page.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-operations.ts';
import type { DeliveryRow, EndpointRow, EndpointSummary } from './webhook-repository.ts';

// ghtml escapes every ${…}: markup made by another html call goes in with !${…}.

export const EVENT_LABELS: Record<WebhookEventType | 'ping', string> = {
  'article.published': 'Article publié',
  'article.updated': 'Article publié modifié',
  'article.unpublished': 'Article dépublié',
  'article.deleted': 'Article supprimé',
  'comment.created': 'Commentaire reçu (publié ou en attente de modération)',
  'subscriber.added': 'Abonnement confirmé à une lettre',
  'subscriber.removed': 'Désabonnement d’une lettre',
  ping: 'Test',
};

const DELIVERY_LABELS: Record<DeliveryRow['status'], string> = {
  pending: 'En attente',
  succeeded: 'Livré',
  failed: 'Échec',
};

/** What the endpoint form shows again after an error. */
export interface EndpointFormState {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
  errors: Partial<Record<'url' | 'description' | 'events', string>>;
}

export const EMPTY_ENDPOINT_FORM: EndpointFormState = {
  url: '',
  description: '',
  events: ['article.published', 'article.updated', 'article.unpublished', 'article.deleted'],
  enabled: true,
  errors: {},
};

function fieldError(id: string, message: string | undefined): string {
  return message ? html`<span class="field__error" id="${id}">${message}</span>` : '';
}

function input(
  id: string,
  name: string,
  value: string,
  options: { error?: string; hint?: boolean; type?: string; required?: boolean },
): string {
  const described = [options.hint ? `${id}-aide` : '', options.error ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const attributes = [
    options.required ? ' required' : '',
    described ? html` aria-describedby="${described}"` : '',
    options.error ? ' aria-invalid="true"' : '',
  ].join('');
  return html`<input type="${options.type ?? 'text'}" id="${id}" name="${name}" value="${value}"!${attributes}>`;
}

/** The address, description, events (and, when editing, enabled) fields of an endpoint. */
function endpointForm(action: string, form: EndpointFormState, csrfToken: string, submit: string, editing: boolean): string {
  const e = form.errors;
  const boxes = WEBHOOK_EVENT_TYPES.map((type) => {
    const id = `webhook-evenement-${type.replace('.', '-')}`;
    const box = form.events.includes(type)
      ? html`<input type="checkbox" id="${id}" name="events" value="${type}" checked>`
      : html`<input type="checkbox" id="${id}" name="events" value="${type}">`;
    return html`<li>!${box} <label for="${id}">${EVENT_LABELS[type]} <code>${type}</code></label></li>`;
  }).join('');
  const enabled = editing
    ? html`<div class="field webhook-enabled">!${
        form.enabled
          ? html`<input type="checkbox" id="webhook-actif" name="enabled" value="1" checked>`
          : html`<input type="checkbox" id="webhook-actif" name="enabled" value="1">`
      } <label for="webhook-actif">Actif : les événements lui sont envoyés</label></div>`
    : '';
  const fieldset = e.events
    ? html`<fieldset class="field token-scope-choice" aria-describedby="webhook-evenements-erreur">`
    : html`<fieldset class="field token-scope-choice">`;
  return html`<form method="post" action="${action}" novalidate class="webhook-form">!${csrfField(csrfToken)}<div class="field"><label for="webhook-url">Adresse du destinataire</label><span class="field__hint" id="webhook-url-aide">Une adresse https:// de votre outil, qui recevra un POST JSON signé à chaque événement.</span>!${fieldError('webhook-url-erreur', e.url)}!${input('webhook-url', 'url', form.url, { error: e.url, hint: true, type: 'url', required: true })}</div><div class="field"><label for="webhook-description">Description (facultatif)</label>!${fieldError('webhook-description-erreur', e.description)}!${input('webhook-description', 'description', form.description, { error: e.description })}</div>!${fieldset}<legend>Événements</legend>!${fieldError('webhook-evenements-erreur', e.events)}<ul class="token-scope-list">!${boxes}</ul></fieldset>!${enabled}<div class="button-row"><button type="submit" class="button">${submit}</button></div></form>`;
}

function endpointState(endpoint: EndpointRow): string {
  return endpoint.enabled
    ? html`<span class="badge token-state token-state--on">Actif</span>`
    : html`<span class="badge token-state token-state--off">Désactivé</span>`;
}

/** /admin/webhooks: the endpoints and the form to add one. */
export function renderWebhookList(options: {
  endpoints: EndpointSummary[];
  form: EndpointFormState;
  csrfToken: string;
  message?: string;
}): string {
  const rows = options.endpoints
    .map((endpoint) => {
      const events = (JSON.parse(endpoint.events) as WebhookEventType[]).map((t) => html`<li>${EVENT_LABELS[t] ?? t}</li>`).join('');
      const last = endpoint.lastStatus
        ? html`${DELIVERY_LABELS[endpoint.lastStatus]}${endpoint.lastAttemptAt ? ` (${formatDateTimeFr(endpoint.lastAttemptAt)})` : ''}`
        : 'Aucun envoi';
      return html`<tr><th scope="row"><a href="/admin/webhooks/${String(endpoint.id)}" class="webhook-url">${endpoint.url}</a>!${endpoint.description ? html`<br><span class="field__hint">${endpoint.description}</span>` : ''}</th><td><ul class="token-scopes">!${events}</ul></td><td>!${endpointState(endpoint)}</td><td>!${last}</td></tr>`;
    })
    .join('');
  const list = options.endpoints.length
    ? html`<div class="table-wrap"><table class="admin-table"><caption class="visually-hidden">Webhooks enregistrés</caption><thead><tr><th scope="col">Destinataire</th><th scope="col">Événements</th><th scope="col">État</th><th scope="col">Dernier envoi</th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Aucun webhook pour l’instant.</p>`;
  const errorSummary = Object.keys(options.form.errors).length
    ? notice('error', 'Le webhook n’a pas été ajouté : corrigez les champs signalés.')
    : '';
  return html`<h1>Webhooks</h1><p class="token-intro">Un webhook prévient vos autres outils (réseaux sociaux, application, rédaction données…) dès qu’un article est publié, modifié, dépublié ou supprimé : Kiosque leur envoie un POST JSON signé, et réessaie en cas d’échec. Recette de vérification de la signature : <code>docs/webhooks.md</code>.</p>!${options.message ? notice('ok', options.message) : ''}<section aria-labelledby="titre-webhooks"><h2 id="titre-webhooks">Destinataires</h2>!${list}</section><section aria-labelledby="titre-nouveau-webhook" class="token-create"><h2 id="titre-nouveau-webhook">Nouveau webhook</h2>!${errorSummary}!${endpointForm('/admin/webhooks', options.form, options.csrfToken, 'Ajouter le webhook', false)}</section>`;
}

function deliveryRow(endpointId: number, delivery: DeliveryRow, csrfToken: string): string {
  const response = delivery.response_status === null ? '—' : String(delivery.response_status);
  const excerpt = delivery.error ?? delivery.response_excerpt ?? '';
  const resend =
    delivery.status === 'pending'
      ? ''
      : html`<form method="post" action="/admin/webhooks/${String(endpointId)}/envois/${String(delivery.id)}/renvoyer">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Renvoyer<span class="visually-hidden"> l’envoi nº ${String(delivery.id)}</span></button></form>`;
  return html`<tr><td>${formatDateTimeFr(delivery.created_at)}</td><td>${EVENT_LABELS[delivery.event_type as WebhookEventType] ?? delivery.event_type}</td><td><span class="badge webhook-delivery webhook-delivery--${delivery.status}">${DELIVERY_LABELS[delivery.status]}</span></td><td>${String(delivery.attempts)}</td><td>${response}</td><td>${delivery.duration_ms === null ? '—' : `${delivery.duration_ms} ms`}</td><td class="webhook-excerpt">${excerpt}</td><td>!${resend}</td></tr>`;
}

/** /admin/webhooks/:id: the secret, the settings, tests and the delivery log. */
export function renderWebhookPage(options: {
  endpoint: EndpointRow;
  deliveries: DeliveryRow[];
  form: EndpointFormState;
  csrfToken: string;
  message?: string;
}): string {
  const { endpoint, csrfToken } = options;
  const id = String(endpoint.id);
  const disabled = endpoint.enabled
    ? ''
    : notice('warn', endpoint.disabled_reason ? `Ce webhook est désactivé : ${endpoint.disabled_reason}` : 'Ce webhook est désactivé.');
  const errorSummary = Object.keys(options.form.errors).length
    ? notice('error', 'Le webhook n’a pas été modifié : corrigez les champs signalés.')
    : '';
  const rows = options.deliveries.map((d) => deliveryRow(endpoint.id, d, csrfToken)).join('');
  const log = options.deliveries.length
    ? html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="titre-envois"><table class="admin-table webhook-log"><caption class="visually-hidden">Derniers envois, du plus récent au plus ancien</caption><thead><tr><th scope="col">Date</th><th scope="col">Événement</th><th scope="col">État</th><th scope="col">Essais</th><th scope="col">Réponse</th><th scope="col">Durée</th><th scope="col">Détail</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead><tbody>!${rows}</tbody></table></div>`
    : html`<p>Rien n’a encore été envoyé à ce destinataire.</p>`;
  return html`<h1>Webhook</h1><p><a href="/admin/webhooks">Retour aux webhooks</a></p>!${options.message ? notice('ok', options.message) : ''}!${disabled}<section aria-labelledby="titre-secret" class="token-secret"><h2 id="titre-secret">Secret de signature</h2><p>Chaque envoi porte les en-têtes <code>webhook-id</code>, <code>webhook-timestamp</code> et <code>webhook-signature</code> (norme Standard Webhooks) : votre outil vérifie la signature avec ce secret.</p><label for="webhook-secret">Secret</label><input type="text" id="webhook-secret" class="token-secret__value" value="${endpoint.secret}" readonly spellcheck="false" autocomplete="off"><div class="button-row"><form method="post" action="/admin/webhooks/${id}/secret">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Changer le secret</button></form><form method="post" action="/admin/webhooks/${id}/test">!${csrfField(csrfToken)}<button type="submit" class="button button--quiet">Envoyer un test</button></form></div></section><section aria-labelledby="titre-reglages-webhook"><h2 id="titre-reglages-webhook">Réglages</h2>!${errorSummary}!${endpointForm(`/admin/webhooks/${id}`, options.form, csrfToken, 'Enregistrer', true)}</section><section aria-labelledby="titre-envois"><h2 id="titre-envois">Derniers envois</h2>!${log}</section><section aria-labelledby="titre-supprimer-webhook"><h2 id="titre-supprimer-webhook">Supprimer</h2><form method="post" action="/admin/webhooks/${id}/supprimer">!${csrfField(csrfToken)}<button type="submit" class="button button--danger">Supprimer ce webhook et son historique</button></form></section>`;
}
