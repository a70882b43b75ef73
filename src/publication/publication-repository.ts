import { listActiveNewsletters, type NewsletterRow } from '../newsletters/newsletter-repository.ts';
import type { Selectable } from 'kysely';
import { type PageCache, SITE_TAG } from '../core/cache/page-cache.ts';
import type { Db } from '../core/db/database.ts';
import type { ImageTable, NavItemTable, PageKind, SettingsTable } from '../core/db/schema.ts';

export type Settings = Selectable<SettingsTable>;

/** A navigation entry resolved to a path. */
export interface NavLink {
  label: string;
  href: string;
  kind: Selectable<NavItemTable>['kind'];
  /** The section or page slug for section and page entries, to mark the current one. */
  slug: string | null;
}

/** A static page the footer links to (about, legal notice, accessibility statement, newsletter). */
export interface FooterPage {
  kind: PageKind;
  slug: string;
  title: string;
}

/** What every page shows around its content: publication settings, navigation and footer pages. */
export interface SiteChrome {
  settings: Settings;
  nav: NavLink[];
  /** Static pages of the kinds the footer names, at most one per kind (the oldest). */
  footerPages: FooterPage[];
  /** The publication's logo (settings.logo_image_id), for structured data. */
  logo: Selectable<ImageTable> | null;
  /** Newsletters readers may subscribe to (footer and article-end sign-up forms). */
  newsletters: NewsletterRow[];
}

/** The settings used when none are stored yet, or when the database cannot be read (error pages). */
export const FALLBACK_SETTINGS: Settings = {
  id: 1,
  name: 'Kiosque',
  tagline: '',
  public_url: null,
  language: 'fr',
  logo_image_id: null,
  comments_mode: 'open',
  comments_notice: '',
  comments_close_after_days: 0,
  comments_alert_threshold: 5,
  comments_alert_window_hours: 2,
  comments_spam_threshold: 0.9,
  feed_full_text: 1,
  updated_at: new Date(0).toISOString(),
};

/**
 * Loads settings and navigation. Kept in memory per database handle, because every page
 * needs it; `forgetSiteChrome` drops it when settings or navigation change.
 */
const chromeByDb = new WeakMap<Db, Promise<SiteChrome>>();

export function loadSiteChrome(db: Db): Promise<SiteChrome> {
  let chrome = chromeByDb.get(db);
  if (!chrome) {
    chrome = readSiteChrome(db);
    chromeByDb.set(db, chrome);
    chrome.catch(() => chromeByDb.delete(db));
  }
  return chrome;
}

/** The publication's name, for the back office's header and previews. */
export async function publicationName(db: Db): Promise<string> {
  const row = await db.selectFrom('settings').select('name').where('id', '=', 1).executeTakeFirst();
  return row?.name ?? FALLBACK_SETTINGS.name;
}

/** Drops the in-memory settings and navigation after a change. */
export function forgetSiteChrome(db: Db): void {
  chromeByDb.delete(db);
}

/**
 * Drops the chrome (and the layout fragments rendered from it) whenever the site tag is
 * invalidated, here or in another process (the invalidation bus): every change of settings,
 * navigation, footer pages or newsletters invalidates that tag.
 */
export function forgetSiteChromeOnSiteChange(cache: PageCache, db: Db): void {
  cache.onApplied((tags) => {
    if (tags.includes(SITE_TAG)) forgetSiteChrome(db);
  });
}

async function readSiteChrome(db: Db): Promise<SiteChrome> {
  const [settings, items, pages, newsletters] = await Promise.all([
    db.selectFrom('settings').selectAll().where('id', '=', 1).executeTakeFirst(),
    db.selectFrom('nav_items').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('pages').select(['kind', 'slug', 'title']).where('kind', 'in', FOOTER_PAGE_KINDS).orderBy('id').execute(),
    listActiveNewsletters(db),
  ]);
  const nav = items.map((item): NavLink => {
    if (item.kind === 'url') return { label: item.label, href: item.target, kind: item.kind, slug: null };
    return { label: item.label, href: `/${item.target}`, kind: item.kind, slug: item.target };
  });
  const footerPages: FooterPage[] = [];
  for (const page of pages) if (!footerPages.some((p) => p.kind === page.kind)) footerPages.push(page);
  const logoId = settings?.logo_image_id ?? null;
  const logo = logoId === null ? null : ((await db.selectFrom('images').selectAll().where('id', '=', logoId).executeTakeFirst()) ?? null);
  return { settings: settings ?? FALLBACK_SETTINGS, nav, footerPages, logo, newsletters };
}

const FOOTER_PAGE_KINDS: PageKind[] = ['about', 'newsletter', 'legal', 'accessibility'];
