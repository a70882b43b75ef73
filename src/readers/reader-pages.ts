import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { formatDateTimeFr } from '../core/text/dates.ts';
import { fr } from '../core/text/typography.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { renderLayout } from '../site/layout.ts';
import { NAME_MAX } from './display-name.ts';
import { csrfHidden, formMessage, proofOfWorkField, readerField } from './reader-forms.ts';
import type { Reader } from './reader-session.ts';

/**
 * Sends a reader page: the site's layout, never stored by the page cache or any shared cache
 * (`private, no-store`). No referrer leaves for another site (a URL may hold a link token);
 * `same-origin` rather than `no-referrer`, which would make the browser send `Origin: null` on
 * the page's own forms, and those are refused as cross-site.
 */
export async function sendReaderPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; main: string; status?: number; path: string },
): Promise<FastifyReply> {
  const chrome = await loadSiteChrome(ctx.db);
  const document = renderLayout(
    ctx,
    chrome,
    { title: `${page.title} | ${chrome.settings.name}`, description: page.title, canonicalPath: page.path, robots: 'noindex, nofollow' },
    html`<div class="reader-page">!${page.main}</div>`,
    { bodyClass: 'page-reader' },
  );
  void request;
  return reply
    .code(page.status ?? 200)
    .headers({
      ...ctx.htmlHeaders,
      'cache-control': 'private, no-store',
      'referrer-policy': 'same-origin',
      'content-type': 'text/html; charset=utf-8',
    })
    .send(document);
}

export function signInPage(o: {
  csrf: string;
  email?: string;
  error?: string;
  errorField?: string;
  sent?: boolean;
  returnPath: string | null;
}): string {
  const suite = o.returnPath ? html`<input type="hidden" name="suite" value="${o.returnPath}">` : '';
  if (o.sent)
    return html`<h1>Vérifiez votre messagerie</h1><p role="status">Si l’adresse est valable, un lien de connexion vient de vous être envoyé. Il est valable 30&nbsp;minutes et ne sert qu’une fois.</p><p><a href="/lecteurs/connexion">Demander un autre lien</a></p>`;
  const fieldError = o.errorField === 'email' ? o.error : undefined;
  const formError = o.errorField === 'email' ? 'Vérifiez votre adresse.' : o.error;
  return html`<h1>Se connecter pour commenter</h1><p>Pas de mot de passe&nbsp;: saisissez votre adresse électronique, nous vous envoyons un lien de connexion. Un compte est ouvert à la première connexion.</p>!${formMessage('error', formError)}<form method="post" action="/lecteurs/connexion" class="reader-form" data-pow-form>!${csrfHidden(o.csrf)}!${suite}!${readerField({ name: 'email', label: 'Adresse électronique', type: 'email', value: o.email, error: fieldError, autocomplete: 'email', required: true, maxLength: 254 })}!${proofOfWorkField()}<button class="button" type="submit">Recevoir mon lien</button></form><p class="reader-page__note">Votre adresse n’est jamais affichée. Elle sert à vous connecter et, si vous le demandez, à vous prévenir des réponses.</p>`;
}

export function linkPage(o: { csrf: string; action: string; usable: boolean; title: string; button: string }): string {
  if (!o.usable)
    return html`<h1>Lien expiré</h1><p role="alert">Ce lien n’est plus valable&nbsp;: il a déjà servi ou a expiré.</p><p><a class="button" href="/lecteurs/connexion">Demander un nouveau lien</a></p>`;
  // A button, not an automatic sign-in: mail scanners open links, only a person presses the button.
  return html`<h1>${o.title}</h1><form method="post" action="${o.action}" class="reader-form">!${csrfHidden(o.csrf)}<button class="button" type="submit">${o.button}</button></form>`;
}

export interface ProfileView {
  csrf: string;
  reader: Reader;
  bio: string;
  notices: { kind: string; message: string; createdAt: string; commentId: number | null }[];
  ok?: string | null;
  error?: { field: string; message: string; value?: string } | null;
  /** Where to go back once the name is chosen (the article the reader wanted to comment on). */
  returnPath?: string | null;
}

const NOTICE_TITLES: Record<string, string> = {
  refusal: 'Commentaire refusé',
  approval: 'Contestation acceptée',
  warning: 'Avertissement',
  suspension: 'Suspension',
  ban: 'Exclusion',
};

export function profilePage(v: ProfileView): string {
  const r = v.reader;
  const err = (field: string) => (v.error?.field === field ? v.error.message : undefined);
  const val = (field: string, fallback: string) => (v.error?.field === field && v.error.value !== undefined ? v.error.value : fallback);
  const status =
    r.status === 'banned'
      ? html`<p class="notice" role="note">Votre compte a été exclu des commentaires.!${r.sanctionMessage ? html` Motif&nbsp;: ${fr(r.sanctionMessage)}` : ''}</p>`
      : r.status === 'suspended' && r.suspendedUntil && r.suspendedUntil > new Date().toISOString()
        ? html`<p class="notice" role="note">Votre compte est suspendu jusqu’au ${formatDateTimeFr(r.suspendedUntil)}.!${r.sanctionMessage ? html` Motif&nbsp;: ${fr(r.sanctionMessage)}` : ''}</p>`
        : '';
  const needsName = !r.displayName;
  const notices = v.notices.length
    ? html`<section class="reader-section" aria-labelledby="avis"><h2 id="avis">Décisions de la modération</h2><ul class="reader-notices" role="list">!${v.notices.map(
        (n) =>
          html`<li class="reader-notice"><p class="reader-notice__title"><strong>${NOTICE_TITLES[n.kind] ?? 'Avis'}</strong>, le ${formatDateTimeFr(n.createdAt)}</p><p>${fr(n.message)}</p>!${n.kind === 'refusal' && n.commentId ? html`<p><a href="/lecteurs/commentaires#commentaire-${String(n.commentId)}">Voir le commentaire et contester la décision</a></p>` : ''}</li>`,
      )}</ul></section>`
    : '';
  return html`<h1>Mon compte de lecteur</h1>!${formMessage('ok', v.ok)}!${status}!${needsName ? html`<p class="notice" role="note">Choisissez le nom sous lequel vos commentaires paraîtront.</p>` : ''}
<section class="reader-section" aria-labelledby="profil-nom"><h2 id="profil-nom">Nom public</h2><form method="post" action="/lecteurs/profil/nom!${v.returnPath ? `?suite=${encodeURIComponent(v.returnPath)}` : ''}" class="reader-form">!${csrfHidden(v.csrf)}!${readerField({ name: 'name', label: 'Nom affiché avec vos commentaires', value: val('name', r.displayName), error: err('name'), hint: `De 2 à ${NAME_MAX} caractères. Il ne peut pas être celui d’un membre de la rédaction.`, maxLength: NAME_MAX, required: true, autocomplete: 'nickname' })}!${readerField({ name: 'bio', label: 'Présentation (facultative)', value: val('bio', v.bio), error: err('bio'), multiline: true, rows: 3, maxLength: 280 })}<button class="button" type="submit">Enregistrer</button></form></section>
<section class="reader-section" aria-labelledby="profil-email"><h2 id="profil-email">Adresse électronique</h2><p>Adresse actuelle&nbsp;: <strong>${r.email}</strong></p><form method="post" action="/lecteurs/profil/email" class="reader-form">!${csrfHidden(v.csrf)}!${readerField({ name: 'email', label: 'Nouvelle adresse', type: 'email', value: val('email', ''), error: err('email'), hint: 'Un lien de confirmation est envoyé à la nouvelle adresse ; le changement a lieu quand vous l’ouvrez.', autocomplete: 'email', required: true, maxLength: 254 })}<button class="button" type="submit">Changer d’adresse</button></form></section>
<section class="reader-section" aria-labelledby="profil-notifications"><h2 id="profil-notifications">Notifications</h2><form method="post" action="/lecteurs/profil/notifications" class="reader-form">!${csrfHidden(v.csrf)}<div class="form-check"><input type="checkbox" id="champ-notify" name="notify" value="1"!${r.notifyReplies ? ' checked' : ''}><label for="champ-notify">Me prévenir par courriel quand on répond à mes commentaires</label></div><button class="button" type="submit">Enregistrer</button></form></section>
!${notices}
<section class="reader-section" aria-labelledby="profil-donnees"><h2 id="profil-donnees">Mes commentaires et mes données</h2><ul class="reader-links"><li><a href="/lecteurs/commentaires">Mes commentaires</a></li><li><a href="/lecteurs/donnees.json" download>Télécharger mes données (JSON)</a></li></ul>
<form method="post" action="/lecteurs/deconnexion" class="reader-form">!${csrfHidden(v.csrf)}<button class="button button--quiet" type="submit">Me déconnecter</button></form></section>
<section class="reader-section" aria-labelledby="profil-suppression"><h2 id="profil-suppression">Supprimer mon compte</h2><form method="post" action="/lecteurs/suppression" class="reader-form">!${csrfHidden(v.csrf)}<fieldset><legend>Que faire de mes commentaires&nbsp;?</legend><div class="form-check"><input type="radio" id="garder" name="comments" value="keep" checked><label for="garder">Les garder, signés «&#8239;Compte supprimé&#8239;»</label></div><div class="form-check"><input type="radio" id="effacer" name="comments" value="remove"><label for="effacer">Les effacer</label></div></fieldset><div class="form-check"><input type="checkbox" id="champ-confirm" name="confirm" value="1" required><label for="champ-confirm">Je confirme la suppression définitive de mon compte</label></div>!${err('confirm') ? html`<p class="form-field__error" role="alert">${err('confirm')}</p>` : ''}<button class="button button--danger" type="submit">Supprimer mon compte</button></form></section>`;
}
