import { html } from '../../core/html/html.ts';
import type { ModerationSettingsForm } from './moderation-settings.ts';

type Field = Exclude<keyof ModerationSettingsForm, 'newSecret'>;

/** The moderation settings screen (administrators): thresholds, the external classifier, its secret shown once. */
export function renderModerationSettingsPage(o: {
  csrf: string;
  values: Record<Field, string>;
  classifierConfigured: boolean;
  secret: string | null;
  notice: string | null;
  error: { field: string; message: string } | null;
}): string {
  const field = (name: Field, label: string, hint: string, attrs: string) => {
    const invalid = o.error?.field === name;
    return html`<div class="field"><label for="moderation-${name}">${label}</label><p class="field__hint" id="aide-${name}">${hint}</p><input id="moderation-${name}" name="${name}" value="${o.values[name]}"!${attrs} aria-describedby="aide-${name}!${invalid ? html` erreur-${name}` : ''}"!${invalid ? ' aria-invalid="true"' : ''}>!${invalid ? html`<p class="field__error" id="erreur-${name}">${o.error?.message ?? ''}</p>` : ''}</div>`;
  };
  const known = ['spamThreshold', 'alertThreshold', 'alertWindowHours', 'classifierUrl', 'classifierThreshold'];
  const secret = o.secret
    ? html`<div class="notice notice--ok" role="status"><p>Secret de signature du classificateur (affiché une seule fois, à copier dans sa configuration)&nbsp;:</p><p><code class="secret">${o.secret}</code></p></div>`
    : '';
  return html`<h1>Réglages de la modération</h1>!${o.notice ? html`<p class="notice notice--ok" role="status">${o.notice}</p>` : ''}!${o.error && !known.includes(o.error.field) ? html`<p class="notice notice--error" role="alert">${o.error.message}</p>` : ''}!${secret}<p>Les modes des commentaires et le message de suspension sont dans les <a href="/admin/reglages">réglages de la publication</a>&nbsp;; les mots interdits et suspects dans les <a href="/admin/commentaires/listes">listes de modération</a>.</p>
<form method="post" action="/admin/commentaires/reglages" class="admin-form"><input type="hidden" name="_csrf" value="${o.csrf}">
<fieldset><legend>Seuils</legend>
!${field('spamThreshold', 'Seuil du score de spam', 'Entre 0 et 1 : un commentaire dont le score bayésien atteint ce seuil attend la modération (jamais supprimé).', ' inputmode="decimal"')}
!${field('alertThreshold', 'Seuil d’alerte', 'Signalements et refus sur un même article qui le font passer seul en pré-modération (0 : jamais).', ' inputmode="numeric"')}
!${field('alertWindowHours', 'Fenêtre d’alerte, en heures', 'La période sur laquelle ces signalements et refus sont comptés (1 à 168).', ' inputmode="numeric"')}
</fieldset>
<fieldset><legend>Classificateur externe (facultatif)</legend>
<p>Chaque nouveau commentaire est envoyé (texte, nom affiché du lecteur, titre de l’article&nbsp;; jamais son adresse électronique ni son adresse IP) au service de votre choix, signé comme un webhook (en-têtes <code>webhook-id</code>, <code>webhook-timestamp</code>, <code>webhook-signature</code>). Le service répond <code>{"score": 0.93}</code>, un nombre entre 0 et 1&nbsp;; à partir du seuil, le commentaire retourne dans la file «&#8239;à modérer&#8239;». S’il ne répond pas en 5&nbsp;secondes ou répond mal, le commentaire garde la décision des règles intégrées&nbsp;: rien n’est perdu ni bloqué.</p>
!${field('classifierUrl', 'Adresse du classificateur', 'Laisser vide pour ne rien envoyer.', ' type="url" inputmode="url"')}
!${field('classifierThreshold', 'Seuil de mise en attente', 'Entre 0 et 1, par exemple 0,8.', ' inputmode="decimal"')}
!${o.classifierConfigured ? html`<div class="field field--check"><input id="moderation-newSecret" name="newSecret" type="checkbox" value="1"><label for="moderation-newSecret">Créer un nouveau secret de signature (l’ancien cesse de valoir)</label></div>` : ''}
</fieldset>
<div class="button-row"><button class="button">Enregistrer</button></div></form>`;
}
