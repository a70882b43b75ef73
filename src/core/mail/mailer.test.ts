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
});
