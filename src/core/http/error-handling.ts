import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError } from './app-error.ts';
import { fieldProblems } from './validation.ts';
import { cacheControlFor, type PageResponder } from './page-response.ts';
import { infrastructureCause } from '../db/infrastructure-errors.ts';

export interface ErrorHandlingOptions {
  pages: PageResponder;
  /**
   * Renders the French error page for a status; must not throw (fall back to plain text if it
   * does). A server error names the request (its id, as in the log) for the reader to quote.
   */
  renderPage(status: number, message: string, reference?: string): Promise<string>;
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
  503: 'Le site est momentanément indisponible. Réessayez dans quelques instants.',
};

/** Turns every error into an AppError (stable code, status, safe message). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // A schema refused the input: the one validation error, 422 with the field problems.
  if (error instanceof ZodError) return AppError.invalid(FRENCH_MESSAGES[422], fieldProblems(error));
  const e = error as { statusCode?: number; code?: string; message?: string };
  const status = typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 600 ? e.statusCode : 500;
  if (status === 413) return new AppError('payload_too_large', 413, FRENCH_MESSAGES[413]);
  if (status === 415) return new AppError('unsupported_media_type', 415, FRENCH_MESSAGES[415]);
  if (status === 429) return new AppError('rate_limited', 429, FRENCH_MESSAGES[429]);
  if (status === 404) return AppError.notFound(FRENCH_MESSAGES[404]);
  if (status < 500) return new AppError('bad_request', status, FRENCH_MESSAGES[status] ?? FRENCH_MESSAGES[400]);
  // Disk full, read-only folder, database unreachable: not the request's fault, and temporary.
  if (infrastructureCause(error)) return new AppError('unavailable', 503, FRENCH_MESSAGES[503], { expose: false, cause: error });
  return new AppError('internal', 500, FRENCH_MESSAGES[500], { expose: false, cause: error });
}

/** JSON for the API, for the back office's `.json` endpoints, and for clients that ask for it. */
function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0];
  return path.startsWith('/api/') || path.endsWith('.json') || (request.headers.accept ?? '').startsWith('application/json');
}

export type ErrorResponder = (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<void>;

/** One error handler and one not-found handler for the whole application; returns the responder for other callers. */
export function installErrorHandling(app: FastifyInstance, options: ErrorHandlingOptions): ErrorResponder {
  const respond = async (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
    if (error.status >= 500) {
      const cause = infrastructureCause(error.cause ?? error);
      request.log.error({ err: error.cause ?? error }, cause ? `request failed: ${cause}` : 'request failed');
    }
    if (error.status === 503) reply.header('retry-after', '10');
    // A page that no longer exists here may have lived at this address on an older site.
    if (error.status === 404 && options.redirectFor && (request.method === 'GET' || request.method === 'HEAD')) {
      const target = await options.redirectFor(request.url).catch(() => null);
      if (target) return void reply.redirect(target, 301);
    }
    const message = error.expose ? error.message : (FRENCH_MESSAGES[error.status] ?? FRENCH_MESSAGES[500]);
    if (wantsJson(request)) {
      reply
        .code(error.status)
        // Also reached without the onSend hooks (undecodable URLs): the Cache-Control rule is applied here.
        .header('cache-control', cacheControlFor(request.url, 'no-store') ?? 'no-store')
        .send({ error: { code: error.code, message, details: error.expose ? error.details : undefined } });
      return;
    }
    let page: string;
    try {
      page = await options.renderPage(error.status, message, error.status >= 500 ? request.id : undefined);
    } catch (renderError) {
      request.log.error({ err: renderError }, 'error page failed to render');
      reply.code(error.status).type('text/plain; charset=utf-8').send(message);
      return;
    }
    // A server error page names its request: never kept by a shared cache.
    options.pages.sendUncached(request, reply, {
      html: page,
      status: error.status,
      cacheControl: error.status >= 500 ? 'no-store' : undefined,
    });
  };

  app.setErrorHandler(async (error, request, reply) => respond(request, reply, toAppError(error)));
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, AppError.notFound(FRENCH_MESSAGES[404])));
  return respond;
}

/** The error for a URL that cannot be decoded (bad percent-encoding, broken UTF-8). */
export function badUrlError(): AppError {
  return AppError.badRequest('Cette adresse est mal formée.');
}
