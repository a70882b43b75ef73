import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';

/** Viewports the public site is checked at: a small phone and a laptop. */
export const VIEWPORTS = {
  mobile: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;

export type ViewportName = keyof typeof VIEWPORTS;

/** Launches the machine's Chromium headless (never a downloaded browser: the machines are offline). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/** Opens a page in a fresh context (no shared cookies) at the given viewport, French locale. */
export async function openPage(
  browser: Browser,
  viewport: ViewportName | { width: number; height: number } = 'desktop',
): Promise<{ context: BrowserContext; page: Page }> {
  const size = typeof viewport === 'string' ? VIEWPORTS[viewport] : viewport;
  const context = await browser.newContext({ viewport: size, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Copies a signed-in session's Cookie header (from signInAs and the like) into a browser context. */
export async function addSessionCookies(context: BrowserContext, who: { cookie: string }, origin: string): Promise<void> {
  await context.addCookies(
    who.cookie.split(/;\s*/).map((pair) => {
      const at = pair.indexOf('=');
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: origin };
    }),
  );
}

/** openPage, signed in as `who` on `origin`. */
export async function openSignedInPage(
  browser: Browser,
  viewport: ViewportName | { width: number; height: number },
  who: { cookie: string },
  origin: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await openPage(browser, viewport);
  await addSessionCookies(opened.context, who, origin);
  return opened;
}

/** Loads a URL up to its load event, failing on any status but the expected one. */
export async function visit(page: Page, url: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response) throw new Error(`Aucune réponse pour ${url}`);
  if (response.status() !== expectedStatus) {
    throw new Error(`${url} : statut ${response.status()}, attendu ${expectedStatus}`);
  }
}
