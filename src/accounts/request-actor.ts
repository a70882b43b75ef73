import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import { resolveBearerActor } from '../api/tokens/token-operations.ts';
import { readSession, sessionCookieName, type SessionUser } from './session-store.ts';

/** URLs whose requests may carry a signed-in person. Everything else is public and never reads a session. */
export const SIGNED_IN_AREA = /^\/(?:admin|api\/admin|apercu)(?:[/?]|$)/;

interface RequestSession {
  /** The cookie value (to delete the session on sign-out). */
  sessionId: string;
  user: SessionUser;
}

const sessions = new WeakMap<FastifyRequest, RequestSession>();

/** The session behind a request, including one still waiting for its TOTP code (then request.actor is null). */
export function sessionOf(request: FastifyRequest): RequestSession | null {
  return sessions.get(request) ?? null;
}

/**
 * Fills `request.actor` for the back office, the admin API and private previews: from a bearer
 * token under /api/admin, otherwise from the session cookie. A session whose holder has a second
 * factor and has not given the code yet leaves the actor null (only the code screen reads it).
 */
export function installActorHook(app: FastifyInstance, ctx: AppContext): void {
  const cookieName = sessionCookieName(ctx.config);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!SIGNED_IN_AREA.test(request.url)) return done();
    resolveActor(request).then(() => done(), done);
  });

  async function resolveActor(request: FastifyRequest): Promise<void> {
    if (request.url.startsWith('/api/admin')) {
      // A bad token is a 401 (thrown), never a fall-back to the cookie.
      const actor = await resolveBearerActor(ctx.db, request.headers.authorization);
      if (actor) {
        request.actor = actor;
        return;
      }
    }
    const sessionId = request.cookies[cookieName];
    if (!sessionId) return;
    const user = await readSession(ctx.db, sessionId);
    if (!user) return;
    sessions.set(request, { sessionId, user });
    if (user.totpEnabled && !user.secondFactorDone) return;
    request.actor = { userId: user.userId, name: user.name, role: user.role, personId: user.personId };
  }
}
