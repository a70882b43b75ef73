import { html } from '../../core/html/html.ts';

/** The external classifier screen (administrators): address, threshold, the signing secret shown once. */
export function renderClassifierPage(o: {
  csrf: string;
  url: string;
  threshold: string;
  configured: boolean;
  secret: string | null;
  notice: string | null;
  error: { field: string; message: string } | null;
}): string {
  const described = (field: string) =>
    o.error?.field === field
      ? html` aria-describedby="aide-${field} erreur-${field}" aria-invalid="true"`
      : html` aria-describedby="aide-${field}"`;
  const errorFor = (field: string) =>
    o.error?.field === field ? html`<p class="field__error" id="erreur-${field}">${o.error.message}</p>` : '';
  const secret = o.secret
    ? html`<div class="notice notice--ok" role="status"><p>Secret de signature (affiché une seule fois, à copier dans la configuration du classificateur)&nbsp;:</p><p><code class="secret">${o.secret}</code></p></div>`
    : '';
  return html`<h1>Classificateur externe</h1>!${o.notice ? html`<p class="notice notice--ok" role="status">${o.notice}</p>` : ''}!${o.error && !['url', 'threshold'].includes(o.error.field) ? html`<p class="notice notice--error" role="alert">${o.error.message}</p>` : ''}!${secret}
<p>Facultatif. Chaque nouveau commentaire est envoyé (texte, nom affiché du lecteur, titre de l’article ; jamais son adresse électronique ni son adresse IP) au service de votre choix, signé comme un webhook (en-têtes <code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>, voir la documentation des webhooks). Le service répond <code>{"score": 0.93}</code>, un nombre entre 0 et 1 ; à partir du seuil, le commentaire retourne dans la file «&#8239;à modérer&#8239;». Si le service ne répond pas en 5&nbsp;secondes ou répond mal, le commentaire garde la décision des règles intégrées&nbsp;: rien n’est perdu ni bloqué.</p>
<form method="post" action="/admin/commentaires/classificateur" class="admin-form"><input type="hidden" name="_csrf" value="${o.csrf}">
<div class="field"><label for="classificateur-url">Adresse du classificateur</label><p class="field__hint" id="aide-url">Laisser vide pour ne rien envoyer.</p><input id="classificateur-url" name="url" type="url" inputmode="url" value="${o.url}"!${described('url')}>!${errorFor('url')}</div>
<div class="field"><label for="classificateur-seuil">Seuil de mise en attente</label><p class="field__hint" id="aide-threshold">Entre 0 et 1, par exemple 0,8.</p><input id="classificateur-seuil" name="threshold" inputmode="decimal" value="${o.threshold}"!${described('threshold')}>!${errorFor('threshold')}</div>
!${o.configured ? html`<div class="field field--check"><input id="classificateur-secret" name="newSecret" type="checkbox" value="1"><label for="classificateur-secret">Créer un nouveau secret de signature (l’ancien cesse de valoir)</label></div>` : ''}
<div class="button-row"><button class="button">Enregistrer</button></div></form>`;
}
