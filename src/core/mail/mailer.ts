import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Transporter } from 'nodemailer';

/** One message: French plain text first, then its HTML version (multipart/alternative). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The .eml file written instead of sending, when no SMTP server is configured. */
  file?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>;
}

export interface MailerConfig {
  /** smtp:// or smtps:// URL (credentials in it); undefined to write .eml files instead. */
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string;
}

/**
 * A mailer over SMTP (one connection per message: account mail is rare), or, without SMTP_URL,
 * one that writes each message as an .eml file under DATA_DIR/mail and reports the path.
 */
export function createMailer(config: MailerConfig, options: { log?: (line: string) => void } = {}): Mailer {
  const log = options.log ?? (() => {});
  // nodemailer (about 20 MB) is loaded with the first message, not by every server that starts.
  let transport: Promise<Transporter> | undefined;
  const transportOnce = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      config.smtpUrl
        ? nodemailer.createTransport(config.smtpUrl)
        : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }),
    ));
  if (config.smtpUrl) {
    return {
      async send(message) {
        const info = await (await transportOnce()).sendMail({ from: config.mailFrom, ...message });
        return { messageId: info.messageId };
      },
    };
  }
  const folder = path.join(config.dataDir, 'mail');
  return {
    async send(message) {
      const info = await (await transportOnce()).sendMail({ from: config.mailFrom, ...message, ...readableParts(message) });
      await fs.mkdir(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(folder, `${stamp}-${crypto.randomBytes(4).toString('hex')}.eml`);
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      log(`Courriel « ${message.subject} » pour ${message.to} écrit dans ${file} (SMTP_URL n’est pas configuré).`);
      return { messageId: info.messageId, file };
    },
  };
}

/**
 * The .eml's parts written so that a person without SMTP can open the file in a text editor and
 * copy its link: the text part as is (8bit), never cut by quoted-printable's 76-character lines;
 * the HTML part in base64 (one long line). 8bit allows lines up to 998 octets: a text with a
 * longer line keeps nodemailer's default encoding.
 */
function readableParts(message: MailMessage): { text?: { raw: string }; html?: { raw: string } } {
  const lines = message.text.split(/\r?\n/);
  if (lines.some((line) => Buffer.byteLength(line) > 998)) return {};
  const html = Buffer.from(message.html, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');
  return {
    text: { raw: `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${lines.join('\r\n')}` },
    html: { raw: `Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${html}` },
  };
}

const mailers = new WeakMap<object, Mailer>();

/** The application's mailer, made once per configuration object. */
export function mailerFor(config: MailerConfig & { env?: string }): Mailer {
  let mailer = mailers.get(config);
  if (!mailer) {
    mailer = createMailer(config, { log: config.env === 'test' ? undefined : (line) => process.stdout.write(`${line}\n`) });
    mailers.set(config, mailer);
  }
  return mailer;
}
