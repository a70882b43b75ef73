// `npm run bench -- --newsletter N`: one edition to N subscribers through a local SMTP sink (its own
// process on 127.0.0.1), against a bare nodemailer pool sending the same rendered message to the
// same sink in the same run. Reports messages per second, the sender's peak memory and the ratio.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { AppContext } from '../src/core/app-context.ts';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { insertEdition } from '../src/newsletters/edition-repository.ts';
import { newsletterSecret } from '../src/newsletters/newsletter-links.ts';
import { addSubscribers, createNewsletter } from '../src/newsletters/newsletter-test-fixtures.ts';
import { messageFor, renderStoredEdition, sendEdition } from '../src/newsletters/send-job.ts';

const CONNECTIONS = 5;

export interface NewsletterBenchResult {
  recipients: number;
  kiosque: { seconds: number; messagesPerSecond: number; peakRssMb: number };
  bare: { seconds: number; messagesPerSecond: number };
  ratio: number;
  targets: { name: string; ok: boolean; value: string }[];
}

async function startSink(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'smtp-sink-child.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString().split('\n')[0]) as { port: number }).port));
    child.once('exit', () => reject(new Error('le serveur SMTP du banc s’est arrêté')));
  });
  return { child, port };
}

function peakRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

export async function runNewsletterBench(recipients: number): Promise<NewsletterBenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-nl-'));
  const sink = await startSink();
  const database = openDatabase({ dataDir });
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://journal.exemple.fr',
      NEWSLETTER_SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      NEWSLETTER_MAX_CONNECTIONS: String(CONNECTIONS),
    });
    const ctx = { db: database.db, dialect: database.dialect, config } as AppContext;
    const nl = await createNewsletter(database.db, { name: 'L’essentiel du matin' });
    process.stdout.write(`  ${recipients} abonnés … `);
    await addSubscribers(database.db, nl.id, recipients, 'banc');
    const paragraph =
      'Le conseil municipal a adopté hier soir le budget de l’année prochaine : trois millions pour les écoles, deux pour la voirie, et une enveloppe nouvelle pour les bibliothèques de quartier.';
    const editionId = await insertEdition(database.db, {
      newsletterId: nl.id,
      subject: 'L’essentiel du matin',
      intro: 'Bonjour ! Voici ce qu’il faut savoir ce matin.',
      blocks: Array.from({ length: 8 }, () => ({ kind: 'text' as const, text: paragraph })),
      status: 'scheduled',
      createdBy: null,
    });
    process.stdout.write('prêts\n  Kiosque (journal d’envoi, une ligne par destinataire) … ');
    const rss = peakRss();
    const started = performance.now();
    await sendEdition(ctx, editionId, 'banc');
    const kiosqueSeconds = (performance.now() - started) / 1000;
    const peakRssMb = rss.stop();
    process.stdout.write(`${Math.round(recipients / kiosqueSeconds)} messages/s\n  nodemailer seul (même message, même serveur) … `);

    // The yardstick: the same rendered message through a bare pool, as many times, same connections.
    const { newsletter, rendered } = await renderStoredEdition(ctx, editionId);
    const message = messageFor(ctx, {
      secret: await newsletterSecret(ctx),
      newsletter,
      editionId,
      readerId: 1,
      email: 'banc-0@exemple.fr',
      rendered,
    });
    const transport = nodemailer.createTransport({
      pool: true,
      host: '127.0.0.1',
      port: sink.port,
      secure: false,
      maxConnections: CONNECTIONS,
      maxMessages: Number.POSITIVE_INFINITY,
    });
    const bareStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < recipients) {
          const i = next++;
          await transport.sendMail({
            from: message.from,
            to: `banc-${i}@exemple.fr`,
            subject: message.subject,
            text: message.text,
            html: message.html,
            messageId: message.messageId,
            envelope: { from: message.returnPath, to: [`banc-${i}@exemple.fr`] },
            textEncoding: 'base64',
            headers: message.headers,
          });
        }
      }),
    );
    const bareSeconds = (performance.now() - bareStarted) / 1000;
    transport.close();
    process.stdout.write(`${Math.round(recipients / bareSeconds)} messages/s\n`);
    const ratio = bareSeconds / kiosqueSeconds;
    return {
      recipients,
      kiosque: { seconds: Math.round(kiosqueSeconds * 10) / 10, messagesPerSecond: Math.round(recipients / kiosqueSeconds), peakRssMb },
      bare: { seconds: Math.round(bareSeconds * 10) / 10, messagesPerSecond: Math.round(recipients / bareSeconds) },
      ratio: Math.round(ratio * 100) / 100,
      targets: [{ name: 'envoi d’une édition ≥ 0,5 × nodemailer seul', ok: ratio >= 0.5, value: `${ratio.toFixed(2)} ×` }],
    };
  } finally {
    sink.child.kill();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
