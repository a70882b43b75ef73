import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashSecretToken, newSecretToken } from '../accounts/secret-token.ts';
import { isHttps } from '../accounts/session-store.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Config } from '../core/config.ts';
import type { Db } from '../core/db/database.ts';
import type { ReaderStatus } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';

/** A reader stays signed in 30 days after their last visit, 90 days at most. */
const READER_SESSION_IDLE_MS = 30 * 24 * 3600_000;
const READER_SESSION_MAX_MS = 90 * 24 * 3600_000;
const TOUCH_MS = 60_000;

/**
 * URLs where a reader's session is read. The article pages are not among them: they are shared
 * cached pages and must never depend on who asks.
 */
export const READER_AREA = /^\/(?:lecteurs|commentaires|commentaire)(?:[/?]|$)/;

/** The signed-in reader of a request (their own account: staff sessions are separate). */
export interface Reader {
  id: number;
  email: string;
  displayName: string;
  status: ReaderStatus;
  suspendedUntil: string | null;
  sanctionMessage: string;
  notifyReplies: boolean;
  createdAt: string;
  sessionHash: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in reader, under READER_AREA only; null otherwise. */
    reader: Reader | null;
  }
}

/** The reader cookie: `__Host-` prefixed over https; Lax so that arriving from a link keeps the session. */
export function readerCookieName(config: Config): string {
  return isHttps(config) ? '__Host-kiosque_lecteur' : 'kiosque_lecteur';
}

function cookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isHttps(config), maxAge: READER_SESSION_MAX_MS / 1000 };
}

/** Starts a session (new id on every sign-in) and sets the cookie. */
export async function startReaderSession(ctx: AppContext, reply: FastifyReply, readerId: number, now = new Date()): Promise<void> {
  const id = newSecretToken();
  await ctx.db
    .insertInto('reader_sessions')
    .values({
      id_hash: hashSecretToken(id),
      reader_id: readerId,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + READER_SESSION_IDLE_MS).toISOString(),
      last_seen_at: now.toISOString(),
    })
    .execute();
  reply.setCookie(readerCookieName(ctx.config), id, cookieOptions(ctx.config));
}

/** Ends the request's session server-side and clears the cookie. */
export async function endReaderSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.reader) await ctx.db.deleteFrom('reader_sessions').where('id_hash', '=', request.reader.sessionHash).execute();
  reply.clearCookie(readerCookieName(ctx.config), { path: '/' });
}

async function readReaderSession(db: Db, sessionId: string, now = new Date()): Promise<Reader | null> {
  if (sessionId.length < 20 || sessionId.length > 100) return null;
  const idHash = hashSecretToken(sessionId);
  const row = await db
    .selectFrom('reader_sessions')
    .innerJoin('readers', 'readers.id', 'reader_sessions.reader_id')
    .select([
      'reader_sessions.created_at as session_created_at',
      'reader_sessions.expires_at',
      'reader_sessions.last_seen_at',
      'readers.id',
      'readers.email',
      'readers.display_name',
      'readers.status',
      'readers.suspended_until',
      'readers.sanction_message',
      'readers.notify_replies',
      'readers.created_at',
    ])
    .where('reader_sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return null;
  const nowMs = now.getTime();
  const end = Date.parse(row.session_created_at) + READER_SESSION_MAX_MS;
  if (Date.parse(row.expires_at) <= nowMs || end <= nowMs) {
    await db.deleteFrom('reader_sessions').where('id_hash', '=', idHash).execute();
    return null;
  }
  if (nowMs - Date.parse(row.last_seen_at) >= TOUCH_MS) {
    await db
      .updateTable('reader_sessions')
      .set({ last_seen_at: now.toISOString(), expires_at: new Date(Math.min(nowMs + READER_SESSION_IDLE_MS, end)).toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    status: row.status,
    suspendedUntil: row.suspended_until,
    sanctionMessage: row.sanction_message,
    notifyReplies: row.notify_replies === 1,
    createdAt: row.created_at,
    sessionHash: idHash,
  };
}

/** Fills `request.reader` under READER_AREA from the reader cookie. */
export function installReaderSessions(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('reader', null);
  const name = readerCookieName(ctx.config);
  app.addHook('onRequest', (request, _reply, done) => {
    if (!READER_AREA.test(request.url)) return done();
    const id = request.cookies[name];
    if (!id) return done();
    readReaderSession(ctx.db, id).then((reader) => {
      request.reader = reader;
      done();
    }, done);
  });
}

/** preHandler: a signed-in reader is required; a browser is sent to the sign-in page and brought back. */
export async function requireReader(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.reader) return undefined;
  if (request.method === 'GET' || request.method === 'HEAD') {
    return reply.redirect(`/lecteurs/connexion?suite=${encodeURIComponent(request.url)}`, 303);
  }
  throw new AppError('unauthorized', 401, 'Connectez-vous pour continuer.');
}

/** The reader of a request that passed requireReader. */
export function readerOf(request: FastifyRequest): Reader {
  if (!request.reader) throw new AppError('unauthorized', 401, 'Connectez-vous pour continuer.');
  return request.reader;
}

/** Whether the reader may take part now (post, reply, like, report, edit): not banned, not suspended. */
export function assertReaderMayParticipate(reader: Pick<Reader, 'status' | 'suspendedUntil'>, now = new Date()): void {
  if (reader.status === 'banned')
    throw new AppError('forbidden', 403, 'Votre compte a été exclu des commentaires : vous ne pouvez plus participer.', {
      details: { reason: 'banned' },
    });
  if (reader.status === 'suspended' && (!reader.suspendedUntil || reader.suspendedUntil > now.toISOString()))
    throw new AppError('forbidden', 403, 'Votre compte est suspendu : vous ne pouvez pas participer pour le moment.', {
      details: { reason: 'suspended' },
    });
}

/** Only a path of this site outside the back office, to come back to after signing in. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500 || !value.startsWith('/') || /[\\\u0000-\u001f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, 'http://kiosque.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://kiosque.invalid' || url.pathname.startsWith('/admin') || url.pathname.startsWith('/lecteurs/connexion'))
    return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
