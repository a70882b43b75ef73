import fastifyCsrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../core/config.ts';
import { AppError } from '../core/http/app-error.ts';
import { bearerSecret } from '../api/tokens/api-token-secret.ts';
import { isCrossSiteRequest } from './request-origin.ts';
import { isHttps } from './session-store.ts';

/** The message of every refused state-changing request (missing or stale token, other site). */
export const CSRF_REFUSED = 'Requête refusée par mesure de sécurité : rechargez la page et réessayez.';

function csrfError(): AppError {
  return new AppError('forbidden', 403, CSRF_REFUSED, { details: { reason: 'csrf' } });
}

/** The CSRF secret cookie's name (`__Host-` over https, like the session cookie). */
export function csrfCookieName(config: Config): string {
  return isHttps(config) ? '__Host-kiosque_csrf' : 'kiosque_csrf';
}

/** Requests under /api/admin authenticated by a bearer token carry no cookie, so CSRF does not apply. */
export function isBearerApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/admin') && bearerSecret(request.headers.authorization) !== null;
}

// The token: the `_csrf` form field, or the `x-csrf-token` header sent by the islands' fetch calls.
// Multipart forms are parsed by the route itself, so they may carry it in the query string instead.
function getToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string' && header) return header;
  const body = request.body as { _csrf?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body._csrf === 'string') return body._csrf;
  if ((request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const query = request.query as { _csrf?: unknown } | undefined;
    if (typeof query?._csrf === 'string') return query._csrf;
  }
  return undefined;
}

type Done = (error?: Error) => void;

/**
 * Registers @fastify/csrf-protection (secret in a signed cookie) and replaces `app.csrfProtection`
 * with a hook that can be used as a route's `onRequest`: it refuses cross-site requests at once,
 * checks a header token at once, and checks a form-field token after the body is parsed
 * (the plugin's own hook would run before the body exists).
 */
export async function installCsrf(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyCsrf, {
    cookieKey: csrfCookieName(config),
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'strict', secure: isHttps(config), signed: true },
    getToken: (request) => getToken(request),
    logLevel: 'debug',
  });
  const pluginCheck = app.csrfProtection;

  // Runs the plugin's check with a reply stand-in, so a refusal becomes our French AppError.
  const tokenIsValid = (request: FastifyRequest, reply: FastifyReply): boolean => {
    let refused = false;
    const probe = {
      send: () => {
        refused = true;
      },
      unsignCookie: (value: string) => reply.unsignCookie(value),
    };
    pluginCheck.call(app, request, probe as unknown as FastifyReply, () => {});
    return !refused;
  };

  const deferred = new WeakSet<FastifyRequest>();

  function csrfProtection(request: FastifyRequest, reply: FastifyReply, done: Done): void {
    if (isBearerApiRequest(request)) return done();
    if (isCrossSiteRequest(request, config.publicUrl)) return done(csrfError());
    if (typeof request.headers['x-csrf-token'] === 'string') return done(tokenIsValid(request, reply) ? undefined : csrfError());
    deferred.add(request);
    done();
  }
  app.csrfProtection = csrfProtection as FastifyInstance['csrfProtection'];

  app.addHook('preValidation', (request, reply, done) => {
    if (!deferred.has(request)) return done();
    done(tokenIsValid(request, reply) ? undefined : csrfError());
  });
}
