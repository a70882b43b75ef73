// A reader's side of the comment forms over real HTTP, for the crash test and the comments bench:
// a session created straight in the database, the CSRF pair and a solved proof-of-work as a browser
// gets them, and one comment posted as the comments island posts it (JSON answer).
import { solveChallenge } from 'altcha-lib/v1';
import { hashSecretToken, newSecretToken } from '../../src/accounts/secret-token.ts';
import type { Db } from '../../src/core/db/database.ts';
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
  const now = new Date().toISOString();
  const expires = new Date(Date.now() + 3 * 3600_000).toISOString();
  const clients: ReaderClient[] = [];
  for (let start = 0; start < count; start += 200) {
    const size = Math.min(200, count - start);
    const names = Array.from({ length: size }, (_, i) => `${options.label} ${start + i} ${process.pid}`);
    const rows = await db
      .insertInto('readers')
      .values(
        names.map((name, i) => ({
          email: `${foldedKey(options.label).replace(/[^a-z0-9]/g, '')}-${start + i}-${process.pid}@exemple.fr`,
          display_name: name,
          name_key: foldedKey(name),
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
    if (options.approvedOn !== null) {
      const articleId = options.approvedOn;
      await db
        .insertInto('comments')
        .values(
          rows.map((r) => ({
            article_id: articleId,
            reader_id: r.id,
            parent_id: null,
            body: `Premier avis de la lectrice ${r.id}.`,
            status: 'visible' as const,
            created_at: new Date(Date.now() - 2 * 86_400_000).toISOString(),
            edited_at: null,
            spam_score: null,
            decided_at: null,
            decided_by_user_id: null,
            contested_at: null,
          })),
        )
        .execute();
      await db
        .insertInto('comment_threads')
        .values({ article_id: articleId, visible_count: rows.length, auto_premoderation_at: null })
        .onConflict((oc) =>
          oc.column('article_id').doUpdateSet((eb) => ({ visible_count: eb('comment_threads.visible_count', '+', rows.length) })),
        )
        .execute();
    }
    rows.forEach((r, i) => {
      clients.push({ readerId: r.id, cookie: `kiosque_lecteur=${sessions[i]}; ${csrf.cookie}`, csrf: csrf.token });
    });
  }
  return clients;
}

/** Asks the server for a proof-of-work challenge and solves it, as the comments island does. */
export async function solvedProofOver(origin: string): Promise<string> {
  const challenge = (await (await fetch(`${origin}/lecteurs/defi`)).json()) as {
    algorithm: string;
    challenge: string;
    salt: string;
    signature: string;
    maxnumber: number;
  };
  const solution = await solveChallenge(challenge.challenge, challenge.salt, challenge.algorithm, challenge.maxnumber).promise;
  if (!solution) throw new Error('défi non résolu');
  return Buffer.from(JSON.stringify({ ...challenge, number: solution.number, maxnumber: undefined })).toString('base64');
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
      body: new URLSearchParams({
        _csrf: reader.csrf,
        body: input.body,
        parent: input.parentId === null ? '' : String(input.parentId),
        altcha,
      }),
    });
  } catch (error) {
    if (error instanceof TypeError) return null; // connection refused or reset: never acknowledged
    throw error;
  }
  if (response.status !== 201) throw new Error(`POST /commentaires/${input.articleId} : ${response.status} ${await response.text()}`);
  try {
    return ((await response.json()) as { id: number }).id;
  } catch (error) {
    if (error instanceof TypeError) return null; // cut off mid-answer: the client never learnt the id
    throw error;
  }
}
