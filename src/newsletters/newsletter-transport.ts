import crypto from 'node:crypto';
import fs from 'node:fs';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type { Config } from '../core/config.ts';
import { createMailer } from '../core/mail/mailer.ts';

/** Headers DKIM signs: the RFC 5322 essentials and the list headers (bulk-sender rules ask for List-Unsubscribe). */
const DKIM_HEADERS = 'from:to:subject:date:message-id:reply-to:list-id:list-unsubscribe:list-unsubscribe-post:mime-version:content-type';

/** One message of an edition, for one recipient. */
export interface EditionMessage {
  from: { name: string; address: string };
  replyTo?: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The envelope sender (bounces come back to it): tagged per message (VERP). */
  returnPath: string;
  headers: Record<string, string>;
}

/** What a send attempt came to: accepted, refused for good (5xx), or worth another try (4xx, connection lost). */
export type SendOutcome = { kind: 'sent' } | { kind: 'hard'; error: string } | { kind: 'soft'; error: string };

export interface NewsletterTransport {
  send(message: EditionMessage): Promise<SendOutcome>;
  close(): void;
}

/**
 * A pooled SMTP transport (nodemailer): a few long-lived connections, a message rate cap, DKIM
 * signing when configured. Without any SMTP server, messages go to .eml files like account mail.
 */
export function createNewsletterTransport(config: Config): NewsletterTransport {
  const mail = config.newsletterMail;
  if (!mail.smtpUrl) {
    const files = createMailer({ smtpUrl: undefined, mailFrom: config.mailFrom, dataDir: config.dataDir });
    return {
      async send(message) {
        await files.send({ to: message.to, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
        return { kind: 'sent' };
      },
      close() {},
    };
  }
  const url = new URL(mail.smtpUrl);
  const options: SMTPPool.Options = {
    pool: true,
    host: url.hostname,
    port: Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587),
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    maxConnections: mail.maxConnections,
    maxMessages: Number.POSITIVE_INFINITY,
    // A stalled server fails the message well within its claim's lease (send-job.ts SEND_BUDGET_MS).
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    ...(mail.ratePerSecond > 0 ? { rateDelta: 1000, rateLimit: mail.ratePerSecond } : {}),
    ...(mail.dkim
      ? {
          dkim: {
            domainName: mail.dkim.domain,
            keySelector: mail.dkim.selector,
            privateKey: fs.readFileSync(mail.dkim.keyFile, 'utf8'),
            headerFieldNames: DKIM_HEADERS,
          },
        }
      : {}),
  };
  // nodemailer (about 20 MB) is loaded with the first message sent, not by every server that starts,
  // as the account mailer does (core/mail/mailer.ts).
  let transport: Promise<Transporter> | undefined;
  const transportOnce = () => (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(options)));
  return {
    async send(message) {
      try {
        await (await transportOnce()).sendMail({
          from: message.from,
          replyTo: message.replyTo || undefined,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          messageId: message.messageId,
          date: new Date(),
          envelope: { from: message.returnPath, to: [message.to] },
          // Base64 is encoded natively; letting nodemailer choose scans and quoted-printable-encodes
          // every part of every message in JavaScript, the largest cost of a send.
          textEncoding: 'base64',
          // Written as given (ASCII, list headers already encoded): nodemailer would encode the <…> of List-Id.
          headers: Object.fromEntries(Object.entries(message.headers).map(([k, value]) => [k, { prepared: true, value }])),
        });
        return { kind: 'sent' };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        const text = error instanceof Error ? error.message : String(error);
        return code !== undefined && code >= 500 ? { kind: 'hard', error: text } : { kind: 'soft', error: text };
      }
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}

/** The envelope sender of one message, VERP-tagged so a bounce names its edition and recipient. */
export function returnPathFor(base: string, editionId: number, readerId: number): string {
  const at = base.lastIndexOf('@');
  return `${base.slice(0, at)}+e${editionId}-r${readerId}${base.slice(at)}`;
}

/** Reads a VERP-tagged address back: which edition and reader a bounce is about. */
export function parseReturnPath(address: string): { editionId: number; readerId: number } | null {
  const match = /\+e([1-9][0-9]{0,9})-r([1-9][0-9]{0,9})@/.exec(address);
  return match ? { editionId: Number(match[1]), readerId: Number(match[2]) } : null;
}

/** The same Message-ID on every attempt for one (edition, reader): a copy sent twice is the same message. */
export function messageIdFor(editionId: number, readerId: number, domain: string): string {
  const tag = crypto.createHash('sha256').update(`${editionId}:${readerId}`).digest('hex').slice(0, 12);
  return `<edition-${editionId}.${readerId}.${tag}@${domain}>`;
}
