/** Test helpers of the editor's integration tests: a small newsroom and form posts as a browser sends them. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createPerson, createSection, createSettings } from '../../../test/support/content-factories.ts';
import type { SignedIn } from '../../../test/support/sign-in.ts';
import type { Db } from '../../core/db/database.ts';
import { createArticle } from '../operations/save-article.ts';
import type { Actor } from '../../accounts/policy.ts';

/** A publication with two sections and two people. */
export async function newsroom(db: Db) {
  await createSettings(db, { name: 'La Gazette de test' });
  const section = await createSection(db, { name: 'International', slug: 'international' });
  const other = await createSection(db, { name: 'Économie', slug: 'economie' });
  const staff = await createPerson(db, { name: 'Jeanne Reporter', kind: 'staff' });
  const expert = await createPerson(db, { name: 'Paul Expert', kind: 'contributor' });
  return { section, other, staff, expert };
}

/** A draft made through the operations (so it has its first revision), as this actor. */
export async function draftBy(
  app: FastifyInstance,
  actor: Actor,
  input: { sectionId: number; headline?: string; authorPersonIds?: number[]; lead?: string },
) {
  return createArticle(app.kiosque, actor, {
    format: 'actualite',
    sectionId: input.sectionId,
    headline: input.headline ?? 'Un brouillon à relire',
    lead: input.lead ?? 'Le chapô du brouillon.',
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Premier paragraphe.' }] }] },
    authorPersonIds: input.authorPersonIds,
  });
}

/** The editor form's fields for a complete, valid article (override what a test is about). */
export function formFields(over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    format: 'actualite',
    sectionId: '',
    seriesId: '',
    kicker: 'Surtitre',
    headline: 'Un titre',
    slug: '',
    lead: 'Un chapô.',
    body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Un paragraphe.' }] }] }),
    heroImageId: '',
    authorPersonIds: [],
    authorPosition: [],
    tags: 'Diplomatie, Énergie',
    sourceOutlet: '',
    sourceUrl: '',
    sourceHeadline: '',
    newCorrection: '',
    seoTitle: '',
    seoDescription: '',
    commentsSetting: 'inherit',
    ...over,
  };
}

/** Posts a urlencoded form (repeated names for arrays) with the session and its CSRF token. */
export function postForm(
  app: FastifyInstance,
  who: SignedIn,
  url: string,
  fields: Record<string, string | string[]>,
): Promise<LightMyRequestResponse> {
  const body = new URLSearchParams();
  body.append('_csrf', who.csrfToken);
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** Posts JSON as the islands do (CSRF in the header). */
export function postJson(app: FastifyInstance, who: SignedIn, url: string, payload: unknown): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, accept: 'application/json', 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
}

/** GET with the session. */
export function getAs(app: FastifyInstance, who: SignedIn | null, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
}
