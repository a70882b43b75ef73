import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from './app-error.ts';
import type { PageResponder } from './page-response.ts';

export interface ErrorHandlingOptions {
  pages: PageResponder;
  /** Renders the French error page for a status; must not throw (fall back to plain text if it does). */
  renderPage(status: number, message: string): Promise<string>;
  /** Where a GET that found nothing should go instead (an old address of an imported site), if anywhere. */
  redirectFor?(url: string): Promise<string | null>;
}

const FRENCH_MESSAGES: Record<number, string> = {
  400: 'La requête est mal formée.',
  404: 'Cette page n’existe pas ou a été déplacée.',
  405: 'Cette méthode n’est pas autorisée ici.',
  410: 'Ce contenu a été retiré par la rédaction.',
  413: 'Le contenu envoyé est trop volumineux.',
  415: 'Ce type de contenu n’est pas accepté.',
  422: 'Les données envoyées ne sont pas valides.',
  429: 'Trop de requêtes : réessayez dans quelques instants.',
  500: 'Une erreur inattendue est survenue. La rédaction technique a été prévenue.',
};

/** Turns every error into an AppError (stable code, status, safe message). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError('validation_failed', 400, FRENCH_MESSAGES[400], { details: error.issues });
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status = typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (status === 413) return new AppError('payload_too_large', 413, FRENCH_MESSAGES[413]);
  if (status === 415) return new AppError('unsupported_media_type', 415, FRENCH_MESSAGES[415]);
  if (status === 429) return new AppError('rate_limited', 429, FRENCH_MESSAGES[429]);
  if (status === 404) return AppError.notFound(FRENCH_MESSAGES[404]);
  if (status < 500) return new AppError('bad_request', status, FRENCH_MESSAGES[status] ?? FRENCH_MESSAGES[400]);
  return new AppError('internal', 500, FRENCH_MESSAGES[500], { expose: false, cause: error });
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json');
}

export type ErrorResponder = (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<void>;

/** One error handler and one not-found handler for the whole application; returns the responder for other callers. */
export function installErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): ErrorResponder {
  const respond = async (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
    // A page that no longer exists here may have lived at this address on an older site.
    if (error.status === 404 && options.redirectFor && (request.method === 'GET' || request.method === 'HEAD')) {
      const target = await options.redirectFor(request.url).catch(() => null);
      if (target) return void reply.redirect(target, 301);
    }
    if (error.status >= 500) request.log.error({ err: error.cause ?? error }, 'request failed');
    const message = error.expose ? error.message : (FRENCH_MESSAGES[error.status] ?? FRENCH_MESSAGES[500]);
    if (wantsJson(request)) {
      reply
        .code(error.status)
        .header('cache-control', 'no-store')
        .send({ error: { code: error.code, message, details: error.expose ? error.details : undefined } });
      return;
    }
    let page: string;
    try {
      page = await options.renderPage(error.status, message);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
      reply.code(error.status).type('text/plain; charset=utf-8').send(message);
      return;
    }
    options.pages.sendUncached(request, reply, { html: page, status: error.status });
  };

  app.setErrorHandler(async (error, request, reply) => respond(request, reply, toAppError(error)));
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, AppError.notFound(FRENCH_MESSAGES[404])));
  return respond;
}

/** The error for a URL that cannot be decoded (bad percent-encoding, broken UTF-8). */
export function badUrlError(): AppError {
  return AppError.badRequest('Cette adresse est mal formée.');
}
