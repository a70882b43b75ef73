// The sending cap and the separate sending process, with real processes: a web application started
// with NEWSLETTER_JOBS=worker queues editions but never sends them; two `npm run kiosque --
// newsletter:worker` processes on the same database send them, both at once, and together keep to
// the cap set in the back office: their starts (the send log) never share a slot, and a real SMTP
// server in this process sees what that leaves once connections open and transactions take time.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { AppError } from '../core/http/app-error.ts';
import { jobRunnerOf } from '../core/jobs/job-runner.ts';
import { insertEdition } from './edition-repository.ts';
import { addSubscribers, createNewsletter } from './newsletter-test-fixtures.ts';
import { enqueueEditionSend } from './send-job.ts';
import { maxStartsPerSecond, readSendingLimits, reserveSlots, saveSendingLimits, slotSpacingMs, slotToleranceMs } from './send-pace.ts';
import { startSmtpSink, type SmtpSink } from './test-smtp-sink.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PER_SECOND = 20;
const PER_EDITION = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The most of these sorted times within any one second [t, t + 1 s). */
function busiestSecond(times: number[]): number {
  let most = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

forEachDatabase('newsletter sending: a cap shared by two worker processes, none from the web process', (database) => {
  let t: TestApp;
  let sink: SmtpSink;
  const workers: ChildProcess[] = [];
  before(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({
      dialect: database.label,
      env: { PUBLIC_URL: 'https://journal.exemple.fr', NEWSLETTER_SMTP_URL: sink.url, NEWSLETTER_JOBS: 'worker' },
    });
  });
  after(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGKILL');
    await t?.close();
    await sink?.close();
  });

  /** `npm run kiosque -- newsletter:worker` on the test's database; resolves once it says it is ready. */
  async function startWorker(): Promise<{ child: ChildProcess; output: () => string }> {
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'test',
      KIOSQUE_DEMO: '0',
      DATA_DIR: t.database.dataDir,
      DATABASE_URL: t.database.databaseUrl,
      PUBLIC_URL: 'https://journal.exemple.fr',
      NEWSLETTER_SMTP_URL: sink.url,
    };
    if (!env.DATABASE_URL) delete env.DATABASE_URL;
    const child = spawn(process.execPath, ['--max-semi-space-size=4', 'scripts/kiosque.ts', 'newsletter:worker'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    workers.push(child);
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const deadline = Date.now() + 120_000;
    while (!text.includes('prêt')) {
      assert.ok(child.exitCode === null, `le processus d’envoi s’est arrêté : ${text}`);
      assert.ok(Date.now() < deadline, `le processus d’envoi ne démarre pas : ${text}`);
      await sleep(50);
    }
    return { child, output: () => text };
  }

  async function stopWorker(child: ChildProcess): Promise<number | null> {
    if (child.exitCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }

  it('checks the cap typed in the back office and spreads an hourly cap over the hour', async () => {
    await assert.rejects(
      saveSendingLimits(t.app.kiosque, SYSTEM_ACTOR, { perSecond: -1, perHour: Number.NaN }),
      (error: unknown) => error instanceof AppError && AppError.problemsOf(error).length === 2,
    );
    assert.deepEqual(await readSendingLimits(t.database.db), { perSecond: 0, perHour: 0 });
    assert.equal(slotSpacingMs({ perSecond: 0, perHour: 0 }), 0);
    assert.equal(slotSpacingMs({ perSecond: 14, perHour: 0 }), 1000 / 14);
    assert.equal(slotSpacingMs({ perSecond: 14, perHour: 3600 }), 1000);
  });

  it('hands out disjoint slots to concurrent reservations, never before now', async () => {
    const now = Date.now();
    const firsts = await Promise.all(Array.from({ length: 12 }, () => reserveSlots(t.database.db, 3, 10, now)));
    const sorted = [...firsts].sort((a, b) => a - b);
    assert.ok(sorted[0] >= now);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i] - sorted[i - 1] >= 30, `créneaux chevauchants : ${sorted.join(', ')}`);
  });

  it(`the web process sends nothing; two workers send everything, at most ${PER_SECOND} a second together`, {
    timeout: 360_000,
  }, async () => {
    const db = t.database.db;
    await saveSendingLimits(t.app.kiosque, SYSTEM_ACTOR, { perSecond: PER_SECOND, perHour: 0 });
    const editions: number[] = [];
    for (const name of ['Matin', 'Soir']) {
      const nl = await createNewsletter(db, { name });
      await addSubscribers(db, nl.id, PER_EDITION, name.toLowerCase());
      editions.push(
        await insertEdition(db, {
          newsletterId: nl.id,
          subject: `Édition du ${name.toLowerCase()}`,
          blocks: [{ kind: 'text', text: 'Le texte de l’édition.' }],
          status: 'scheduled',
          createdBy: null,
        }),
      );
    }
    for (const id of editions) await enqueueEditionSend(t.app.kiosque, id);

    // The web process's runner leaves newsletter jobs alone.
    assert.equal(await jobRunnerOf(t.app.kiosque)?.runDue(), 0);
    await sleep(1500); // and its own poll too
    assert.equal(sink.count, 0);
    const jobs = await db.selectFrom('jobs').select('status').where('kind', '=', 'newsletter-send').execute();
    assert.deepEqual(
      jobs.map((j) => j.status),
      ['pending', 'pending'],
    );

    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    const deadline = Date.now() + 240_000;
    for (;;) {
      const rows = await db.selectFrom('newsletter_editions').select('status').where('id', 'in', editions).execute();
      if (rows.every((r) => r.status === 'sent')) break;
      assert.ok(Date.now() < deadline, `envoi inachevé : ${a.output()} ${b.output()}`);
      await sleep(100);
    }
    assert.equal(await stopWorker(a.child), 0, a.output());
    assert.equal(await stopWorker(b.child), 0, b.output());

    // Everyone once.
    const total = 2 * PER_EDITION;
    assert.equal(sink.messages.length, total);
    assert.equal(new Set(sink.messages.map((m) => m.to[0])).size, total);
    // Both processes sent, at the same time.
    const byWorker = await db
      .selectFrom('newsletter_sends')
      .select(['edition_id', 'worker'])
      .where('edition_id', 'in', editions)
      .groupBy(['edition_id', 'worker'])
      .execute();
    assert.equal(new Set(byWorker.map((r) => r.worker)).size, 2, JSON.stringify(byWorker));

    // Together they kept to the cap, as the cap promises it: at the sender (send-pace.ts). Each
    // message's start is in the send log (the instant the pacer let it go, both processes on one
    // clock): N starts span at least N − 1 spacings less the late-slot tolerance, and no second
    // holds more than maxStartsPerSecond. Both hold by construction if slots are never shared.
    const spacing = slotSpacingMs({ perSecond: PER_SECOND, perHour: 0 });
    const tolerance = slotToleranceMs(spacing);
    const logged = await db
      .selectFrom('newsletter_sends')
      .select(['email', 'worker', 'started_at'])
      .where('edition_id', 'in', editions)
      .execute();
    const startOf = new Map(logged.map((r) => [r.email, new Date(r.started_at ?? Number.NaN).getTime()]));
    const starts = [...startOf.values()].sort((x, y) => x - y);
    assert.ok(starts.every(Number.isFinite), 'un message sans heure de départ');
    const startSpan = starts[starts.length - 1] - starts[0];
    const startsBusiest = busiestSecond(starts);
    assert.ok(startSpan >= (total - 1) * spacing - tolerance, `${total} départs en ${startSpan} ms`);
    assert.ok(startsBusiest <= maxStartsPerSecond(spacing), `${startsBusiest} départs en une seconde`);

    // And at the SMTP server: each message arrives after it started, a transaction later (a
    // connection's first message also waits for the connection to open), so arrivals can bunch
    // by as much as the slowest transaction, never more.
    const latencies = sink.messages.map((m) => m.at - (startOf.get(m.to[0]) ?? Number.NaN));
    assert.ok(
      latencies.every((l) => l >= 0),
      'un message arrivé avant son départ',
    );
    const slowest = Math.max(...latencies);
    const arrivals = sink.messages.map((m) => m.at).sort((x, y) => x - y);
    const arrivalSpan = arrivals[arrivals.length - 1] - arrivals[0];
    const arrivalsBusiest = busiestSecond(arrivals);
    assert.ok(arrivalSpan >= (total - 1) * spacing - tolerance - slowest, `${total} arrivées en ${arrivalSpan} ms`);
    assert.ok(arrivalsBusiest <= Math.ceil((1000 + tolerance + slowest) / spacing), `${arrivalsBusiest} arrivées en une seconde`);
    const firsts = [...new Set(logged.map((r) => r.worker))].map((w) => {
      const own = sink.messages.filter((m) => logged.find((r) => r.email === m.to[0])?.worker === w).sort((x, y) => x.at - y.at);
      return own
        .slice(0, 6)
        .map((m) => `${m.at - (startOf.get(m.to[0]) ?? 0)}`)
        .join(' ');
    });
    const sortedLatencies = [...latencies].sort((x, y) => x - y);
    console.log(
      `# ${total} messages, 2 processus, plafond ${PER_SECOND}/s : départs sur ${startSpan} ms (au moins ${(total - 1) * spacing - tolerance}), ` +
        `au plus ${startsBusiest} en une seconde (au plus ${maxStartsPerSecond(spacing)}) ; arrivées sur ${arrivalSpan} ms, au plus ${arrivalsBusiest} en une seconde ; ` +
        `départ → arrivée : médiane ${sortedLatencies[total >> 1]} ms, max ${slowest} ms ; six premiers de chaque processus : ${firsts.join(' | ')} ms`,
    );
  });
});
