import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { testDatabases } from '../../test/support/databases.ts';
import { createNewsroom, getAs } from '../../test/support/newsroom.ts';
import { signInAs } from '../../test/support/sign-in.ts';
import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import { AppError } from '../core/http/app-error.ts';
import { startJobRunner, stopJobRunner } from '../core/jobs/job-runner.ts';
import { createAgency } from './agency-operations.ts';
import { discardHeld, publishHeld } from './held-operations.ts';
import { applyWireItem, publishWireItem } from './wire-ingest.ts';
import { pollAgency, pollJobKey, queuePoll } from './wire-poll.ts';
import { parseWireDocument } from './parse-wire.ts';
import { listItemsInState } from './wire-repository.ts';
import { newsMlSample, ninjsSample, rssSample } from './wire-samples.ts';

/** Writes a file as a finished drop (modified a minute ago, so it counts as complete). */
async function drop(folder: string, name: string, content: string | Buffer): Promise<void> {
  const file = path.join(folder, name);
  await fs.writeFile(file, content);
  const past = new Date(Date.now() - 60_000);
  await fs.utimes(file, past, past);
}

for (const engine of testDatabases()) {
  describe(`wire ingest [${engine.label}]`, () => {
    let t: TestApp;
    let ctx: AppContext;
    let room: Awaited<ReturnType<typeof createNewsroom>>;
    let root: string;

    before(async () => {
      root = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-wire-'));
      t = await createTestApp({ dialect: engine.label, env: { WIRE_ALLOW_PRIVATE: '1', WIRE_ROOT: root } });
      ctx = t.app.kiosque;
      // The tests poll by hand: no background runner taking the same jobs.
      await stopJobRunner(ctx);
      room = await createNewsroom(ctx.db);
    });
    after(async () => {
      await t.close();
      await fs.rm(root, { recursive: true, force: true });
    });

    async function agency(name: string, over: Partial<Parameters<typeof createAgency>[2]> = {}) {
      const folder = path.join(root, name.toLowerCase().replace(/\W+/g, '-'));
      await fs.mkdir(folder, { recursive: true });
      const id = await createAgency(ctx, SYSTEM_ACTOR, {
        name,
        sectionId: room.section.id,
        tags: ['Fil info'],
        rule: 'auto',
        format: 'newsml',
        folderPath: folder,
        ...over,
      });
      return { id, folder };
    }

    const articleOf = async (agencyId: number, guid: string) => {
      const item = await ctx.db
        .selectFrom('wire_items')
        .selectAll()
        .where('agency_id', '=', agencyId)
        .where('guid', '=', guid)
        .executeTakeFirstOrThrow();
      const article = item.article_id
        ? await ctx.db.selectFrom('articles').selectAll().where('id', '=', item.article_id).executeTakeFirstOrThrow()
        : null;
      return { item, article };
    };

    test('a NewsML-G2 drop becomes a published dépêche signed by the agency; versions update it, a kill unpublishes it', async () => {
      const { id, folder } = await agency('Agence Presse Continentale');
      const guid = 'urn:newsml:apc.example:20261204:port';
      await drop(folder, 'apc-port-v1.xml', newsMlSample({ guid }));
      await pollAgency(ctx, id);

      const first = await articleOf(id, guid);
      assert.equal(first.item.state, 'published');
      assert.equal(first.article?.format, 'depeche');
      assert.equal(first.article?.status, 'published');
      assert.equal(first.article?.headline, 'Le port de Saint-Aubin-sur-Loire inaugure son quai à hydrogène');
      assert.deepEqual(await fs.readdir(path.join(folder, 'processed')), ['apc-port-v1.xml']);
      const byline = await ctx.db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select('people.name')
        .where('article_id', '=', first.article!.id)
        .execute();
      assert.deepEqual(
        byline.map((b) => b.name),
        ['Agence Presse Continentale'],
      );
      const body = first.article!.body;
      assert.doesNotMatch(body, /alert|script/);
      assert.match(body, /images\.apc\.example\/2026\/12\/quai-hydrogene\.jpg/);
      assert.match(body, /APC \/ Lucie Moreau/);
      const tags = await ctx.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select('tags.name')
        .where('article_id', '=', first.article!.id)
        .execute();
      assert.deepEqual(new Set(tags.map((x) => x.name)), new Set(['APC', 'Économie', 'Énergie', 'Fil info', 'Transports']));

      const url = `/international/${first.article!.slug}`;
      const page = await getAs(t.app, null, url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Agence Presse Continentale/);

      await drop(
        folder,
        'apc-port-v2.xml',
        newsMlSample({ guid, version: 2, headline: 'Saint-Aubin-sur-Loire : le quai à hydrogène mis en service' }),
      );
      await drop(folder, 'apc-port-v1-bis.xml', newsMlSample({ guid, version: 1, headline: 'Ancienne version, à ignorer' }));
      await pollAgency(ctx, id);
      const second = await articleOf(id, guid);
      assert.equal(second.item.version, 2);
      assert.equal(second.article?.id, first.article?.id, 'the same dépêche, updated');
      assert.equal(second.article?.headline, 'Saint-Aubin-sur-Loire : le quai à hydrogène mis en service');
      assert.equal(second.article?.status, 'published');

      await drop(folder, 'apc-port-kill.xml', newsMlSample({ guid, version: 3, status: 'withdrawn' }));
      await pollAgency(ctx, id);
      const killed = await articleOf(id, guid);
      assert.equal(killed.item.state, 'withdrawn');
      assert.equal(killed.article?.status, 'unpublished');
      assert.equal((await getAs(t.app, null, url)).statusCode, 410, 'the cached page is gone at once');
      assert.equal((await fs.readdir(path.join(folder, 'processed'))).length, 4);
    });

    test('an embargo schedules the dépêche at its time', async () => {
      const { id, folder } = await agency('Agence Embargo');
      const embargo = new Date(Date.now() + 3 * 3600_000).toISOString();
      await drop(folder, 'embargo.xml', newsMlSample({ guid: 'urn:embargo:1', embargo, story: 1 }));
      await pollAgency(ctx, id);
      const { item, article } = await articleOf(id, 'urn:embargo:1');
      assert.equal(item.state, 'scheduled');
      assert.equal(article?.status, 'scheduled');
      assert.equal(article?.published_at, embargo);
      const job = await ctx.db
        .selectFrom('jobs')
        .select('run_at')
        .where('unique_key', '=', `publish:article:${article!.id}`)
        .executeTakeFirstOrThrow();
      assert.equal(new Date(job.run_at).toISOString(), embargo);

      // Killed before its time: taken off the schedule, never published.
      await drop(folder, 'embargo-kill.xml', newsMlSample({ guid: 'urn:embargo:1', version: 2, status: 'canceled', story: 1 }));
      await pollAgency(ctx, id);
      const killed = await articleOf(id, 'urn:embargo:1');
      assert.equal(killed.item.state, 'withdrawn');
      assert.equal(killed.article?.status, 'draft');
    });

    test('held items (ninjs) wait for an editor, who publishes or discards them', async () => {
      const { id, folder } = await agency('Agence Attente', { rule: 'hold', format: 'ninjs' });
      await drop(folder, 'a.json', ninjsSample({ guid: 'urn:held:1', story: 2 }));
      await drop(folder, 'b.json', ninjsSample({ guid: 'urn:held:2', story: 1 }));
      await pollAgency(ctx, id);
      const held = await listItemsInState(ctx.db, 'held');
      assert.deepEqual(held.map((h) => h.guid).sort(), ['urn:held:1', 'urn:held:2']);
      assert.equal((await articleOf(id, 'urn:held:1')).article, null, 'no article before an editor decides');

      // A newer version while held replaces the text waiting in the queue.
      await drop(
        folder,
        'a2.json',
        ninjsSample({ guid: 'urn:held:1', version: 2, story: 2, headline: 'Valmont : la programmation complète du festival' }),
      );
      await pollAgency(ctx, id);
      const editor = { userId: null, name: 'Éditrice', role: 'editeur' as const, personId: null };
      const one = held.find((h) => h.guid === 'urn:held:1')!;
      const result = await publishHeld(ctx, editor, one.id);
      assert.equal(result.state, 'published');
      const published = await articleOf(id, 'urn:held:1');
      assert.equal(published.article?.headline, 'Valmont : la programmation complète du festival');
      assert.equal(published.article?.status, 'published');
      await assert.rejects(publishHeld(ctx, editor, one.id), { code: 'conflict' });

      const two = held.find((h) => h.guid === 'urn:held:2')!;
      await discardHeld(ctx, editor, two.id);
      assert.equal((await articleOf(id, 'urn:held:2')).item.state, 'discarded');
      assert.deepEqual(await listItemsInState(ctx.db, 'held'), []);
      const writer = { userId: null, name: 'Pigiste', role: 'contributeur' as const, personId: null };
      await assert.rejects(publishHeld(ctx, writer, two.id), { code: 'forbidden' });
    });

    test('a held item under embargo is scheduled when the editor publishes it; a kill of an unknown GUID is remembered', async () => {
      const { id, folder } = await agency('Agence Sous Embargo', { rule: 'hold' });
      const embargo = new Date(Date.now() + 2 * 3600_000).toISOString();
      await drop(folder, 'e.xml', newsMlSample({ guid: 'urn:held-embargo:1', embargo, story: 2 }));
      await drop(folder, 'k.xml', newsMlSample({ guid: 'urn:jamais-vu:1', version: 2, status: 'withdrawn' }));
      await pollAgency(ctx, id);
      const held = (await listItemsInState(ctx.db, 'held')).find((h) => h.guid === 'urn:held-embargo:1')!;
      const editor = { userId: null, name: 'Éditrice', role: 'editeur' as const, personId: null };
      assert.equal((await publishHeld(ctx, editor, held.id)).state, 'scheduled');
      const { article } = await articleOf(id, 'urn:held-embargo:1');
      assert.equal(article?.status, 'scheduled');
      assert.equal(new Date(article!.published_at!).toISOString(), embargo);

      const killed = await articleOf(id, 'urn:jamais-vu:1');
      assert.equal(killed.item.state, 'withdrawn');
      assert.equal(killed.article, null);
      await drop(folder, 'k1.xml', newsMlSample({ guid: 'urn:jamais-vu:1', version: 1 }));
      await pollAgency(ctx, id);
      assert.equal((await articleOf(id, 'urn:jamais-vu:1')).item.state, 'withdrawn', 'an older version does not bring it back');
    });

    test('a crash between the article and the item row: the next run finds the same article, published once', async () => {
      const { id, folder } = await agency('Agence Reprise');
      const row = await ctx.db.selectFrom('wire_agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const xml = newsMlSample({ guid: 'urn:reprise:1', story: 1 });
      const [item] = parseWireDocument(Buffer.from(xml), 'newsml');
      // The first run made and published the dépêche, then died before recording the item.
      const first = await publishWireItem(ctx, SYSTEM_ACTOR, row, item!, null);
      await drop(folder, 'reprise.xml', xml);
      await pollAgency(ctx, id);
      const after = await articleOf(id, 'urn:reprise:1');
      assert.equal(after.article?.id, first.articleId);
      assert.equal(after.item.state, 'published');
      const publishes = await ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'article.publish')
        .where('subject_id', '=', String(first.articleId))
        .execute();
      assert.equal(publishes.length, 1);
      // And the same version applied again changes nothing.
      assert.equal(await applyWireItem(ctx, row, item!), 'ignored');
    });

    test('the durable poll job reads the folder, then queues its own next run after the interval', async () => {
      const { id, folder } = await agency('Agence Minutée', { pollSeconds: 120 });
      await drop(folder, 'job.xml', newsMlSample({ guid: 'urn:job:1', story: 1 }));
      const job = () => ctx.db.selectFrom('jobs').selectAll().where('unique_key', '=', pollJobKey(id)).executeTakeFirstOrThrow();
      assert.equal((await job()).status, 'pending', 'queued when the agency was added');
      const runner = startJobRunner(ctx, { pollMs: 3600_000 });
      try {
        const started = Date.now();
        await runner.runDue();
        assert.equal((await articleOf(id, 'urn:job:1')).article?.status, 'published');
        const next = await job();
        assert.equal(next.status, 'pending');
        const delay = Date.parse(next.run_at) - started;
        assert.ok(delay > 100_000 && delay <= 125_000, `next poll in ${delay} ms`);
        // "Relever maintenant" brings it forward.
        await queuePoll(ctx, id);
        assert.ok(Date.parse((await job()).run_at) <= Date.now());
      } finally {
        await runner.stop();
      }
    });

    test('RSS items: a later date is a newer version', async () => {
      const { id, folder } = await agency('Agence Flux', { format: 'rss' });
      await drop(folder, 'fil.xml', rssSample([{ story: 0 }, { story: 1 }]));
      await pollAgency(ctx, id);
      assert.equal((await articleOf(id, 'https://apc.example/rss/1')).article?.status, 'published');
      await drop(
        folder,
        'fil-2.xml',
        rssSample([{ story: 1, version: 5, headline: 'Grève du contrôle aérien : la moitié des vols annulés' }]),
      );
      await pollAgency(ctx, id);
      assert.equal(
        (await articleOf(id, 'https://apc.example/rss/1')).article?.headline,
        'Grève du contrôle aérien : la moitié des vols annulés',
      );
    });

    test('broken files go to failed/ with a French reason shown in the agency health; the rest is taken', async () => {
      const { id, folder } = await agency('Agence Cassée');
      await drop(folder, 'invalide.xml', '<newsMessage><itemSet><newsItem guid="x"></itemSet></newsMessage>');
      await drop(
        folder,
        'latin1.xml',
        Buffer.concat([
          Buffer.from('<?xml version="1.0" encoding="UTF-8"?><newsItem guid="l" version="1"><contentMeta><headline>D'),
          Buffer.from([0xe9]),
          Buffer.from('p\u00eache</headline></contentMeta></newsItem>', 'latin1'),
        ]),
      );
      await drop(folder, 'sans-guid.xml', newsMlSample({ guid: '' }));
      await drop(folder, 'enorme.xml', Buffer.alloc(6 * 1024 * 1024, 0x20));
      await drop(folder, 'bonne.xml', newsMlSample({ guid: 'urn:bonne:1', story: 2 }));
      // Still being uploaded: a temporary name, and a file written just now.
      await fs.writeFile(path.join(folder, 'en-cours.xml.part'), '<newsMessage>');
      await fs.writeFile(path.join(folder, 'a-l-instant.xml'), newsMlSample({ guid: 'urn:instant:1' }));
      await pollAgency(ctx, id);

      const failed = (await fs.readdir(path.join(folder, 'failed'))).sort();
      assert.deepEqual(failed, [
        'enorme.xml',
        'enorme.xml.erreur.txt',
        'invalide.xml',
        'invalide.xml.erreur.txt',
        'latin1.xml',
        'latin1.xml.erreur.txt',
        'sans-guid.xml',
        'sans-guid.xml.erreur.txt',
      ]);
      assert.match(await fs.readFile(path.join(folder, 'failed', 'invalide.xml.erreur.txt'), 'utf8'), /XML invalide \(ligne 1\)/);
      assert.match(await fs.readFile(path.join(folder, 'failed', 'latin1.xml.erreur.txt'), 'utf8'), /encodage invalide/);
      assert.match(await fs.readFile(path.join(folder, 'failed', 'sans-guid.xml.erreur.txt'), 'utf8'), /identifiant \(GUID\) manquant/);
      assert.match(
        await fs.readFile(path.join(folder, 'failed', 'enorme.xml.erreur.txt'), 'utf8'),
        /trop volumineux \(6\.0 Mo ; 5 Mo au plus\)/,
      );
      assert.deepEqual(await fs.readdir(path.join(folder, 'processed')), ['bonne.xml']);
      assert.deepEqual((await fs.readdir(folder)).filter((f) => f.includes('.')).sort(), ['a-l-instant.xml', 'en-cours.xml.part']);
      assert.equal((await articleOf(id, 'urn:bonne:1')).article?.status, 'published');

      const health = await ctx.db.selectFrom('wire_agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(health.files_failed, 4);
      assert.match(health.last_error ?? '', /fichier invalide\.xml : XML invalide/);
      assert.equal(health.items_received, 1);
    });

    test('a watched folder must stay below WIRE_ROOT, even through a link', async () => {
      await assert.rejects(agency('Agence Ailleurs', { folderPath: path.join(os.tmpdir(), 'ailleurs') }), (error: unknown) =>
        AppError.problemsOf(error).some((p) => p.path === 'folderPath' && /il doit se trouver dans/.test(p.message)),
      );
      const { id, folder } = await agency('Agence Lien');
      const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-wire-dehors-'));
      try {
        await drop(outside, 'precieux.xml', newsMlSample({ guid: 'urn:dehors:1' }));
        await fs.rm(folder, { recursive: true });
        await fs.symlink(outside, folder);
        await pollAgency(ctx, id);
        const health = await ctx.db.selectFrom('wire_agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.match(health.last_error ?? '', /dossier surveillé hors de .* \(réglage WIRE_ROOT\)/);
        assert.deepEqual(await fs.readdir(outside), ['precieux.xml'], 'nothing moved out of the other folder');
      } finally {
        await fs.rm(outside, { recursive: true, force: true });
      }
    });

    test('a watched folder is stored relative to WIRE_ROOT and resolved at each poll', async () => {
      const { id, folder } = await agency('Agence Relative');
      const stored = await ctx.db.selectFrom('wire_agencies').select('folder_path').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(stored.folder_path, 'agence-relative');
      await drop(folder, 'relative.xml', newsMlSample({ guid: 'urn:relative:1' }));
      await pollAgency(ctx, id);
      assert.equal((await articleOf(id, 'urn:relative:1')).item.state, 'published');
      // The form shows where it is on this server; an absolute path stored before still works.
      const admin = await signInAs(t.app, 'administrateur');
      assert.ok((await getAs(t.app, admin, `/admin/agences/${id}`)).body.includes(`value="${folder}"`));
      await ctx.db.updateTable('wire_agencies').set({ folder_path: folder }).where('id', '=', id).execute();
      await drop(folder, 'absolu.xml', newsMlSample({ guid: 'urn:relative:2', story: 1 }));
      await pollAgency(ctx, id);
      assert.equal((await articleOf(id, 'urn:relative:2')).item.state, 'published');
    });

    test('HTTP pull: a conditional GET reads the feed once, then hears 304', async () => {
      const seen: (string | undefined)[] = [];
      // Its photo is named relative to the feed: on the agency's server (here, not an image).
      const feed = rssSample([{ story: 2, guid: 'https://apc.example/pull/1', photoHref: 'photos/vue.jpg' }]);
      const server = http.createServer((request, response) => {
        if (request.url === '/fil.rss') seen.push(request.headers['if-none-match']);
        if (request.url === '/panne.rss') return response.writeHead(500).end('panne');
        if (request.headers['if-none-match'] === '"v1"') return response.writeHead(304).end();
        response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(feed);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fil.rss`;
        const { id } = await agency('Agence Relevée', { format: 'rss', folderPath: null, pullUrl: url });
        await pollAgency(ctx, id);
        await pollAgency(ctx, id);
        assert.deepEqual(seen, [undefined, '"v1"']);
        const pulled = await articleOf(id, 'https://apc.example/pull/1');
        assert.equal(pulled.article?.status, 'published');
        assert.equal(JSON.parse(pulled.item.payload).photos[0].href, url.replace('fil.rss', 'photos/vue.jpg'));
        assert.equal(pulled.item.photo_problem, 'pas-une-image');
        assert.match(pulled.item.photo_reason ?? '', /application\/rss\+xml/);
        const health = await ctx.db.selectFrom('wire_agencies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        assert.equal(health.last_error, null);
        assert.equal(health.etag, '"v1"');

        const broken = await agency('Agence en Panne', { format: 'rss', folderPath: null, pullUrl: url.replace('fil.rss', 'panne.rss') });
        await pollAgency(ctx, broken.id);
        const failing = await ctx.db.selectFrom('wire_agencies').selectAll().where('id', '=', broken.id).executeTakeFirstOrThrow();
        assert.match(failing.last_error ?? '', /relevé HTTP de http:\/\/127\.0\.0\.1:\d+\/panne\.rss : réponse 500/);
        assert.equal(failing.last_success_at, null);
      } finally {
        server.close();
      }
    });
  });
}
