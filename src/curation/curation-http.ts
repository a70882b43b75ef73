import type {} from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../accounts/guards.ts';
import { renderAdminLayout, sendAdminHtml } from '../admin/admin-layout.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';

/**
 * The CSRF check of every state-changing curation route, as its `onRequest` hook (the accounts
 * plugin checks the `_csrf` form field once the body is parsed). Fails closed: without the
 * plugin's check, nothing is accepted.
 */
export function csrfCheck(app: FastifyInstance) {
  return function checkCsrf(request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void {
    if (typeof app.csrfProtection !== 'function') {
      done(new AppError('forbidden', 403, 'Jeton de sécurité manquant ou invalide : rechargez la page.'));
      return;
    }
    app.csrfProtection.call(app, request, reply, done);
  };
}

/** A CSRF token for the forms of the page being rendered. */
export function csrfTokenFor(reply: FastifyReply): string {
  return typeof reply.generateCsrf === 'function' ? reply.generateCsrf() : '';
}

/** The body of a urlencoded form post, as strings (a repeated name gives an array). */
export function formBody(request: FastifyRequest): Record<string, string | string[] | undefined> {
  const body = request.body;
  return body && typeof body === 'object' ? (body as Record<string, string | string[] | undefined>) : {};
}

/** A form value that may be repeated, as an array (absent → []). */
export function formList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A single form value (the first when repeated). */
export function formValue(value: string | string[] | undefined): string {
  if (value === undefined) return '';
  return Array.isArray(value) ? (value[0] ?? '') : value;
}

export interface CurationPage {
  title: string;
  /** Menu entry of the admin layout. */
  active: string;
  /** Renders the main area once the CSRF token is known. */
  main: (csrfToken: string) => string;
  status?: number;
  /** The token already given to the forms, if the caller rendered them first. */
  csrfToken?: string;
}

/** Renders a curation screen in the back-office layout (never cached). */
export async function sendCurationPage(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  page: CurationPage,
): Promise<FastifyReply> {
  const chrome = await loadSiteChrome(ctx.db);
  const csrfToken = page.csrfToken ?? csrfTokenFor(reply);
  const document = renderAdminLayout(ctx, actorOf(request), {
    title: page.title,
    active: page.active,
    main: page.main(csrfToken),
    csrfToken,
    publicationName: chrome.settings.name,
  });
  return sendAdminHtml(ctx, reply, document, page.status ?? 200);
}

/** Post/redirect/get: back to a screen with a notice code it knows how to word. */
export function seeOther(reply: FastifyReply, path: string): FastifyReply {
  return reply.redirect(path, 303);
}
