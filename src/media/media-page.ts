import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../accounts/guards.ts';
import { renderAdminLayout, sendAdminHtml } from '../admin/admin-layout.ts';
import type { AppContext } from '../core/app-context.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';

/** A media-library screen: its title, main area (rendered once the CSRF token is known) and status. */
export interface MediaPage {
  title: string;
  main: (csrfToken: string) => string;
  status?: number;
}

/** Sends a media-library screen in the back-office layout (never cached), with a fresh CSRF token. */
export async function sendMediaPage(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, page: MediaPage): Promise<FastifyReply> {
  const { settings } = await loadSiteChrome(ctx.db);
  const csrfToken = reply.generateCsrf();
  const document = renderAdminLayout(ctx, actorOf(request), {
    title: page.title,
    active: 'medias',
    main: page.main(csrfToken),
    csrfToken,
    publicationName: settings.name,
  });
  return sendAdminHtml(ctx, reply, document, page.status ?? 200);
}

/** True when the client asked for JSON (the islands' fetch calls), false for a browser form. */
export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').startsWith('application/json');
}
