import type { FastifyReply } from 'fastify';
import { can, type Actor, type Permission, ROLE_LABELS } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { ADMIN_CSS, ADMIN_EDITOR_JS, ADMIN_JS } from './admin-assets.ts';

/** One entry of the back-office menu, shown only to those who hold its permission. */
interface MenuEntry {
  id: string;
  label: string;
  href: string;
  permission?: Permission;
}

const MENU: MenuEntry[] = [
  { id: 'tableau-de-bord', label: 'Tableau de bord', href: '/admin' },
  { id: 'articles', label: 'Articles', href: '/admin/articles' },
  { id: 'medias', label: 'Médiathèque', href: '/admin/medias', permission: 'media:upload' },
  { id: 'une', label: 'La une', href: '/admin/une', permission: 'curation:home' },
  { id: 'rubriques', label: 'Rubriques et navigation', href: '/admin/rubriques', permission: 'curation:sections' },
  { id: 'dossiers', label: 'Dossiers', href: '/admin/dossiers', permission: 'curation:dossiers' },
  { id: 'series', label: 'Séries', href: '/admin/series', permission: 'curation:series' },
  { id: 'podcasts', label: 'Podcasts', href: '/admin/podcasts', permission: 'curation:podcasts' },
  { id: 'pages', label: 'Pages', href: '/admin/pages', permission: 'curation:pages' },
  { id: 'personnes', label: 'Auteurs', href: '/admin/personnes', permission: 'curation:people' },
  { id: 'veille', label: 'Veille', href: '/admin/veille', permission: 'desk:use' },
  { id: 'depeches', label: 'Dépêches en attente', href: '/admin/depeches', permission: 'article:publish' },
  { id: 'commentaires', label: 'Commentaires', href: '/admin/commentaires', permission: 'comment:moderate' },
  { id: 'newsletters', label: 'Newsletters', href: '/admin/newsletters', permission: 'newsletter:manage' },
  { id: 'reglages', label: 'Réglages', href: '/admin/reglages', permission: 'settings:manage' },
  { id: 'utilisateurs', label: 'Utilisateurs', href: '/admin/utilisateurs', permission: 'user:manage' },
  { id: 'journal', label: 'Journal d’audit', href: '/admin/journal', permission: 'audit:read' },
  { id: 'jetons', label: 'Jetons d’API', href: '/admin/jetons', permission: 'token:manage-own' },
  { id: 'webhooks', label: 'Webhooks', href: '/admin/webhooks', permission: 'integration:manage' },
  { id: 'api-contenu', label: 'API de contenu', href: '/admin/api-contenu', permission: 'integration:manage' },
  { id: 'import', label: 'Importer un site', href: '/admin/import', permission: 'site:import' },
  { id: 'agences', label: 'Agences de presse', href: '/admin/agences', permission: 'integration:manage' },
];

export interface AdminPage {
  /** Shown in <title> and as the page's h1 unless the main content has its own. */
  title: string;
  /** Pre-rendered HTML of the main area. */
  main: string;
  /** Menu entry to mark as current. */
  active?: string;
  /** CSRF token for the forms of the chrome (sign out). */
  csrfToken: string;
  /** Publication name for the header. */
  publicationName: string;
}

/** The back-office document: header with the signed-in person, menu by permission, main area. */
export function renderAdminLayout(ctx: AppContext, actor: Actor | null, page: AdminPage): string {
  const menu = actor ? MENU.filter((e) => !e.permission || can(actor, e.permission)) : [];
  return `<!doctype html>${html`<html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><meta name="csrf-token" content="${page.csrfToken}"><title>${page.title} · Administration · ${page.publicationName}</title><link rel="stylesheet" href="${ctx.assets.url(ADMIN_CSS)}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><meta name="kiosque-editor-script" content="${ctx.assets.url(ADMIN_EDITOR_JS)}"><script type="module" src="${ctx.assets.url(ADMIN_JS)}"></script></head><body class="admin"><a class="skip-link" href="#contenu">Aller au contenu</a><header class="admin-header"><a class="admin-header__brand" href="/admin">${page.publicationName} <span>· administration</span></a>!${
    actor
      ? html`<div class="admin-header__user"><span>${actor.name} <span class="admin-header__role">(${actor.role === 'system' ? 'système' : ROLE_LABELS[actor.role]})</span></span><a href="/admin/compte">Mon compte</a><a href="/" class="admin-header__site">Voir le site</a><form method="post" action="/admin/deconnexion"><input type="hidden" name="_csrf" value="${page.csrfToken}"><button type="submit" class="button button--quiet">Se déconnecter</button></form></div>`
      : ''
  }</header><div class="admin-body">!${
    menu.length
      ? html`<nav class="admin-menu" aria-label="Menu de l’administration"><ul>!${menu.map((e) => html`<li><a href="${e.href}"!${e.id === page.active ? ' aria-current="page"' : ''}>${e.label}</a></li>`)}</ul></nav>`
      : ''
  }<main id="contenu" class="admin-main">!${page.main}</main></div></body></html>`}`;
}

/** Sends a back-office page: never cached anywhere, same security headers as the public site. */
export function sendAdminHtml(ctx: AppContext, reply: FastifyReply, document: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .headers({ ...ctx.htmlHeaders, 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' })
    .send(document);
}

/** Reads `?ok=<code>` and gives the matching French notice, if the screen knows the code. */
export function noticeFromQuery(query: unknown, messages: Record<string, string>): string | null {
  const code = query && typeof query === 'object' ? (query as Record<string, unknown>).ok : undefined;
  return typeof code === 'string' && Object.hasOwn(messages, code) ? messages[code] : null;
}
