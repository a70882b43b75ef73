import { type RouteMapEntry, route } from '../core/http/route-map.ts';

const ACCOUNTS = 'accounts/';
const EDITOR = 'articles/editor/';
const CURATION = 'curation/';
const MEDIA = 'media/';

/**
 * THE BACK-OFFICE URL MAP: every URL of /admin, /apercu and /api/admin, and the file that answers
 * it. The test src/route-maps.test.ts compares it with Fastify's own route table. Every POST is
 * CSRF-checked (accounts/install-accounts.ts); every screen past sign-in checks a permission.
 */
export const ADMIN_ROUTE_MAP: readonly RouteMapEntry[] = [
  // Signing in and out, first run, invitations, password resets, one's own account.
  route('GET POST', '/admin/connexion', `${ACCOUNTS}login-routes.ts`, 'sign-in form'),
  route('GET POST', '/admin/connexion/code', `${ACCOUNTS}second-factor-routes.ts`, 'second step of sign-in (TOTP code)'),
  route('POST', '/admin/deconnexion', `${ACCOUNTS}login-routes.ts`, 'sign out'),
  route('POST', '/admin/deconnexion-partout', `${ACCOUNTS}login-routes.ts`, 'sign out every session of the account'),
  route('GET POST', '/admin/installation/:token', `${ACCOUNTS}setup-routes.ts`, 'first run: the owner account (one-time token)'),
  route('GET POST', '/admin/invitation/:token', `${ACCOUNTS}invitation-routes.ts`, 'accept an invitation (one-time token)'),
  route('GET POST', '/admin/mot-de-passe-oublie', `${ACCOUNTS}password-reset-routes.ts`, 'ask for a password reset'),
  route('GET POST', '/admin/mot-de-passe/:token', `${ACCOUNTS}password-reset-routes.ts`, 'choose a new password (one-time token)'),
  route('GET', '/admin/compte', `${ACCOUNTS}my-account-routes.ts`, 'my account'),
  route('POST', '/admin/compte/mot-de-passe', `${ACCOUNTS}my-account-routes.ts`, 'change my password'),
  route('POST', '/admin/compte/double-authentification', `${ACCOUNTS}my-account-routes.ts`, 'start setting up the second factor'),
  route('POST', '/admin/compte/double-authentification/activer', `${ACCOUNTS}my-account-routes.ts`, 'turn the second factor on'),
  route('POST', '/admin/compte/nom', `${ACCOUNTS}my-account-routes.ts`, 'change my name'),
  route('POST', '/admin/compte/double-authentification/desactiver', `${ACCOUNTS}my-account-routes.ts`, 'turn the second factor off'),
  // Accounts of the newsroom (users:manage).
  route('GET', '/admin/utilisateurs', `${ACCOUNTS}users-routes.ts`, 'accounts and pending invitations'),
  route('POST', '/admin/utilisateurs/invitation', `${ACCOUNTS}users-routes.ts`, 'invite someone'),
  route('GET', '/admin/utilisateurs/:id', `${ACCOUNTS}users-routes.ts`, 'one account'),
  route('POST', '/admin/utilisateurs/:id/role', `${ACCOUNTS}users-routes.ts`, 'change its role'),
  route('POST', '/admin/utilisateurs/:id/statut', `${ACCOUNTS}users-routes.ts`, 'suspend or reactivate it'),
  route('POST', '/admin/utilisateurs/:id/auteur', `${ACCOUNTS}users-routes.ts`, 'link it to an author profile'),
  route('POST', '/admin/utilisateurs/:id/reinviter', `${ACCOUNTS}users-routes.ts`, 'send its invitation again'),
  route('GET', '/admin/journal', 'audit/audit-routes.ts', 'audit log (?page=N)'),
  route('GET POST', '/admin/jetons', 'api/token-admin-routes.ts', 'my API tokens; create one (secret shown once)'),
  route('POST', '/admin/jetons/:id/revoquer', 'api/token-admin-routes.ts', 'revoke a token'),
  // Articles: dashboard, list, editor, workflow, revisions, previews.
  route('GET', '/admin', 'articles/admin/dashboard-routes.ts', 'dashboard'),
  route('GET', '/admin/articles', 'articles/admin/dashboard-routes.ts', 'article list (filters, ?page=N)'),
  route('POST', '/admin/articles', `${EDITOR}editor-routes.ts`, 'create an article (form, or the first autosave as JSON)'),
  route('GET', '/admin/articles/nouveau', `${EDITOR}editor-routes.ts`, 'new article form'),
  route('GET POST', '/admin/articles/:id', `${EDITOR}editor-routes.ts`, 'the editor; save (409 on a stale revision)'),
  route('POST', '/admin/articles/:id/autosave', `${EDITOR}editor-routes.ts`, 'autosave (JSON)'),
  route('POST', '/admin/articles/:id/soumettre', 'articles/admin/workflow-routes.ts', 'submit for review'),
  route('POST', '/admin/articles/:id/pret', 'articles/admin/workflow-routes.ts', 'mark ready'),
  route('POST', '/admin/articles/:id/publier', 'articles/admin/workflow-routes.ts', 'publish now'),
  route('POST', '/admin/articles/:id/programmer', 'articles/admin/workflow-routes.ts', 'schedule'),
  route('POST', '/admin/articles/:id/depublier', 'articles/admin/workflow-routes.ts', 'unpublish'),
  route('POST', '/admin/articles/:id/brouillon', 'articles/admin/workflow-routes.ts', 'back to draft'),
  route('POST', '/admin/articles/:id/supprimer', 'articles/admin/workflow-routes.ts', 'delete'),
  route('GET', '/admin/articles/:id/revisions', `${EDITOR}revision-routes.ts`, 'revision history'),
  route('GET', '/admin/articles/:id/revisions/:revision', `${EDITOR}revision-routes.ts`, 'one revision, compared'),
  route('POST', '/admin/articles/:id/revisions/:revision/restaurer', `${EDITOR}revision-routes.ts`, 'restore a revision'),
  route('GET', '/admin/articles/:id/apercu', `${EDITOR}preview-routes.ts`, 'preview frame and share-link controls'),
  route('GET', '/admin/articles/:id/apercu/page', `${EDITOR}preview-routes.ts`, 'the previewed page itself'),
  route('POST', '/admin/articles/:id/apercu/lien', `${EDITOR}preview-routes.ts`, 'create a private preview link'),
  route('POST', '/admin/articles/:id/apercu/lien/supprimer', `${EDITOR}preview-routes.ts`, 'revoke the preview link'),
  route('GET', '/apercu/:token', `${EDITOR}preview-routes.ts`, 'private preview for people without an account'),
  route('GET', '/admin/personnes.json', `${EDITOR}people-search-routes.ts`, "the byline's people search (?q=, JSON)"),
  // Media library.
  route('GET', '/admin/medias', `${MEDIA}media-routes.ts`, 'library (?type=images|audio|video, ?q=, ?page=)'),
  route('POST', '/admin/medias', `${MEDIA}image-admin-routes.ts`, 'image upload (multipart)'),
  route('GET', '/admin/medias.json', `${MEDIA}image-admin-routes.ts`, "the editor's image picker (?q=, ?page=)"),
  route('GET', '/admin/medias/nouveau', `${MEDIA}media-routes.ts`, 'upload forms'),
  route('GET POST', '/admin/medias/:id', `${MEDIA}image-admin-routes.ts`, 'an image: credit, alt text, focal point'),
  route('POST', '/admin/medias/:id/supprimer', `${MEDIA}image-admin-routes.ts`, 'delete an unused image'),
  route('POST', '/admin/medias/fichiers', `${MEDIA}media-file-admin-routes.ts`, 'sound or video upload (multipart)'),
  route('GET POST', '/admin/medias/fichiers/:id', `${MEDIA}media-file-admin-routes.ts`, 'a sound or video: title, credit'),
  route('POST', '/admin/medias/fichiers/:id/supprimer', `${MEDIA}media-file-admin-routes.ts`, 'delete an unused sound or video'),
  // Curation: la une, sections and navigation, dossiers, series, pages, people, settings.
  route('GET POST', '/admin/une', `${CURATION}home-curation-routes.ts`, 'la une: pick, order, remove'),
  route('GET', '/admin/rubriques', `${CURATION}sections-admin-routes.ts`, 'sections and the navigation'),
  route('POST', '/admin/rubriques/navigation', `${CURATION}sections-admin-routes.ts`, 'edit the navigation'),
  route('GET POST', '/admin/rubriques/nouvelle', `${CURATION}sections-admin-routes.ts`, 'new section'),
  route('GET POST', '/admin/rubriques/:id', `${CURATION}sections-admin-routes.ts`, 'a section'),
  route('POST', '/admin/rubriques/:id/supprimer', `${CURATION}sections-admin-routes.ts`, 'delete a section'),
  route('GET', '/admin/dossiers', `${CURATION}dossiers-admin-routes.ts`, 'dossiers'),
  route('GET POST', '/admin/dossiers/nouveau', `${CURATION}dossiers-admin-routes.ts`, 'new dossier'),
  route('GET POST', '/admin/dossiers/:id', `${CURATION}dossiers-admin-routes.ts`, 'a dossier'),
  route('POST', '/admin/dossiers/:id/articles', `${CURATION}dossiers-admin-routes.ts`, "add, order, remove a dossier's articles"),
  route('POST', '/admin/dossiers/:id/supprimer', `${CURATION}dossiers-admin-routes.ts`, 'delete a dossier'),
  route('GET', '/admin/series', `${CURATION}series-admin-routes.ts`, 'series'),
  route('GET POST', '/admin/series/nouvelle', `${CURATION}series-admin-routes.ts`, 'new series'),
  route('GET POST', '/admin/series/:id', `${CURATION}series-admin-routes.ts`, 'a series'),
  route('POST', '/admin/series/:id/supprimer', `${CURATION}series-admin-routes.ts`, 'delete a series'),
  route('GET', '/admin/pages', `${CURATION}pages-admin-routes.ts`, 'static pages'),
  route('GET POST', '/admin/pages/nouvelle', `${CURATION}pages-admin-routes.ts`, 'new page'),
  route('GET POST', '/admin/pages/:id', `${CURATION}pages-admin-routes.ts`, 'a page'),
  route('POST', '/admin/pages/:id/supprimer', `${CURATION}pages-admin-routes.ts`, 'delete a page'),
  route('GET', '/admin/personnes', `${CURATION}people-admin-routes.ts`, 'people (authors, contributors)'),
  route('GET POST', '/admin/personnes/nouvelle', `${CURATION}people-admin-routes.ts`, 'new person'),
  route('GET POST', '/admin/personnes/:id', `${CURATION}people-admin-routes.ts`, 'a person'),
  route('POST', '/admin/personnes/:id/supprimer', `${CURATION}people-admin-routes.ts`, 'delete a person'),
  route('GET POST', '/admin/reglages', `${CURATION}settings-admin-routes.ts`, 'publication settings'),
  // Moderation desk (comment:moderate).
  route('GET', '/admin/commentaires', 'comments/moderation/desk-routes.ts', 'queues: à modérer, signalés, refusés, tous (?article=)'),
  route('POST', '/admin/commentaires/decision', 'comments/moderation/desk-routes.ts', 'approve, refuse, feature… one or many'),
  route('POST', '/admin/commentaires/lecteurs/:id', 'comments/moderation/desk-routes.ts', 'warn, suspend, ban or reinstate a reader'),
  route('POST', '/admin/commentaires/articles/:id/retablir', 'comments/moderation/desk-routes.ts', 'reverse an automatic pré-modération'),
  route('GET POST', '/admin/commentaires/listes', 'comments/moderation/desk-routes.ts', 'word lists and disposable domains'),
  // Webhooks (integration:manage): endpoints that hear about article events, and their delivery log.
  route('GET POST', '/admin/webhooks', 'webhooks/webhook-routes.ts', 'endpoints; register one'),
  route('GET POST', '/admin/webhooks/:id', 'webhooks/webhook-routes.ts', 'an endpoint and its deliveries; edit it'),
  route('POST', '/admin/webhooks/:id/secret', 'webhooks/webhook-routes.ts', 'a new signing secret (shown once)'),
  route('POST', '/admin/webhooks/:id/test', 'webhooks/webhook-routes.ts', 'send a test event'),
  route('POST', '/admin/webhooks/:id/supprimer', 'webhooks/webhook-routes.ts', 'delete the endpoint'),
  route('POST', '/admin/webhooks/:id/envois/:deliveryId/renvoyer', 'webhooks/webhook-routes.ts', 'send a delivery again'),
  // The wire: news agencies (integration:manage) and the held dépêches (article:publish).
  route('GET POST', '/admin/agences', 'wire/wire-routes.ts', 'news agencies and their health; add one'),
  route('GET POST', '/admin/agences/:id', 'wire/wire-routes.ts', 'an agency: health, settings; edit it'),
  route('POST', '/admin/agences/:id/relever', 'wire/wire-routes.ts', 'poll the agency now'),
  route('POST', '/admin/agences/:id/supprimer', 'wire/wire-routes.ts', 'delete the agency (its dépêches stay)'),
  route('GET', '/admin/depeches', 'wire/wire-routes.ts', 'held dépêches (Dépêches en attente)'),
  route('POST', '/admin/depeches/:id/publier', 'wire/wire-routes.ts', 'publish a held dépêche'),
  route('POST', '/admin/depeches/:id/ecarter', 'wire/wire-routes.ts', 'discard a held dépêche'),
  // Content API keys (integrations): publication keys for headless front ends, shown once.
  route('GET POST', '/admin/api-contenu', 'content-api/content-key-admin.ts', 'Content API keys; create one'),
  route('POST', '/admin/api-contenu/:id/revoquer', 'content-api/content-key-admin.ts', 'revoke a key'),
  // The JSON API: each route is described in its OpenAPI document, which src/api/openapi-parity.test.ts
  // compares with the served routes; this line covers them all.
  route('GET POST PUT PATCH', '/api/admin/*', 'api/api-routes.ts', 'the admin API (Bearer token), see /api/admin/openapi.json'),
  // Moving in: WordPress and Ghost imports (site:import, administrators).
  route('GET POST', '/admin/import', 'importers/runs/import-routes.ts', 'send an export (multipart), latest imports'),
  route('GET', '/admin/import/:id', 'importers/runs/import-routes.ts', 'an import: progress, reports'),
  route('GET', '/admin/import/:id/etat', 'importers/runs/import-routes.ts', 'its step and progress (JSON, polled by the island)'),
  route('POST', '/admin/import/:id/lancer', 'importers/runs/import-routes.ts', 'start the import of a checked file'),
];
