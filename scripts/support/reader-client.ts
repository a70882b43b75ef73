// A reader's side of the comment forms over real HTTP, for the crash test and the comments bench:
// a session created straight in the database, the CSRF pair and a solved proof-of-work as a browser
// gets them, and one comment posted as the comments island posts it (JSON answer).
import { solveChallenge } from 'altcha-lib/v1';
import { hashSecretToken, newSecretToken } from '../../src/accounts/secret-token.ts';
import type { Db } from '../../src/core/db/database.ts';
import { parseServerTiming } from '../../src/core/http/server-timing.ts';
import { foldedKey } from '../../src/core/text/loose-match.ts';

/** A signed-in reader, as cookies and the form token an HTTP client sends. */
export interface ReaderClient {
  readerId: number;
  cookie: string;
  csrf: string;
}

/** The CSRF cookie and token, read from the sign-in form as a browser would. */
export async function csrfPairOver(origin: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${origin}/admin/connexion`);
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => /^(__Host-)?kiosque_csrf=/.test(c));
  if (!token || !cookie) throw new Error('pas de jeton CSRF sur /admin/connexion');
  return { cookie, token };
}

/** A new reader to insert: their name and e-mail address. */
export interface NewReader {
  name: string;
  email: string;
}

/**
 * THE way tests, the crash test and the bench make signed-in readers: each reader row with its
 * display name and a session, in batches; returns each one's id and session id (the cookie's value).
 */
export async function insertSignedInReaders(
  db: Db,
  readers: NewReader[],
  sessionMs = 3 * 3600_000,
): Promise<{ id: number; session: string }[]> {
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + sessionMs).toISOString();
  const made: { id: number; session: string }[] = [];
  for (let start = 0; start < readers.length; start += 200) {
    const batch = readers.slice(start, start + 200);
    const rows = await db
      .insertInto('readers')
      .values(
        batch.map((r) => ({
          email: r.email,
          display_name: r.name,
          name_key: foldedKey(r.name),
          suspended_until: null,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning('id')
      .execute();
    const sessions = rows.map(() => newSecretToken());
    await db
      .insertInto('reader_sessions')
      .values(
        rows.map((r, i) => ({
          id_hash: hashSecretToken(sessions[i]),
          reader_id: r.id,
          created_at: now,
          expires_at: expires,
          last_seen_at: now,
        })),
      )
      .execute();
    made.push(...rows.map((r, i) => ({ id: r.id, session: sessions[i] })));
  }
  return made;
}

/**
 * One published comment from two days ago for each reader, on the article: the "first comment"
 * rule then no longer holds their posts back. Inserted directly: the article's visible count
 * includes them only when `counted` (tests that count the posts they make leave it off).
 */
export async function insertApprovedComments(db: Db, readerIds: number[], articleId: number, counted = false): Promise<void> {
  const at = new Date(Date.now() - 2 * 86_400_000).toISOString();
  for (let start = 0; start < readerIds.length; start += 200)
    await db
      .insertInto('comments')
      .values(
        readerIds.slice(start, start + 200).map((id) => ({
          article_id: articleId,
          reader_id: id,
          parent_id: null,
          body: `Ancien avis du lecteur ${id}.`,
          status: 'visible' as const,
          created_at: at,
          edited_at: null,
          spam_score: null,
          decided_at: null,
          decided_by_user_id: null,
          contested_at: null,
        })),
      )
      .execute();
  if (counted && readerIds.length > 0)
    await db
      .insertInto('comment_threads')
      .values({ article_id: articleId, visible_count: readerIds.length, auto_premoderation_at: null })
      .onConflict((oc) =>
        oc.column('article_id').doUpdateSet((eb) => ({ visible_count: eb('comment_threads.visible_count', '+', readerIds.length) })),
      )
      .execute();
}

/**
 * Readers with a display name, a session and (unless `approvedOn` is null) one comment already
 * approved on that article, so the "first comment" rule no longer holds their posts back.
 */
export async function createReaderClients(
  db: Db,
  count: number,
  csrf: { cookie: string; token: string },
  options: { label: string; approvedOn: number | null },
): Promise<ReaderClient[]> {
  const prefix = foldedKey(options.label).replace(/[^a-z0-9]/g, '');
  const made = await insertSignedInReaders(
    db,
    Array.from({ length: count }, (_, i) => ({
      name: `${options.label} ${i} ${process.pid}`,
      email: `${prefix}-${i}-${process.pid}@exemple.fr`,
    })),
  );
  if (options.approvedOn !== null)
    await insertApprovedComments(
      db,
      made.map((r) => r.id),
      options.approvedOn,
      true,
    );
  return made.map((r) => ({ readerId: r.id, cookie: `kiosque_lecteur=${r.session}; ${csrf.cookie}`, csrf: csrf.token }));
}

/** A proof-of-work challenge as /lecteurs/defi serves it. */
export interface ServedChallenge {
  algorithm: string;
  challenge: string;
  salt: string;
  signature: string;
  maxnumber: number;
}

/** Solves a challenge as the comments island does: the `altcha` field's value. */
export async function solveServedChallenge(challenge: ServedChallenge): Promise<string> {
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('défi non résolu');
  return Buffer.from(JSON.stringify({ ...challenge, number: solution.number, maxnumber: undefined })).toString('base64');
}

/** Asks the server for a proof-of-work challenge and solves it, as the comments island does. */
export async function solvedProofOver(origin: string): Promise<string> {
  return solveServedChallenge((await (await fetch(`${origin}/lecteurs/defi`)).json()) as ServedChallenge);
}

/** The fields of the comment form as the island posts them. */
export function commentFields(csrf: string, input: { body: string; parentId?: number | null; altcha: string }): Record<string, string> {
  return { _csrf: csrf, body: input.body, parent: input.parentId ? String(input.parentId) : '', altcha: input.altcha };
}

/**
 * Posts one comment as the island does (Accept: application/json) from the given address (the
 * server must trust 127.0.0.1 as a proxy). The id when the server acknowledged it (201); null when
 * the connection died before an answer; any other answer throws.
 */
export async function postCommentOver(
  origin: string,
  reader: ReaderClient,
  input: { articleId: number; body: string; parentId: number | null; ip: string; altcha?: string },
): Promise<number | null> {
  return (await postCommentTimed(origin, reader, input)).id;
}

/** postCommentOver, with the server's own timing of the post (its Server-Timing phases, in ms; empty when unanswered). */
export async function postCommentTimed(
  origin: string,
  reader: ReaderClient,
  input: { articleId: number; body: string; parentId: number | null; ip: string; altcha?: string },
): Promise<{ id: number | null; server: Record<string, number> }> {
  let response: Response;
  try {
    const altcha = input.altcha ?? (await solvedProofOver(origin));
    response = await fetch(`${origin}/commentaires/${input.articleId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        cookie: reader.cookie,
        'x-forwarded-for': input.ip,
      },
      body: new URLSearchParams(commentFields(reader.csrf, { ...input, altcha })),
    });
  } catch (error) {
    if (error instanceof TypeError) return { id: null, server: {} }; // connection refused or reset: never acknowledged
    throw error;
  }
  if (response.status !== 201) throw new Error(`POST /commentaires/${input.articleId} : ${response.status} ${await response.text()}`);
  const server = parseServerTiming(response.headers.get('server-timing'));
  try {
    return { id: ((await response.json()) as { id: number }).id, server };
  } catch (error) {
    if (error instanceof TypeError) return { id: null, server: {} }; // cut off mid-answer: the client never learnt the id
    throw error;
  }
}
