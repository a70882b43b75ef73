// Exactly-once per recipient across crashes: a 2,000-recipient edition is sent by a child process
// that is killed (SIGKILL) at random points of the send and restarted each time; the SMTP server,
// in this process, sees what really arrived. Three kill points rather than the ten: every
// restart pays a Node boot (~1 s on a loaded 2-core machine) and each point already lands at a
// random place among ~2,000 messages. Sending 2,000 messages costs ~10 s of CPU (MIME encoding and
// the SMTP server, both on this machine) plus a Node boot per restart; with three points each
// engine's run measured 40–110 s on a 2-core machine under a load average near 20 (five points
// came close to the 180 s test limit there).
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { insertEdition } from '../../src/newsletters/edition-repository.ts';
import { addSubscribers, createNewsletter } from '../../src/newsletters/newsletter-test-fixtures.ts';
import { enqueueEditionSend } from '../../src/newsletters/send-job.ts';
import { startSmtpSink, type SmtpSink } from '../../src/newsletters/test-smtp-sink.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';

const CHILD = path.join(import.meta.dirname, 'newsletter-send-child.ts');
const RECIPIENTS = 2000;
const KILLS = 3;

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
      env: { ...process.env, DATA_DIR: handle.dataDir, DATABASE_URL: handle.databaseUrl ?? '', SINK_URL: sink.url },
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
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it(`${RECIPIENTS} recipients, ${KILLS} kills and restarts: nobody missing, nobody sent two different messages`, async (t) => {
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

    const points = Array.from({ length: KILLS }, () => 50 + Math.floor(Math.random() * (RECIPIENTS - 100))).sort((a, b) => a - b);
    for (const point of points) {
      const child = start();
      const deadline = Date.now() + 30_000;
      while (sink.count < point && Date.now() < deadline && child.exitCode === null) await sleep(2);
      await sleep(Math.random() * 15);
      await kill(child);
    }
    const last = start();
    try {
      const deadline = Date.now() + 60_000;
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
    const copies = [...byRecipient.values()].reduce((n, ids) => n + ids.length - 1, 0);
    const inDoubt = await db
      .selectFrom('newsletter_sends')
      .select('reader_id')
      .where('edition_id', '=', editionId)
      .where('in_doubt', '=', 1)
      .execute();
    const statuses = await db.selectFrom('newsletter_sends').select('status').where('edition_id', '=', editionId).execute();
    t.diagnostic(
      `kills at ${points.join(', ')} messages; re-sent copies (same Message-ID): ${copies}; claims in flight at a kill: ${inDoubt.length}`,
    );
    assert.deepEqual(missing, []);
    assert.deepEqual(twoDifferent, []);
    assert.equal(statuses.length, RECIPIENTS);
    assert.ok(statuses.every((s) => s.status === 'sent'));
    // A copy can only be a message that was in flight when its process died (SMTP cannot say whether it was taken).
    assert.ok(copies <= inDoubt.length, `${copies} copies for ${inDoubt.length} claims in doubt`);
    // …and at most one per connection in flight at each kill (the child sends over 8 connections).
    assert.ok(copies <= KILLS * 8, `${copies} copies for ${KILLS} kills`);
  });
});
