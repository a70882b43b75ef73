import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { simpleParser } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { ensureSetupLink } from '../../src/accounts/setup-link.ts';
import { findUserByEmail } from '../../src/accounts/user-repository.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { forEachDatabase } from '../support/databases.ts';
import { collectPageErrors, SCREENSHOT_DIR, signInThroughForm } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

// The first hour of a new publication, in a real Chromium, without SMTP: the owner opens the setup
// link printed at start, invites a journalist (the link is shown on screen since no mail can
// leave), the journalist activates the account, then forgets the password and resets it from the
// .eml file the server wrote. Each link page sends a referrer policy that hides its token from
// other sites, and each of its forms must still be accepted (Chromium posts `Origin: null` under
// `no-referrer`; that was refused as cross-site).

const OWNER = { name: 'Odile Propriétaire', email: 'odile@exemple.fr', password: 'une phrase de passe solide' };
const JOURNALIST = { name: 'Jules Reporter', email: 'jules@exemple.fr', password: 'un autre secret bien long' };
const NEW_PASSWORD = 'la nouvelle phrase secrète';

forEachDatabase('premier démarrage dans Chromium', (database) => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    server = await startTestServer({ dialect: database.label });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, `first-run-${database.label}-${name}.png`), fullPage: true });

  /** The .eml files the server has written so far, newest last. */
  function mailFiles(): string[] {
    const folder = path.join(server.config.dataDir, 'mail');
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => path.join(folder, f));
  }

  async function eventually<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`${what} : rien après ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  test('the setup link printed at start makes the owner, signed in at /admin', {
    skip: !chromiumIsInstalled() && 'Chromium absent',
  }, async () => {
    const link = await ensureSetupLink(server.app.kiosque);
    assert.ok(link);
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    const response = await page.goto(link.replace(server.config.publicUrl, server.origin));
    assert.equal(response?.status(), 200);
    assert.equal(response?.headers()['referrer-policy'], 'same-origin');
    await page.getByLabel('Votre nom').fill(OWNER.name);
    await page.getByLabel('Adresse électronique').fill(OWNER.email);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(OWNER.password);
    await page.getByLabel('Confirmez le mot de passe').fill(OWNER.password);
    await shot(page, '01-installation');
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.getByRole('button', { name: 'Créer le compte' }).click()]);
    assert.match(await page.locator('.admin-header__user').innerText(), /Odile Propriétaire/);
    const owner = await findUserByEmail(server.database.db, OWNER.email);
    assert.equal(owner?.status, 'active');
    assert.equal(owner?.role, 'administrateur');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('an invitation without SMTP: the link is shown with a copy button; the journalist activates the account and is signed in', {
    skip: !chromiumIsInstalled() && 'Chromium absent',
  }, async () => {
    const { context, page } = await openPage(browser, 'desktop');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.origin, OWNER.email, OWNER.password);
    await page.goto(server.url('/admin/utilisateurs'));
    await page.getByLabel('Adresse électronique').fill(JOURNALIST.email);
    await page.getByLabel('Nom (facultatif)').fill(JOURNALIST.name);
    await page.getByLabel('Rôle').selectOption('journaliste');
    await Promise.all([
      page.waitForURL(/\/admin\/utilisateurs\/invitation$/),
      page.getByRole('button', { name: 'Envoyer l’invitation' }).click(),
    ]);
    const status = page.getByRole('status').first();
    assert.match(await status.innerText(), /n’est pas parti/);
    assert.match(await status.innerText(), /\.eml/);
    const field = page.getByLabel('Lien d’invitation');
    const link = await field.inputValue();
    assert.match(link, /\/admin\/invitation\/[\w-]{43}$/);
    await page.getByRole('button', { name: 'Copier le lien' }).click();
    await page.getByText('Lien copié').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await shot(page, '02-invitation-sans-smtp');
    // The .eml holds the same link, whole, on one line.
    const eml = fs.readFileSync(mailFiles().at(-1)!, 'utf8');
    assert.ok(eml.split(/\r?\n/).includes(link), 'the link stands whole on its own line of the .eml');
    assert.deepEqual(errors, []);
    await context.close();

    const invitee = await openPage(browser, 'desktop');
    const inviteeErrors = collectPageErrors(invitee.page);
    const response = await invitee.page.goto(link.replace(server.config.publicUrl, server.origin));
    assert.equal(response?.headers()['referrer-policy'], 'same-origin');
    await invitee.page.getByLabel('Nouveau mot de passe', { exact: true }).fill(JOURNALIST.password);
    await invitee.page.getByLabel('Confirmez le mot de passe').fill(JOURNALIST.password);
    await Promise.all([
      invitee.page.waitForURL((url) => url.pathname === '/admin'),
      invitee.page.getByRole('button', { name: 'Activer mon compte' }).click(),
    ]);
    assert.match(await invitee.page.locator('.admin-header__user').innerText(), /Jules Reporter/);
    const journalist = await findUserByEmail(server.database.db, JOURNALIST.email);
    assert.equal(journalist?.status, 'active');
    assert.ok(journalist?.person_id, 'a journalist is linked to an author profile at invitation');
    assert.deepEqual(inviteeErrors, []);
    await invitee.context.close();
  });

  test('password reset from the .eml file: the new password works, the old one no longer does', {
    skip: !chromiumIsInstalled() && 'Chromium absent',
  }, async () => {
    const before = mailFiles().length;
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await page.goto(server.url('/admin/connexion'));
    await Promise.all([page.waitForURL(/mot-de-passe-oublie/), page.getByRole('link', { name: 'Mot de passe oublié ?' }).click()]);
    await page.getByLabel('Adresse électronique').fill(JOURNALIST.email);
    await page.getByRole('button', { name: 'Envoyer le lien' }).click();
    await page.getByText('Si un compte existe pour cette adresse').waitFor();
    const file = await eventually('le courriel de réinitialisation', () => mailFiles()[before]);
    const mail = await simpleParser(fs.readFileSync(file));
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '', JOURNALIST.email);
    const link = /https?:\/\/\S+\/admin\/mot-de-passe\/[\w-]+/.exec(mail.text ?? '')?.[0];
    assert.ok(link, 'the mail holds the link');
    assert.ok(fs.readFileSync(file, 'utf8').includes(link), 'the link is whole in the raw .eml');

    const response = await page.goto(link.replace(server.config.publicUrl, server.origin));
    assert.equal(response?.headers()['referrer-policy'], 'same-origin');
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirmez le mot de passe').fill(NEW_PASSWORD);
    await Promise.all([page.waitForURL(/etat=mot-de-passe-change/), page.getByRole('button', { name: 'Changer le mot de passe' }).click()]);
    await shot(page, '03-mot-de-passe-change');

    await page.getByLabel('Adresse électronique').fill(JOURNALIST.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(JOURNALIST.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse ou mot de passe incorrect.').waitFor();
    await signInThroughForm(page, server.origin, JOURNALIST.email, NEW_PASSWORD);
    assert.match(await page.locator('.admin-header__user').innerText(), /Jules Reporter/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
