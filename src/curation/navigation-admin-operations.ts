import type { Selectable } from 'kysely';
import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { NavItemTable, NavKind } from '../core/db/schema.ts';
import { forgetSiteChrome } from '../publication/publication-repository.ts';
import { type FieldErrors, FormError } from './curation-validation.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;
export type NavItem = Selectable<NavItemTable>;

export const NAV_MAX_ITEMS = 20;
const LABEL_MAX = 40;

/**
 * One navigation entry as the form sends it: a label and a destination, "section:<slug>",
 * "page:<slug>" or "url" with the address in `url`.
 */
export interface NavEntryValues {
  label: string;
  destination: string;
  url: string;
}

/** Where an entry can lead: the sections and static pages that exist. */
export interface NavDestinations {
  sections: { slug: string; name: string }[];
  pages: { slug: string; title: string }[];
}

/** The sections and pages a navigation entry may point at. */
export async function listNavDestinations(db: Db): Promise<NavDestinations> {
  const [sections, pages] = await Promise.all([
    db.selectFrom('sections').select(['slug', 'name']).orderBy('position').orderBy('id').execute(),
    db.selectFrom('pages').select(['slug', 'title']).orderBy('title').execute(),
  ]);
  return { sections, pages };
}

/** The navigation in order. */
export function listNavItems(db: Db): Promise<NavItem[]> {
  return db.selectFrom('nav_items').selectAll().orderBy('position').orderBy('id').execute();
}

/** The form values of a stored entry. */
export function navEntryValues(item: NavItem): NavEntryValues {
  if (item.kind === 'url') return { label: item.label, destination: 'url', url: item.target };
  return { label: item.label, destination: `${item.kind}:${item.target}`, url: '' };
}

const BAD_URL = 'Adresse invalide : saisissez une adresse complète (https://…) ou un chemin du site commençant par « / ».';

/** An entry's own address: an absolute http(s) URL or a path of this site ("/dossier/…"). */
export function isNavUrl(value: string): boolean {
  if (/^\/(?!\/)\S*$/.test(value)) return true;
  return z.url({ protocol: /^https?$/ }).safeParse(value).success;
}

function checkEntry(
  entry: NavEntryValues,
  destinations: NavDestinations,
  key: string,
  errors: FieldErrors,
): { label: string; kind: NavKind; target: string } | null {
  const label = entry.label.trim();
  if (!label) errors[`${key}.label`] = 'Le libellé est obligatoire.';
  else if (label.length > LABEL_MAX) errors[`${key}.label`] = `Le libellé ne doit pas dépasser ${LABEL_MAX} caractères.`;
  const [kind, slug] = entry.destination.split(/:(.*)/s, 2) as [string, string | undefined];
  let target = '';
  if (kind === 'section' && destinations.sections.some((s) => s.slug === slug)) target = slug!;
  else if (kind === 'page' && destinations.pages.some((p) => p.slug === slug)) target = slug!;
  else if (kind === 'url') {
    const url = entry.url.trim();
    if (!isNavUrl(url)) errors[`${key}.url`] = BAD_URL;
    else if (url.length > 500) errors[`${key}.url`] = 'Adresse trop longue (500 caractères au plus).';
    else target = url;
  } else errors[`${key}.destination`] = 'Choisissez une rubrique, une page ou une adresse personnalisée.';
  if (errors[`${key}.label`] || errors[`${key}.url`] || errors[`${key}.destination`]) return null;
  return { label, kind: kind as NavKind, target };
}

/**
 * Replaces the navigation with these entries, in order (one transaction), then drops the cached
 * site chrome and every cached page (they all show the navigation).
 */
export async function saveNavigation(ctx: Ctx, actor: Actor, entries: NavEntryValues[]): Promise<void> {
  assertCan(actor, 'curation:sections');
  if (entries.length > NAV_MAX_ITEMS) throw new FormError({ _form: `La navigation compte au plus ${NAV_MAX_ITEMS} entrées.` });
  const destinations = await listNavDestinations(ctx.db);
  const errors: FieldErrors = {};
  const rows = entries.map((entry, i) => checkEntry(entry, destinations, `items.${i}`, errors));
  if (Object.keys(errors).length) throw new FormError(errors);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('nav_items').execute();
    if (rows.length)
      await trx
        .insertInto('nav_items')
        .values(rows.map((r, position) => ({ ...r!, position })))
        .execute();
  });
  forgetSiteChrome(ctx.db);
  ctx.pageCache.invalidate(['site']);
}
