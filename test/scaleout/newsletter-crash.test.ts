// Exactly-once per recipient across crashes: a 2,000-recipient edition is sent by a child process
// that is killed (SIGKILL) at ten random points of the send and restarted each time; the SMTP
// server, in this process, sees what really arrived. Nobody may be missing, nobody may get two
// different messages. A copy of the same message is possible in one case only, which SMTP cannot
// close from the client side: the server accepted the message and the process died before
// recording it (send-job.ts). The test counts, at each kill, the messages in that state (accepted
// by the server, not recorded as sent), and asserts that the copies are exactly those: no copy
// from anything else. It prints how many there were, for the report.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { insertEdition } from '../../src/newsletters/edition-repository.ts';
import { addSubscribers, createNewsletter } from '../../src/newsletters/newsletter-test-fixtures.ts';
import { enqueueEditionSend } from '../../src/newsletters/send-job.ts';
import { startSmtpSink, type SmtpSink } from '../../src/newsletters/test-smtp-sink.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';

const CHILD = path.join(import.meta.dirname, 'newsletter-send-child.ts');
const RECIPIENTS = 2000;
const KILLS = 10;
/** The child's PostgreSQL sessions are named, to wait for them to end after a kill. */
const CHILD_APP = `kiosque-crash-child-${process.pid}`;

forEachDatabase('newsletter sending survives SIGKILL at random points', (engine) => {
  let handle: TestDatabaseHandle;
  let sink: SmtpSink;
  before(async () => {
    handle = await engine.open();
    sink = await startSmtpSink();
  });
  after(async () => {
    await sink?.close();
    await handle?.close();
  });

  function start(): ChildProcess {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, DATA_DIR: handle.dataDir, DATABASE_URL: handle.databaseUrl ?? '', SINK_URL: sink.url, PGAPPNAME: CHILD_APP },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.resume();
    return child;
  }

  async function kill(child: ChildProcess): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    // A statement the child had sent still runs on PostgreSQL, and commits, after the child is
    // dead; its sessions end once they find the client gone. Only then is the log what it will stay.
    if (handle.databaseUrl) {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const { rows } = await sql<{
          n: number;
        }>`select count(*)::int as n from pg_stat_activity where application_name = ${CHILD_APP}`.execute(handle.db);
        if (rows[0].n === 0) break;
        assert.ok(Date.now() < deadline, 'les sessions PostgreSQL du processus tué ne se ferment pas');
        await sleep(20);
      }
    }
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it(`${RECIPIENTS} recipients, ${KILLS} kills and restarts: nobody missing, no copy but those accepted by the server just before a kill`, {
    timeout: 480_000,
  }, async (t) => {
    const db = handle.db;
    const nl = await createNewsletter(db);
    await addSubscribers(db, nl.id, RECIPIENTS, 'crash');
    const editionId = await insertEdition(db, {
      newsletterId: nl.id,
      subject: 'Édition',
      blocks: [{ kind: 'text', text: 'Texte de l’édition.' }],
      status: 'scheduled',
      createdBy: null,
    });
    await enqueueEditionSend({ db }, editionId);

    /**
     * Per recipient, the copies the server accepted that the log did not record as sent, as of the
     * last kill: the messages caught in the window at some kill (a recipient can be caught twice).
     */
    const unrecorded = new Map<string, number>();
    const points = Array.from({ length: KILLS }, () => 50 + Math.floor(Math.random() * (RECIPIENTS - 100))).sort((a, b) => a - b);
    const hitsPerKill: number[] = [];
    for (const point of points) {
      const child = start();
      const deadline = Date.now() + 60_000;
      while (sink.count < point && Date.now() < deadline && child.exitCode === null) await sleep(2);
      await sleep(Math.random() * 20);
      await kill(child);
      // The child is gone: what the server has now is all it will ever get from that process.
      const sent = new Set(
        (
          await db.selectFrom('newsletter_sends').select('email').where('edition_id', '=', editionId).where('status', '=', 'sent').execute()
        ).map((r) => r.email),
      );
      const accepted = new Map<string, number>();
      for (const m of sink.messages) accepted.set(m.to[0], (accepted.get(m.to[0]) ?? 0) + 1);
      let hits = 0;
      for (const [to, n] of accepted) {
        const now = n - (sent.has(to) ? 1 : 0);
        hits += now - (unrecorded.get(to) ?? 0);
        if (now > 0) unrecorded.set(to, now);
      }
      hitsPerKill.push(hits);
    }
    const last = start();
    try {
      const deadline = Date.now() + 90_000;
      for (;;) {
        const row = await db.selectFrom('newsletter_editions').select('status').where('id', '=', editionId).executeTakeFirstOrThrow();
        if (row.status === 'sent') break;
        assert.ok(Date.now() < deadline, 'l’édition aurait dû finir');
        await sleep(50);
      }
    } finally {
      await kill(last);
    }

    const byRecipient = new Map<string, string[]>();
    for (const m of sink.messages) {
      const id = /^Message-ID: (.*)$/im.exec(m.raw.toString('latin1').split('\r\n\r\n')[0])?.[1].trim() ?? '';
      byRecipient.set(m.to[0], [...(byRecipient.get(m.to[0]) ?? []), id]);
    }
    const missing = Array.from({ length: RECIPIENTS }, (_, i) => `crash-${i}@exemple.fr`).filter((a) => !byRecipient.has(a));
    const twoDifferent = [...byRecipient].filter(([, ids]) => new Set(ids).size > 1);
    const copied = new Map([...byRecipient].filter(([, ids]) => ids.length > 1).map(([to, ids]) => [to, ids.length - 1]));
    const copies = [...byRecipient.values()].reduce((n, ids) => n + ids.length - 1, 0);
    const statuses = await db.selectFrom('newsletter_sends').select('status').where('edition_id', '=', editionId).execute();
    const claimedAtKills = await db
      .selectFrom('newsletter_sends')
      .select('reader_id')
      .where('edition_id', '=', editionId)
      .where('in_doubt', '=', 1)
      .execute();
    t.diagnostic(
      `kills at ${points.join(', ')} messages; accepted by the server but not yet recorded at each kill: ${hitsPerKill.join(', ')}; ` +
        `copies (same Message-ID): ${copies} for ${KILLS} kills; claims taken back: ${claimedAtKills.length}`,
    );
    assert.deepEqual(missing, []);
    assert.deepEqual(twoDifferent, []);
    assert.equal(statuses.length, RECIPIENTS);
    assert.ok(statuses.every((s) => s.status === 'sent'));
    // Every copy is a message the server had accepted when a process died before recording it, sent
    // once more; nothing else is ever sent twice.
    assert.deepEqual(copied, unrecorded);
    // …at most one per connection at each kill (the child sends over 8 connections).
    assert.ok(
      hitsPerKill.every((n) => n <= 8),
      hitsPerKill.join(', '),
    );
  });
});
