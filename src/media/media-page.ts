import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../accounts/guards.ts';
import { renderAdminLayout, sendAdminHtml } from '../admin/admin-layout.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { fieldErrorsOf } from './media-input.ts';
import type { MediaLimits } from './media-limits.ts';
import { renderUploadPage } from './media-upload-view.ts';

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

/**
 * After a refused upload from a browser form: the upload screen again, with what was typed in the
 * form that failed (`image` or `file`), the errors by field and the error's status. JSON clients
 * and unexpected errors get the error itself.
 */
export function sendUploadFailure(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  failure: { error: unknown; form: 'image' | 'file'; fields: Record<string, string>; limits: MediaLimits },
): Promise<FastifyReply> {
  const { error } = failure;
  if (!(error instanceof AppError) || wantsJson(request)) throw error;
  const state = { values: failure.fields, errors: fieldErrorsOf(error), message: error.message };
  return sendMediaPage(ctx, request, reply, {
    title: 'Ajouter un média',
    status: error.status,
    main: (csrfToken) => renderUploadPage({ csrfToken, limits: failure.limits, [failure.form]: state }),
  });
}
