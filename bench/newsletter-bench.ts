// `npm run bench -- --newsletter N`: one edition to N subscribers through a local SMTP sink (its own
// process on 127.0.0.1), against a bare nodemailer pool sending the same rendered message to the
// same sink in the same run. Reports messages per second, the sender's peak memory and the ratio.
// Then the public site's cached article throughput (the real server, page cache on, its own
// process) idle, and while an edition goes to the same N: sent by the web process (the default), or
// by a separate newsletter:worker process (SCENARIOS).
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import nodemailer from 'nodemailer';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { peakRssMbOf, rawGet, rssMbOf, type ServerProcess, startServerProcess } from '../scripts/support/server-process.ts';
import type { Db } from '../src/core/db/database.ts';
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
  site: { article: string; scenarios: SiteWhileSending[] };
  targets: { name: string; ok: boolean; value: string }[];
}

/**
 * Where the site's throughput is measured while an edition goes out: the default (the web process
 * sends, in a thread at nice 10), the same thread at the web's own priority (what the nice buys),
 * and the configuration docs/production.md recommends for large audiences (a separate
 * `newsletter:worker` process, at nice 10, on the same machine).
 */
const SCENARIOS: { label: string; env: Record<string, string>; worker: boolean; target: boolean }[] = [
  { label: 'par défaut : un fil du serveur web, à nice 10', env: {}, worker: false, target: true },
  // For comparison only: what the lower priority buys (no configuration runs this way).
  { label: 'un fil du serveur web, sans nice', env: { NEWSLETTER_SEND_NICE: '0' }, worker: false, target: false },
  { label: 'processus newsletter:worker, à nice 10', env: { NEWSLETTER_JOBS: 'worker' }, worker: true, target: true },
];

interface SiteWhileSending {
  label: string;
  idleReadsPerSecond: number;
  readsPerSecondWhileSending: number;
  readRatio: number;
  stillSending: boolean;
  serverMessagesPerSecond: number;
  /** The sending process's resident memory before the send, its peak, and after (MB). */
  senderRssMb: { before: number; peak: number; after: number };
}

/** `npm run kiosque -- newsletter:worker` on the bench's database; resolves once it is ready. */
async function startNewsletterWorker(dataDir: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--max-semi-space-size=4', 'scripts/kiosque.ts', 'newsletter:worker'], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('prêt')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`newsletter:worker s’est arrêté (code ${code}) : ${text}`)));
  });
  return child;
}

/** The cached article's throughput idle before, while the server (or its worker) sends an edition, and idle after. */
async function siteWhileSending(
  db: Db,
  input: { label: string; url: string; newsletterId: number; paragraph: string; senderPid: number },
): Promise<SiteWhileSending> {
  const first = await rawGet(input.url);
  if (first.status !== 200) throw new Error(`article introuvable : ${input.url}`);
  const read = async () => (await autocannon({ url: input.url, connections: READERS, duration: READ_SECONDS })).requests.average;
  process.stdout.write(`  ${input.label}\n    article en cache, au repos (${READERS} lecteurs) … `);
  await autocannon({ url: input.url, connections: READERS, duration: 1 });
  const before = await read();
  const rssBefore = Math.round(rssMbOf(input.senderPid));
  process.stdout.write(`${Math.round(before)} req/s\n    pendant l’envoi … `);
  const edition = await insertEdition(db, {
    newsletterId: input.newsletterId,
    subject: `L’essentiel : ${input.label}`,
    intro: 'Bonsoir ! Voici ce qu’il faut savoir ce soir.',
    blocks: Array.from({ length: 8 }, () => ({ kind: 'text' as const, text: input.paragraph })),
    status: 'scheduled',
    createdBy: null,
  });
  await enqueueEditionSend({ db }, edition);
  const editionRow = () =>
    db.selectFrom('newsletter_editions').select(['status', 'started_at', 'sent_at']).where('id', '=', edition).executeTakeFirstOrThrow();
  const sendingDeadline = Date.now() + 60_000;
  while ((await editionRow()).started_at === null) {
    if (Date.now() > sendingDeadline) throw new Error('le serveur n’a pas commencé l’envoi');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const busy = await read();
  const stillSending = (await editionRow()).status !== 'sent';
  process.stdout.write(`${Math.round(busy)} req/s${stillSending ? '' : ' (l’envoi a fini avant la mesure : augmentez N)'}\n`);
  let done = await editionRow();
  while (done.status !== 'sent') {
    await new Promise((resolve) => setTimeout(resolve, 200));
    done = await editionRow();
  }
  const senderRssMb = { before: rssBefore, peak: Math.round(peakRssMbOf(input.senderPid)), after: Math.round(rssMbOf(input.senderPid)) };
  const after = await read();
  const idle = (before + after) / 2;
  const serverSeconds = (Date.parse(done.sent_at ?? '') - Date.parse(done.started_at ?? '')) / 1000;
  const recipients = await db
    .selectFrom('newsletter_sends')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('edition_id', '=', edition)
    .executeTakeFirstOrThrow();
  process.stdout.write(
    `    au repos après : ${Math.round(after)} req/s ; envoi : ${Math.round(Number(recipients.n) / serverSeconds)} messages/s ; mémoire de l’expéditeur : ${senderRssMb.before} Mo avant, ${senderRssMb.after} Mo après (${senderRssMb.peak} Mo au plus depuis son démarrage)\n`,
  );
  return {
    label: input.label,
    idleReadsPerSecond: Math.round(idle),
    readsPerSecondWhileSending: Math.round(busy),
    readRatio: Math.round((busy / idle) * 100) / 100,
    stillSending,
    serverMessagesPerSecond: Math.round(Number(recipients.n) / serverSeconds),
    senderRssMb,
  };
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
  const siteEnv = {
    PUBLIC_URL: 'https://journal.exemple.fr',
    NEWSLETTER_SMTP_URL: smtpUrl,
    NEWSLETTER_MAX_CONNECTIONS: String(CONNECTIONS),
  };
  let server: ServerProcess | undefined = await startServerProcess({
    dataDir,
    pageCache: true,
    env: { ...siteEnv, ...SCENARIOS[0].env },
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

    // The site while an edition goes out: a cached article read by 20 connections, idle before, while
    // the edition is sent, and idle after (the idle figure is their mean: the machine's other load
    // drifts). Each configuration sends its own edition to the same subscribers.
    const article = await database.db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['sections.slug as section', 'articles.slug'])
      .where('articles.status', '=', 'published')
      .orderBy('articles.published_at', 'desc')
      .executeTakeFirstOrThrow();
    const articlePath = `/${article.section}/${article.slug}`;
    const sites: SiteWhileSending[] = [];
    for (const scenario of SCENARIOS) {
      if (server === undefined) {
        process.stdout.write(`  ${scenario.label} : démarrage … `);
        server = await startServerProcess({ dataDir, pageCache: true, env: { ...siteEnv, ...scenario.env }, timeoutMs: 300_000 });
        process.stdout.write('prêt\n');
      }
      const sender = scenario.worker ? await startNewsletterWorker(dataDir, { ...siteEnv, ...scenario.env }) : undefined;
      try {
        const senderPid = sender?.pid ?? server.pid;
        sites.push(
          await siteWhileSending(database.db, {
            ...scenario,
            url: `${server.origin}${articlePath}`,
            newsletterId: nl.id,
            paragraph,
            senderPid,
          }),
        );
      } finally {
        sender?.kill('SIGTERM');
        await server.stop();
        server = undefined;
      }
    }
    return {
      recipients,
      kiosque: {
        seconds: Math.round(kiosqueSeconds * 10) / 10,
        messagesPerSecond: Math.round(recipients / kiosqueSeconds),
        ...kiosqueMemory,
      },
      bare: { seconds: Math.round(bareSeconds * 10) / 10, messagesPerSecond: Math.round(recipients / bareSeconds) },
      ratio: Math.round(ratio * 100) / 100,
      site: { article: articlePath, scenarios: sites },
      targets: [
        { name: 'envoi d’une édition ≥ 0,5 × nodemailer seul', ok: ratio >= 0.5, value: `${ratio.toFixed(2)} ×` },
        ...sites
          .filter((_, i) => SCENARIOS[i]!.target)
          .map((site) => ({
            name: `article en cache pendant l’envoi ≥ 0,7 × au repos (${site.label})`,
            ok: site.stillSending && site.readRatio >= 0.7,
            value: `${site.readRatio.toFixed(2)} ×${site.stillSending ? '' : ' (envoi fini trop tôt)'}`,
          })),
      ],
    };
  } finally {
    await server?.stop();
    sink.child.kill();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
