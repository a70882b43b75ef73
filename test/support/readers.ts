import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { readerCookieName } from '../../src/readers/reader-session.ts';
import {
  commentFields,
  insertApprovedComments,
  insertSignedInReaders,
  type ServedChallenge,
  solveServedChallenge,
} from '../../scripts/support/reader-client.ts';
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

/**
 * Creates a reader with a display name and a session, ready for app.inject. With `approvedOn`,
 * the reader also has a published comment from before on that article, so the "first comment"
 * rule no longer holds their posts back (see insertApprovedComments).
 */
export async function signInReader(
  app: FastifyInstance,
  over: { name?: string; email?: string; approvedOn?: number } = {},
): Promise<SignedInReader> {
  counter += 1;
  const unique = `${process.pid}${counter}${Math.random().toString(36).slice(2, 6)}`;
  const name = over.name ?? `Lecteur ${unique}`;
  const email = over.email ?? `lecteur-${unique}@exemple.fr`;
  const [{ id, session }] = await insertSignedInReaders(app.kiosque.db, [{ name, email }], 3600_000);
  if (over.approvedOn !== undefined) await insertApprovedComments(app.kiosque.db, [id], over.approvedOn);
  const csrf = await csrfPair(app);
  return { id, name, email, cookie: `${readerCookieName(app.kiosque.config)}=${session}; ${csrf.cookie}`, csrfToken: csrf.token };
}

/** Asks the server for a challenge and solves it, as the browser island does: the `altcha` field value. */
export async function solvedProof(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: 'GET', url: '/lecteurs/defi' });
  return solveServedChallenge(res.json() as ServedChallenge);
}

/**
 * Posts a comment (or with `parent`, a reply) as the reader, with a freshly solved proof unless
 * one is given (`altcha: ''` posts without, as a browser without JavaScript). Without `json` the
 * answer is the form's redirect; with it, the island's JSON. `remoteAddress`: the poster's address
 * (the burst rule counts per address).
 */
export async function postComment(
  app: FastifyInstance,
  reader: SignedInReader,
  articleId: number,
  /** `extra`: fields a browser would not send (forgeries). */
  input: { body: string; parent?: number; altcha?: string; extra?: Record<string, string> },
  options: { json?: boolean; remoteAddress?: string; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/commentaires/${articleId}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: reader.cookie,
      ...(options.json ? { accept: 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    payload: form({
      ...commentFields(reader.csrfToken, { body: input.body, parentId: input.parent, altcha: input.altcha ?? (await solvedProof(app)) }),
      ...input.extra,
    }),
  });
}

/** The comment id a form post was redirected to (`…#commentaire-N`), or NaN. */
export function postedId(response: LightMyRequestResponse): number {
  return Number(/#commentaire-(\d+)$/.exec(String(response.headers.location))?.[1]);
}

/** A urlencoded form body. */
export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
