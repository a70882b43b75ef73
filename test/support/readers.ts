import type { FastifyInstance } from 'fastify';
import { solveChallenge } from 'altcha-lib/v1';
import { hashSecretToken, newSecretToken } from '../../src/accounts/secret-token.ts';
import { readerCookieName } from '../../src/readers/reader-session.ts';
import { foldedKey } from '../../src/core/text/loose-match.ts';
import { csrfPair } from './sign-in.ts';

let counter = 0;

export interface SignedInReader {
  id: number;
  name: string;
  email: string;
  /** Cookie header: the reader session and the CSRF secret. */
  cookie: string;
  csrfToken: string;
}

/** Creates a reader with a display name and a session, ready for app.inject. */
export async function signInReader(app: FastifyInstance, over: { name?: string; email?: string } = {}): Promise<SignedInReader> {
  counter += 1;
  const unique = `${process.pid}${counter}${Math.random().toString(36).slice(2, 6)}`;
  const name = over.name ?? `Lecteur ${unique}`;
  const email = over.email ?? `lecteur-${unique}@exemple.fr`;
  const now = new Date().toISOString();
  const db = app.kiosque.db;
  const { id } = await db
    .insertInto('readers')
    .values({ email, display_name: name, name_key: foldedKey(name), suspended_until: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = newSecretToken();
  const expires = new Date(Date.now() + 3600_000).toISOString();
  await db
    .insertInto('reader_sessions')
    .values({ id_hash: hashSecretToken(session), reader_id: id, created_at: now, expires_at: expires, last_seen_at: now })
    .execute();
  const csrf = await csrfPair(app);
  return { id, name, email, cookie: `${readerCookieName(app.kiosque.config)}=${session}; ${csrf.cookie}`, csrfToken: csrf.token };
}

/** Asks the server for a challenge and solves it, as the browser island does: the `altcha` field value. */
export async function solvedProof(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/lecteurs/defi' });
  const challenge = res.json() as { algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number };
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('Défi non résolu');
  return Buffer.from(JSON.stringify({ ...challenge, number: solution.number, maxnumber: undefined })).toString('base64');
}

/** A urlencoded form body. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
