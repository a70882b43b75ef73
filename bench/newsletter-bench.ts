// `npm run bench -- --newsletter N`: one edition to N subscribers through a local SMTP sink (its own
// process on 127.0.0.1), against a bare nodemailer pool sending the same rendered message to the
// same sink in the same run. Reports messages per second, the sender's peak memory and the ratio.
// Then the public site's cached article throughput (the real server, page cache on, its own
// process) idle, and while that server's job runner sends a second edition to the same N.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { rawGet, startServerProcess } from '../scripts/support/server-process.ts';
import type { AppContext } from '../src/core/app-context.ts';
import { PageCache } from '../src/core/cache/page-cache.ts';
import { loadConfig } from '../src/core/config.ts';
import { openDatabase } from '../src/core/db/database.ts';
import { migrateToLatest } from '../src/core/db/migrate.ts';
import { insertEdition } from '../src/newsletters/edition-repository.ts';
import { newsletterSecret } from '../src/newsletters/newsletter-links.ts';
import { addSubscribers, createNewsletter } from '../src/newsletters/newsletter-test-fixtures.ts';
import { enqueueEditionSend, messageFor, renderStoredEdition, sendEdition } from '../src/newsletters/send-job.ts';

const CONNECTIONS = 5;
/** Readers of the cached article, and how long each read measurement lasts. */
const READERS = 20;
const READ_SECONDS = 5;

export interface NewsletterBenchResult {
  recipients: number;
  kiosque: { seconds: number; messagesPerSecond: number; rssBeforeMb: number; peakRssMb: number; liveHeapMb: number; fullGcs: number };
  bare: { seconds: number; messagesPerSecond: number };
  ratio: number;
  site: {
    article: string;
    idleReadsPerSecond: number;
    readsPerSecondWhileSending: number;
    readRatio: number;
    serverMessagesPerSecond: number;
  };
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

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/**
 * This process's memory while it sends: resident memory at the start and at its peak, and the
 * largest live heap, read just after each full garbage collection (what the send keeps, not what
 * V8 lets pile up between collections). Bounded memory: the live heap does not grow with N.
 */
function memoryWatch(): { stop(): { rssBeforeMb: number; peakRssMb: number; liveHeapMb: number; fullGcs: number } } {
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  let live = 0;
  let fullGcs = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        fullGcs++;
        live = Math.max(live, process.memoryUsage().heapUsed);
      }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
      return { rssBeforeMb: mb(rssBefore), peakRssMb: mb(Math.max(peak, process.memoryUsage().rss)), liveHeapMb: mb(live), fullGcs };
    },
  };
}

export async function runNewsletterBench(recipients: number): Promise<NewsletterBenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosque-bench-nl-'));
  const sink = await startSink();
  const smtpUrl = `smtp://127.0.0.1:${sink.port}`;
  // The site, as served: it migrates and seeds the demo edition, then its job runner waits for work.
  process.stdout.write('  site de démonstration … ');
  const server = await startServerProcess({
    dataDir,
    pageCache: true,
    env: { PUBLIC_URL: 'https://journal.exemple.fr', NEWSLETTER_SMTP_URL: smtpUrl, NEWSLETTER_MAX_CONNECTIONS: String(CONNECTIONS) },
    timeoutMs: 300_000,
  });
  process.stdout.write('prêt\n');
  const database = openDatabase({ dataDir, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    const config = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: dataDir,
      PUBLIC_URL: 'https://journal.exemple.fr',
      NEWSLETTER_SMTP_URL: smtpUrl,
      NEWSLETTER_MAX_CONNECTIONS: String(CONNECTIONS),
    });
    const ctx = { db: database.db, dialect: database.dialect, config, pageCache: new PageCache({ enabled: false }) } as AppContext;
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
    const memory = memoryWatch();
    const started = performance.now();
    await sendEdition(ctx, editionId, 'banc');
    const kiosqueSeconds = (performance.now() - started) / 1000;
    const kiosqueMemory = memory.stop();
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

    // The site while an edition goes out: a cached article read by 20 connections, idle, then while
    // the server's own job runner sends a second edition to the same subscribers.
    const article = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['sections.slug as section', 'articles.slug'])
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at', 'desc')
      .executeTakeFirstOrThrow();
    const url = `${server.origin}/${article.section}/${article.slug}`;
    const first = await rawGet(url).catch((error: unknown) => {
      throw new Error(`le serveur ne répond plus (${String(error)}) :\n${server.output()}`);
    });
    if (first.status !== 200) throw new Error(`article introuvable : ${url}`);
    process.stdout.write(`  article en cache, au repos (${READERS} lecteurs) … `);
    const idle = await autocannon({ url, connections: READERS, duration: READ_SECONDS, warmup: { connections: READERS, duration: 1 } });
    process.stdout.write(`${Math.round(idle.requests.average)} req/s\n  article en cache, pendant l’envoi d’une édition par le serveur … `);
    const second = await insertEdition(database.db, {
      newsletterId: nl.id,
      subject: 'L’essentiel du soir',
      intro: 'Bonsoir ! Voici ce qu’il faut savoir ce soir.',
      blocks: Array.from({ length: 8 }, () => ({ kind: 'text' as const, text: paragraph })),
      status: 'scheduled',
      createdBy: null,
    });
    await enqueueEditionSend({ db: database.db }, second);
    const editionRow = () =>
      database.db
        .selectFrom('newsletter_editions')
        .select(['status', 'started_at', 'sent_at'])
        .where('id', '=', second)
        .executeTakeFirstOrThrow();
    const sendingDeadline = Date.now() + 60_000;
    while ((await editionRow()).started_at === null) {
      if (Date.now() > sendingDeadline) throw new Error('le serveur n’a pas commencé l’envoi');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const busy = await autocannon({ url, connections: READERS, duration: READ_SECONDS });
    const stillSending = (await editionRow()).status !== 'sent';
    process.stdout.write(
      `${Math.round(busy.requests.average)} req/s${stillSending ? '' : ' (l’envoi a fini avant la mesure : augmentez N)'}\n`,
    );
    let done = await editionRow();
    while (done.status !== 'sent') {
      await new Promise((resolve) => setTimeout(resolve, 200));
      done = await editionRow();
    }
    const serverSeconds = (Date.parse(done.sent_at ?? '') - Date.parse(done.started_at ?? '')) / 1000;
    const readRatio = busy.requests.average / idle.requests.average;
    return {
      recipients,
      kiosque: {
        seconds: Math.round(kiosqueSeconds * 10) / 10,
        messagesPerSecond: Math.round(recipients / kiosqueSeconds),
        ...kiosqueMemory,
      },
      bare: { seconds: Math.round(bareSeconds * 10) / 10, messagesPerSecond: Math.round(recipients / bareSeconds) },
      ratio: Math.round(ratio * 100) / 100,
      site: {
        article: `/${article.section}/${article.slug}`,
        idleReadsPerSecond: Math.round(idle.requests.average),
        readsPerSecondWhileSending: Math.round(busy.requests.average),
        readRatio: Math.round(readRatio * 100) / 100,
        serverMessagesPerSecond: Math.round(recipients / serverSeconds),
      },
      targets: [
        { name: 'envoi d’une édition ≥ 0,5 × nodemailer seul', ok: ratio >= 0.5, value: `${ratio.toFixed(2)} ×` },
        {
          name: 'article en cache pendant l’envoi ≥ 0,7 × au repos',
          ok: stillSending && readRatio >= 0.7,
          value: `${readRatio.toFixed(2)} ×${stillSending ? '' : ' (envoi fini trop tôt)'}`,
        },
      ],
    };
  } finally {
    await server.stop();
    sink.child.kill();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
