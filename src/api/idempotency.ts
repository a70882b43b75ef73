import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';

/** How long a key is remembered: a client retries within minutes; a day covers a long outage. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

const KEY = /^[\x21-\x7e]{1,255}$/;

/** What the first call answered, to send again to a retry. */
export interface StoredResponse {
  status: number;
  location: string | null;
  body: unknown;
}

/** The Idempotency-Key header of a request, checked (visible ASCII, 1–255 characters), or undefined. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!KEY.test(key)) {
    throw new AppError('validation_failed', 422, 'En-tête Idempotency-Key invalide : 1 à 255 caractères ASCII visibles.');
  }
  return key;
}

/** What makes two requests "the same": method, path and body (JSON), or the upload's type and length. */
function fingerprintOf(request: FastifyRequest): string {
  const hash = createHash('sha256').update(`${request.method} ${request.url.split('?')[0]}\n`);
  if (request.body !== undefined) hash.update(JSON.stringify(request.body));
  else hash.update(`${request.headers['content-type'] ?? ''};${request.headers['content-length'] ?? ''}`);
  return hash.digest('hex');
}

/**
 * Runs a state-changing API call at most once per (user, key) for 24 h, as payment APIs do: the
 * first call's response is stored; a retry with the same key and the same request gets it again
 * (header `Idempotent-Replayed: true`) and changes nothing; the same key with another request is
 * a 422; a retry while the first call still runs is a 409. A failed call leaves no trace, so
 * it may be retried with the same key.
 */
export async function runIdempotent(
  db: Db,
  userId: number,
  key: string,
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<unknown>,
): Promise<unknown> {
  const fingerprint = fingerprintOf(request);
  const now = new Date();
  const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_MS).toISOString();
  // Forget expired keys (this user's, so the delete stays small), then claim the key.
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('created_at', '<', expired).execute();
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, fingerprint, status: null, location: null, body: null, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const first = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!first) throw new AppError('conflict', 409, 'Cette clé d’idempotence est en cours de traitement : réessayez.');
    if (first.fingerprint !== fingerprint) {
      throw new AppError('idempotency_key_reused', 422, 'Cette clé Idempotency-Key a déjà servi pour une autre requête.');
    }
    if (first.status === null) throw new AppError('conflict', 409, 'La requête de cette clé Idempotency-Key est encore en cours.');
    reply.code(first.status).header('idempotent-replayed', 'true');
    if (first.location) reply.header('location', first.location);
    return first.body === null ? null : JSON.parse(first.body);
  }

  let result: unknown;
  try {
    result = await run();
  } catch (error) {
    await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute();
    throw error;
  }
  const location = reply.getHeader('location');
  await db
    .updateTable('idempotency_keys')
    .set({
      status: reply.statusCode,
      location: typeof location === 'string' ? location : null,
      body: result === undefined ? null : JSON.stringify(result),
    })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
  return result;
}
