import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { createMailer } from './mailer.ts';
import { startSmtpCatcher, type SmtpCatcher } from './smtp-catcher.ts';

describe('mailer', () => {
  let smtp: SmtpCatcher;
  let dataDir: string;
  before(async () => {
    smtp = await startSmtpCatcher();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-mail-'));
  });
  after(async () => {
    await smtp?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const message = {
    to: 'redaction@exemple.fr',
    subject: 'Votre invitation à « L’Écho »',
    text: 'Bonjour,\nVoici le lien.',
    html: '<p>Bonjour,</p><p>Voici le lien.</p>',
  };

  test('sends through SMTP: sender, subject, text and HTML arrive intact', async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: 'L’Écho <ne-pas-repondre@echo.fr>', dataDir });
    await mailer.send(message);
    const mail = await smtp.next();
    assert.equal(mail.subject, message.subject);
    assert.equal(mail.from?.value[0].address, 'ne-pas-repondre@echo.fr');
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.value[0].address : '', 'redaction@exemple.fr');
    assert.equal(mail.text?.trim(), message.text);
    assert.match(String(mail.html), /<p>Voici le lien\.<\/p>/);
  });

  test('without SMTP_URL, writes an .eml file under DATA_DIR/mail and logs its path', async () => {
    const lines: string[] = [];
    const mailer = createMailer(
      { smtpUrl: undefined, mailFrom: 'Kiosque <ne-pas-repondre@localhost>', dataDir },
      { log: (l) => lines.push(l) },
    );
    const sent = await mailer.send(message);
    const file = sent.file ?? '';
    assert.ok(file.startsWith(path.join(dataDir, 'mail')) && file.endsWith('.eml'));
    const parsed = await simpleParser(fs.readFileSync(file));
    assert.equal(parsed.subject, message.subject);
    assert.ok(lines[0].includes(file));
  });

  test('the .eml keeps a long link whole on its own line (no quoted-printable cut), and parses back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-mail-'));
    try {
      const mailer = createMailer({ smtpUrl: undefined, mailFrom: 'Kiosque <ne-pas-repondre@localhost>', dataDir: dir });
      const url = `https://redaction.journal-du-littoral-atlantique.fr/admin/invitation/${'x'.repeat(43)}`;
      const sent = await mailer.send({
        to: 'jules@exemple.fr',
        subject: 'Invitation à l’administration du Sextant',
        text: `Bonjour,\n\nChoisissez votre mot de passe à cette adresse :\n${url}\n\nÀ bientôt.`,
        html: `<p>Bonjour,</p><p><a href="${url}">Créer mon compte</a></p>`,
      });
      const raw = fs.readFileSync(sent.file!, 'utf8');
      assert.ok(raw.split('\r\n').includes(url), 'the URL stands whole on one line of the raw file');
      assert.match(raw, /Choisissez votre mot de passe à cette adresse/, 'the French text is readable in the raw file');
      const parsed = await simpleParser(fs.readFileSync(sent.file!));
      assert.ok(parsed.text?.includes(url));
      assert.match(String(parsed.html), /href="https:\/\/redaction\.journal-du-littoral-atlantique\.fr\/admin\/invitation\/x{43}"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
