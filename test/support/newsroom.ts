/**
 * Shared helpers of the back-office acceptance tests (test/e2e/newsroom-*, test/security/):
 * form posts as a browser sends them, a newsroom to work in, the route table, a snapshot of the
 * database to prove a refused request changed nothing, and signing in through the real form.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Page } from 'playwright-core';
import type { Db } from '../../src/core/db/database.ts';
import type { Database } from '../../src/core/db/schema.ts';
import { createImage, createPerson, createSection, createSettings } from './content-factories.ts';
import type { SignedIn } from './sign-in.ts';

/** Where the end-to-end tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'screenshots');

export type FormFields = Record<string, string | number | readonly (string | number)[]>;

/** The urlencoded body of a form post: repeated names for lists. */
export function formBody(fields: FormFields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, String(v));
  }
  return params.toString();
}

/** POSTs a form with the session (and, unless told otherwise, its CSRF token in `_csrf`). */
export function postFormAs(
  app: FastifyInstance,
  who: SignedIn | null,
  url: string,
  fields: FormFields,
  options: { csrf?: boolean } = {},
): Promise<LightMyRequestResponse> {
  const withToken = who && options.csrf !== false ? { _csrf: who.csrfToken, ...fields } : fields;
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(who ? { cookie: who.cookie } : {}) },
    payload: formBody(withToken),
  });
}

/** GET with the session, or anonymously. */
export function getAs(app: FastifyInstance, who: SignedIn | null, url: string): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
}

/** A publication to work in: settings, two sections, a staff journalist, a contributor, a credited image. */
export async function createNewsroom(db: Db) {
  await createSettings(db, { name: 'La Gazette des essais' });
  const section = await createSection(db, { name: 'International', slug: 'international' });
  const other = await createSection(db, { name: 'Économie', slug: 'economie' });
  const staff = await createPerson(db, { name: 'Jeanne Reporter', kind: 'staff' });
  const expert = await createPerson(db, { name: 'Paul Expert', kind: 'contributor' });
  const image = await createImage(db, { alt: 'Le port au matin', credit: 'AFP / Jeanne Martin' });
  return { section, other, staff, expert, image };
}

/** A plain Tiptap document of paragraphs. */
export function paragraphs(...texts: string[]): { type: 'doc'; content: unknown[] } {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) };
}

/**
 * Every route Fastify serves, read from its own route tree (`printRoutes({ commonPrefix: false })`):
 * "METHOD /path/:param" strings, without the HEAD routes Fastify adds for GET.
 */
export function servedRoutes(app: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    // "│   │   └── /:id (GET, HEAD, PUT)": four characters of indentation per level, then the node's own segment.
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    stack.length = depth;
    stack[depth] = match[2];
    const routePath = stack.join('').replace(/^\/*/, '/');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m && m !== 'HEAD')) routes.push({ method, path: routePath });
  }
  return routes;
}

/** Every table of the schema (src/core/db/schema.ts), for row counts. */
export const ALL_TABLES = [
  'settings',
  'nav_items',
  'sections',
  'people',
  'images',
  'articles',
  'article_authors',
  'tags',
  'article_tags',
  'corrections',
  'dossiers',
  'dossier_articles',
  'series',
  'pages',
  'slug_redirects',
  'users',
  'sessions',
  'account_tokens',
  'login_attempts',
  'api_tokens',
  'audit_log',
  'jobs',
  'article_revisions',
  'article_shares',
  'media_files',
  'home_slots',
  'app_secrets',
  'cache_invalidations',
  'readers',
  'reader_tokens',
  'reader_sessions',
  'used_challenges',
  'moderation_lists',
  'comments',
  'comment_likes',
  'comment_reports',
  'comment_threads',
  'spam_tokens',
  'reader_notices',
  'import_runs',
  'comment_classifier',
] as const satisfies readonly (keyof Database)[];

/** Tables whose whole content is checksummed (sessions are left out: reading one refreshes its last-seen time). */
export const CHECKSUMMED_TABLES = [
  'settings',
  'nav_items',
  'sections',
  'people',
  'images',
  'articles',
  'article_authors',
  'article_tags',
  'tags',
  'corrections',
  'dossiers',
  'dossier_articles',
  'series',
  'pages',
  'users',
  'api_tokens',
  'home_slots',
  'media_files',
  'article_shares',
  'account_tokens',
  'readers',
  'comments',
  'comment_likes',
  'comment_reports',
  'comment_threads',
  'moderation_lists',
  'reader_notices',
] as const satisfies readonly (keyof Database)[];

/** Columns that reading or using something refreshes (an API token's last use): not a change. */
const VOLATILE_COLUMNS = new Set(['last_used_at', 'last_seen_at']);

export interface DatabaseSnapshot {
  counts: Record<string, number>;
  checksums: Record<string, string>;
}

/** Row counts of every table and a SHA-256 of the content tables, to compare before and after a request. */
export async function snapshotDatabase(db: Db): Promise<DatabaseSnapshot> {
  const counts: Record<string, number> = {};
  const checksums: Record<string, string> = {};
  for (const table of ALL_TABLES) {
    // Written after the fact by the invalidation bus for changes made earlier (the write is queued
    // behind the request that made it): a log of other requests' effects, not what this one stored.
    if (table === 'cache_invalidations') continue;
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  for (const table of CHECKSUMMED_TABLES) {
    const rows = await db.selectFrom(table).selectAll().execute();
    // Order-independent: the rows' JSON, sorted (some tables have no id column).
    const lines = rows
      .map((r) => JSON.stringify(r, (k, v) => (VOLATILE_COLUMNS.has(k) ? undefined : typeof v === 'bigint' ? String(v) : v)))
      .sort();
    checksums[table] = crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
  }
  return { counts, checksums };
}

/** Signs in through the real /admin/connexion form, as a person would, and waits for the back office. */
export async function signInThroughForm(page: Page, origin: string, email: string, password: string): Promise<void> {
  await page.goto(new URL('/admin/connexion', origin).toString());
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.getByRole('button', { name: 'Se connecter' }).click()]);
}

/** Records script errors and CSP refusals of a page (network 404s aside). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(message.text());
  });
  return errors;
}

/** The message a 422 JSON answer gives for one field (`error.details` is [{ path, message }]), or ''. */
export function fieldMessage(body: { error?: { details?: unknown } }, path: string): string {
  const details = Array.isArray(body.error?.details) ? (body.error.details as { path?: string; message?: string }[]) : [];
  return details.find((d) => d.path === path)?.message ?? '';
}
