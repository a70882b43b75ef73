// What the newsletter browser tests share: a seeded server whose mail goes to a real SMTP server,
// one Chromium, the sign-up form filled in, the confirmation link read from the mail, and one
// screen checked with axe at one width (status, violations, nothing wider than the screen,
// screenshot).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { startSmtpCatcher, type SmtpCatcher } from '../../src/core/mail/smtp-catcher.ts';
import { checkAccessibility } from '../support/axe.ts';
import { launchBrowser, openPage, openSignedInPage, VIEWPORTS, type ViewportName } from '../support/browser.ts';
import { SCREENSHOT_DIR } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

export interface NewsletterE2e {
  server: TestServer;
  smtp: SmtpCatcher;
  browser: Browser;
}

/**
 * Registers the suite's before and after hooks: an SMTP catcher, a seeded server mailing through
 * it (an easy proof of work, solved by the island in Chromium), and Chromium. The returned object
 * is filled in by `before`, then `setup` (if any) runs.
 */
export function newsletterE2eSuite(setup?: (e2e: NewsletterE2e) => Promise<void>): NewsletterE2e {
  const e2e = {} as NewsletterE2e;
  before(async () => {
    e2e.smtp = await startSmtpCatcher();
    e2e.server = await startTestServer({ seed: true, env: { SMTP_URL: e2e.smtp.url, POW_MAX_NUMBER: '20000' } });
    e2e.browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await setup?.(e2e);
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.server?.close();
    await e2e.smtp?.close();
  });
  return e2e;
}

/**
 * Ticks `newsletters` in a sign-up form, types the address and submits; waits for the "check your
 * mail" page and asserts the island solved the proof of work (normal limits, not the stricter ones).
 */
export async function signUpIn(e2e: NewsletterE2e, page: Page, form: Page | Locator, newsletters: string[], email?: string): Promise<void> {
  for (const name of newsletters) await form.getByLabel(name).check();
  if (email !== undefined) await form.getByLabel('Votre adresse électronique').fill(email);
  await form.getByRole('button', { name: 'Je m’inscris' }).click();
  await page.getByRole('heading', { name: 'Vérifiez votre boîte aux lettres' }).waitFor();
  const events = await e2e.server.database.db.selectFrom('rate_events').select('bucket').execute();
  assert.ok(events.some((e) => e.bucket.startsWith('newsletter:ip:') && e.bucket.endsWith(':valid')));
}

/** The double opt-in link of the next mail the SMTP server takes. */
export async function nextConfirmationLink(e2e: NewsletterE2e): Promise<string> {
  const mail = await e2e.smtp.next(15_000);
  const link = /https?:\/\/\S+\/newsletters\/confirmation\/\S+/.exec(mail.text ?? '')?.[0];
  assert.ok(link, `lien de confirmation absent : ${mail.text}`);
  return link;
}

/**
 * Opens a screen at one width (signed in as `who` when given) and returns its problems: a status
 * other than 200, axe violations, a page wider than the screen. Takes a screenshot.
 */
export async function screenProblems(
  e2e: NewsletterE2e,
  screen: { name: string; url: string },
  viewport: ViewportName,
  who?: { cookie: string },
): Promise<string[]> {
  const width = VIEWPORTS[viewport].width;
  const { context, page } = who
    ? await openSignedInPage(e2e.browser, viewport, who, e2e.server.origin)
    : await openPage(e2e.browser, viewport);
  try {
    const problems: string[] = [];
    const response = await page.goto(e2e.server.url(screen.url));
    if (response?.status() !== 200) problems.push(`${screen.name}: ${response?.status()}`);
    const report = await checkAccessibility(page);
    if (report.violations.length) problems.push(`${screen.name} ${width}px\n${report.text}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) problems.push(`${screen.name} ${width}px : ${overflow} px trop large`);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `newsletters-${screen.name}-${width}.png`), fullPage: true });
    return problems;
  } finally {
    await context.close();
  }
}
