import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createAccountToken } from '../../src/accounts/account-tokens.ts';
import { ensureSetupLink } from '../../src/accounts/setup-link.ts';
import { currentTotpCode } from '../../src/accounts/totp.ts';
import { findUserByEmail, findUserById } from '../../src/accounts/user-repository.ts';
import { inviteUser } from '../../src/accounts/user-operations.ts';
import { checkAccessibility } from '../support/axe.ts';
import { launchBrowser, openPage } from '../support/browser.ts';
import { chromiumIsInstalled } from '../support/chromium.ts';
import { collectPageErrors, createNewsroom, SCREENSHOT_DIR, signInThroughForm } from '../support/newsroom.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { createUser, type CreatedUser } from '../support/sign-in.ts';

// Every form of the accounts feature, submitted once in a real Chromium as a person would (so no
// form can be refused by the browser's own headers, as the link pages once were), and the
// signed-out screens (sign-in, setup, invitation, reset, code) at a phone's and a laptop's width:
// axe finds nothing, the card is not squeezed, nothing scrolls sideways.

const PASSWORD = 'une phrase de passe bien longue';

describe('formulaires des comptes dans Chromium', { skip: !chromiumIsInstalled() && 'Chromium absent' }, () => {
  let server: TestServer;
  let browser: Browser;
  let admin: CreatedUser;

  before(async () => {
    server = await startTestServer();
    await createNewsroom(server.database.db);
    admin = await createUser(server.database.db, { role: 'administrateur', name: 'Anne Administratrice', password: PASSWORD });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `accounts-${name}.png`), fullPage: true });
  const db = () => server.database.db;

  // One test per width, so that neither nears the time limit on a busy machine.
  for (const width of [375, 1280]) {
    test(`signed-out screens at ${width} px: no axe violation, the card keeps its width, no sideways scrolling`, async () => {
      // A setup link works only on a publication without accounts: a second, empty one.
      const fresh = await startTestServer();
      const setup = (await ensureSetupLink(fresh.app.kiosque))!.replace(fresh.config.publicUrl, fresh.origin);
      const invited = await inviteUser(
        server.app.kiosque,
        { userId: admin.userId, name: admin.name, role: 'administrateur', personId: null },
        {
          email: 'ecran@exemple.fr',
          role: 'journaliste',
        },
      );
      const reset = await createAccountToken(db(), admin.userId, 'password_reset');
      const screens = [
        { name: 'connexion', url: server.url('/admin/connexion') },
        { name: 'installation', url: setup },
        { name: 'invitation', url: invited.url.replace(server.config.publicUrl, server.origin) },
        { name: 'mot-de-passe-oublie', url: server.url('/admin/mot-de-passe-oublie') },
        { name: 'nouveau-mot-de-passe', url: server.url(`/admin/mot-de-passe/${reset}`) },
      ];
      const problems: string[] = [];
      const { context, page } = await openPage(browser, { width, height: width < 600 ? 812 : 900 });
      const errors = collectPageErrors(page);
      for (const screen of screens) {
        const response = await page.goto(screen.url, { waitUntil: 'load' });
        if (response?.status() !== 200) problems.push(`${screen.name} : statut ${response?.status()}`);
        const report = await checkAccessibility(page);
        if (report.violations.length) problems.push(`${screen.name} à ${width} px :\n${report.text}`);
        const card = await page.locator('.account-box').boundingBox();
        // The card is 28rem (448 px) wide at most: on a laptop it must have all of it.
        const expected = width === 375 ? 300 : 440;
        if (!card || card.width < expected) problems.push(`${screen.name} à ${width} px : carte de ${card?.width} px de large`);
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        if (scroll > width) problems.push(`${screen.name} à ${width} px : défilement horizontal (${scroll} px)`);
        await shot(page, `${screen.name}-${width}`);
      }
      if (errors.length) problems.push(`erreurs de script : ${errors.join(' ; ')}`);
      await context.close();
      await fresh.close();
      assert.deepEqual(problems, []);
    });
  }

  test('sign in, sign out; my account: name, password, second factor (set up, asked at sign-in, turned off), sign out everywhere', async () => {
    const me = await createUser(db(), { role: 'journaliste', name: 'Julien Journaliste', password: PASSWORD, personId: true });
    const { context, page } = await openPage(browser, 'desktop');
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.origin, me.email, PASSWORD);

    // Sign out from the header, then in again.
    await Promise.all([page.waitForURL(/etat=deconnecte$/), page.getByRole('button', { name: 'Se déconnecter', exact: true }).click()]);
    await page.getByText('Vous êtes déconnecté.').waitFor();
    await signInThroughForm(page, server.origin, me.email, PASSWORD);

    await page.goto(server.url('/admin/compte'));
    await page.getByLabel('Nom', { exact: true }).fill('Julien Reporter');
    await Promise.all([page.waitForURL(/etat=nom/), page.getByRole('button', { name: 'Changer le nom' }).click()]);
    assert.equal((await findUserById(db(), me.userId))?.name, 'Julien Reporter');
    assert.match(await page.locator('.admin-header__user').innerText(), /Julien Reporter/);

    const newPassword = 'la nouvelle phrase de passe';
    await page.getByLabel('Mot de passe actuel').fill(PASSWORD);
    await page.getByLabel('Nouveau mot de passe', { exact: true }).fill(newPassword);
    await page.getByLabel('Confirmez le nouveau mot de passe').fill(newPassword);
    await Promise.all([page.waitForURL(/etat=mot-de-passe/), page.getByRole('button', { name: 'Changer le mot de passe' }).click()]);
    await page.getByText('Votre mot de passe a été changé').waitFor();

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/admin/compte/double-authentification')),
      page.getByRole('button', { name: 'Mettre en place la double authentification' }).click(),
    ]);
    const secret = (await page.locator('.totp-secret code').innerText()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]+$/);
    await shot(page, 'mon-compte-double-authentification');
    await page.getByLabel('Code', { exact: true }).fill(currentTotpCode(secret));
    await Promise.all([
      page.waitForURL(/etat=double-authentification$/),
      page.getByRole('button', { name: 'Activer', exact: true }).click(),
    ]);
    assert.equal((await findUserById(db(), me.userId))?.totp_enabled, 1);

    // Signing in again asks for the code (the next time step: a code works once).
    await Promise.all([page.waitForURL(/etat=deconnecte$/), page.getByRole('button', { name: 'Se déconnecter', exact: true }).click()]);
    await page.getByLabel('Adresse électronique').fill(me.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(newPassword);
    await Promise.all([page.waitForURL(/\/admin\/connexion\/code/), page.getByRole('button', { name: 'Se connecter' }).click()]);
    const codeScreen = await checkAccessibility(page);
    assert.equal(codeScreen.violations.length, 0, codeScreen.text);
    await shot(page, 'code-1280');
    await page.getByLabel('Code', { exact: true }).fill(currentTotpCode(secret, Date.now() + 30_000));
    await Promise.all([page.waitForURL((url) => url.pathname === '/admin'), page.getByRole('button', { name: 'Vérifier' }).click()]);

    await page.goto(server.url('/admin/compte'));
    await page.locator('#champ-current-totp').fill(newPassword);
    await Promise.all([
      page.waitForURL(/etat=double-authentification-desactivee/),
      page.getByRole('button', { name: 'Désactiver la double authentification' }).click(),
    ]);
    assert.equal((await findUserById(db(), me.userId))?.totp_enabled, 0);
    const report = await checkAccessibility(page);
    assert.equal(report.violations.length, 0, report.text);

    await Promise.all([
      page.waitForURL(/etat=deconnecte-partout/),
      page.getByRole('button', { name: 'Se déconnecter de tous les appareils' }).click(),
    ]);
    assert.equal(await db().selectFrom('sessions').select('id_hash').where('user_id', '=', me.userId).executeTakeFirst(), undefined);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the users screen: invite (link shown without SMTP), change a role, link an author profile, disable and enable, invite again', async () => {
    const colleague = await createUser(db(), { role: 'contributeur', name: 'Claire Contributrice', password: PASSWORD });
    const { context, page } = await openPage(browser, 'desktop');
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const errors = collectPageErrors(page);
    await signInThroughForm(page, server.origin, admin.email, PASSWORD);

    await page.goto(server.url('/admin/utilisateurs'));
    await page.getByLabel('Adresse électronique').fill('hugo@exemple.fr');
    await page.getByLabel('Rôle').selectOption('moderateur');
    await page.getByLabel('Profil d’auteur').selectOption('none');
    await Promise.all([
      page.waitForURL(/\/admin\/utilisateurs\/invitation$/),
      page.getByRole('button', { name: 'Envoyer l’invitation' }).click(),
    ]);
    const first = await page.getByLabel('Lien d’invitation').inputValue();
    assert.match(first, /\/admin\/invitation\//);
    const hugo = await findUserByEmail(db(), 'hugo@exemple.fr');
    assert.equal(hugo?.status, 'invited');
    assert.equal(hugo?.person_id, null);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      const report = await checkAccessibility(page);
      assert.equal(report.violations.length, 0, report.text);
      await shot(page, `invitation-sans-smtp-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await Promise.all([page.waitForURL(/\/reinviter$/), page.getByRole('button', { name: 'Renvoyer l’invitation' }).click()]);
    const second = await page.getByLabel('Lien d’invitation').inputValue();
    assert.notEqual(second, first, 'a new link replaces the old one');

    await page.goto(server.url(`/admin/utilisateurs/${colleague.userId}`));
    await page.locator('#champ-role').selectOption('journaliste');
    await Promise.all([page.waitForURL(/etat=role/), page.getByRole('button', { name: 'Changer le rôle' }).click()]);
    assert.equal((await findUserById(db(), colleague.userId))?.role, 'journaliste');

    const person = await db().selectFrom('people').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
    await page.getByLabel('Auteur', { exact: true }).selectOption(String(person.id));
    await Promise.all([page.waitForURL(/etat=auteur/), page.getByRole('button', { name: 'Enregistrer' }).click()]);
    assert.equal((await findUserById(db(), colleague.userId))?.person_id, person.id);

    await Promise.all([page.waitForURL(/etat=desactive/), page.getByRole('button', { name: 'Désactiver le compte' }).click()]);
    assert.equal((await findUserById(db(), colleague.userId))?.status, 'disabled');
    await Promise.all([page.waitForURL(/etat=reactive/), page.getByRole('button', { name: 'Réactiver le compte' }).click()]);
    assert.equal((await findUserById(db(), colleague.userId))?.status, 'active');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
