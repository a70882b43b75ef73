import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { testDatabases } from '../../../test/support/databases.ts';
import { importTestSite, writeSampleImages } from '../import-test-site.ts';
import { SYSTEM_ACTOR } from '../../accounts/policy.ts';
import { newsletterSecret, suppressionHash } from '../../newsletters/newsletter-links.ts';
import { createNewsletter } from '../../newsletters/newsletter-test-fixtures.ts';
import { activeSubscribers, ghostExport, ghostPosts } from './ghost-fixture.ts';
import { GhostExportError } from './ghost-export.ts';
import type { ImportReport } from '../import-session.ts';
import { importGhost } from './ghost-import.ts';

for (const engine of testDatabases()) {
  describe(`Ghost import [${engine.label}]`, () => {
    // The posts alone; the members come in their own file, for the tests that bring them.
    let exportFile: string;
    let membersFile: string;
    let images: string;
    const postsOnly = (posts: ReturnType<typeof ghostPosts>) => ghostExport(posts, undefined, {});
    const site = importTestSite(engine, 'kiosque-ghost-', async (work) => {
      exportFile = path.join(work, 'lanternes.ghost.json');
      membersFile = path.join(work, 'lanternes-membres.ghost.json');
      images = path.join(work, 'images');
      await writeSampleImages(images, [
        ['2023/07/lanternes.jpg', '#c9a227'],
        ['2023/07/quais.jpg', '#2a5d8f'],
        ['2022/01/lea.jpg', '#8f2a5d'],
      ]);
      fs.writeFileSync(exportFile, postsOnly(ghostPosts()));
      fs.writeFileSync(membersFile, ghostExport(ghostPosts()));
    });
    const { db, get, count } = site;

    test('a dry run reads and reports everything, and writes nothing', async () => {
      const lines: string[] = [];
      const report = await importGhost(site.ctx(), SYSTEM_ACTOR, {
        file: membersFile,
        imagesDir: images,
        dryRun: true,
        out: (l) => lines.push(l),
      });
      assert.equal(report.created, 6, lines.join('\n'));
      assert.match(lines[0]!, /Essai \(rien ne sera enregistré\) de Les Lanternes \(Ghost 5\.74\.0\) : 6 articles et pages/);
      assert.equal(await count('articles'), 0);
      assert.equal(await count('people'), 0);
      assert.equal(await count('images'), 0);
      // No newsletter here yet: Ghost's active ones would be created, its archived one left behind.
      assert.deepEqual(
        report.newsletters.map((n) => [n.id, n.subscribers, n.target]),
        [
          ['n-lettre', 6, 'create'],
          ['n-agenda', 2, 'create'],
          ['n-festival', 1, 'skip'],
        ],
      );
      assert.equal(report.subscribersAdded, 5, lines.join('\n'));
      assert.match(lines.join('\n'), /nouvelle newsletter « L’Agenda du week-end » à créer/);
      assert.equal((await db().selectFrom('newsletters').select('id').execute()).length, 0);
      assert.equal((await db().selectFrom('readers').select('id').execute()).length, 0);
    });

    test('posts, pages, authors with bios, tags as sections, images, statuses and old addresses come over', async () => {
      const lines: string[] = [];
      const progress: [number, number][] = [];
      const report = await importGhost(site.ctx(), SYSTEM_ACTOR, {
        file: exportFile,
        imagesDir: images,
        out: (l) => lines.push(l),
        onProgress: (done, total) => {
          progress.push([done, total]);
        },
      });
      const text = lines.join('\n');
      assert.equal(report.failed, 0, text);
      assert.equal(report.created, 6, text);
      assert.equal(report.sectionsCreated, 3, 'Scènes and Musique (primary tags), Archives for the untagged draft');
      assert.equal(report.peopleCreated, 2);
      assert.deepEqual(progress.at(-1), [6, 6]);

      const articles = await site.articles();
      const by = new Map(articles.map((a) => [a.slug, a]));
      const festival = by.get('festival-des-lanternes')!;
      assert.equal(festival.status, 'published');
      assert.equal(festival.published_at, '2023-07-12T08:15:00.000Z');
      assert.equal(festival.section, 'scenes', 'the primary tag is the section');
      assert.equal(festival.lead, 'Dix ans, trois soirs, mille lanternes.');
      const hero = await db().selectFrom('images').selectAll().where('id', '=', festival.hero_image_id!).executeTakeFirstOrThrow();
      assert.equal(hero.alt, 'Des lanternes de papier au-dessus de la rivière');
      assert.equal(hero.credit, 'Studio Aber');
      assert.equal(hero.caption, 'Le défilé d’ouverture');
      const body = JSON.parse(festival.body) as { content: { type: string; attrs?: Record<string, unknown> }[] };
      assert.deepEqual(
        body.content.map((b) => b.type),
        ['paragraph', 'heading', 'image', 'quote', 'paragraph'],
      );
      const tags = await db()
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select('tags.name')
        .where('article_id', '=', festival.id)
        .execute();
      assert.deepEqual(
        tags.map((x) => x.name),
        ['Festivals'],
        'the other public tags; the internal #une stays behind',
      );
      const home = await db().selectFrom('home_slots').select('article_id').execute();
      assert.deepEqual(
        home.map((h) => h.article_id),
        [festival.id],
        'the featured post goes on la une',
      );

      // Mobiledoc without HTML is rendered; its unknown card is reported.
      const chorale = by.get('chorale-de-moelan')!;
      assert.equal(chorale.section, 'musique');
      assert.equal(chorale.updated_at, '2016-03-03T09:00:00.000Z');
      const choraleBody = JSON.stringify(JSON.parse(chorale.body));
      assert.match(choraleBody, /sans exception/);
      assert.match(choraleBody, /"bulletList"/);
      assert.match(text, /Archives : la chorale[\s\S]*abandonné : carte Ghost « gallery »/);

      const critique = by.get('critique-maree-haute')!;
      assert.ok(!/script|onclick|javascript/.test(critique.body), critique.body);
      assert.match(text, /image introuvable dans le dossier des images : .*disparue\.jpg/);
      const byline = await db()
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select('people.name')
        .where('article_id', '=', critique.id)
        .orderBy('position')
        .execute();
      assert.deepEqual(
        byline.map((p) => p.name),
        ['Léa Morvan', 'Yann Le Goff'],
      );
      assert.equal(by.get('musee-de-la-peche')!.status, 'draft');
      assert.equal(by.get('musee-de-la-peche')!.section, 'archives');
      assert.equal(by.get('entretien-abonnes')!.status, 'draft', 'members-only posts are not made public');
      assert.match(text, /réservé aux membres sur Ghost : importé en brouillon/);

      // Authors: bio and portrait, shown on the author page.
      const lea = await db().selectFrom('people').selectAll().where('name', '=', 'Léa Morvan').executeTakeFirstOrThrow();
      assert.equal(lea.bio, 'Léa Morvan couvre les scènes bretonnes depuis dix ans.\n\nElle a dirigé la revue de 2018 à 2022.');
      assert.ok(lea.photo_image_id, 'the profile image');
      const authorPage = await get(`/auteur/${lea.slug}`);
      assert.equal(authorPage.statusCode, 200);
      assert.match(authorPage.body, /couvre les scènes bretonnes/);
      assert.match(authorPage.body, /<p>Elle a dirigé la revue/, 'one paragraph each');

      // The public site and the old addresses.
      const page = await get('/scenes/festival-des-lanternes');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Nous voulions une fête qui ressemble à la ville/);
      for (const [old, target] of [
        ['/festival-des-lanternes/', '/scenes/festival-des-lanternes'],
        ['/chorale-de-moelan', '/musique/chorale-de-moelan'],
        ['/tag/scenes/', '/scenes'],
        ['/tag/festivals/', '/sujet/festivals'],
        [`/author/lea/`, `/auteur/${lea.slug}`],
        ['/a-propos/', '/a-propos'],
      ]) {
        const response = await get(old!);
        assert.equal(response.statusCode, 301, old);
        assert.equal(response.headers.location, target, old);
      }
      assert.equal((await get('/musee-de-la-peche/')).statusCode, 404, 'a draft’s old address leads nowhere');
      const about = await get('/a-propos');
      assert.match(about.body, /fondée en 2014/);
    });

    test('a second run changes nothing; a post changed on Ghost is updated, never duplicated', async () => {
      const before = { articles: await count('articles'), images: await count('images'), people: await count('people') };
      const again = await importGhost(site.ctx(), SYSTEM_ACTOR, { file: exportFile, imagesDir: images });
      assert.equal(again.unchanged, 6);
      assert.deepEqual({ articles: await count('articles'), images: await count('images'), people: await count('people') }, before);

      const posts = ghostPosts();
      posts[1]!.title = 'Archives : la chorale de Moëlan fête ses 40 ans';
      fs.writeFileSync(exportFile, postsOnly(posts));
      const changed = await importGhost(site.ctx(), SYSTEM_ACTOR, { file: exportFile, imagesDir: images });
      assert.equal(changed.updated, 1);
      assert.equal(changed.unchanged, 5);
      assert.equal(await count('articles'), before.articles);
      const row = await db()
        .selectFrom('articles')
        .select(['headline', 'slug'])
        .where('slug', '=', 'chorale-de-moelan')
        .executeTakeFirstOrThrow();
      assert.equal(row.headline, 'Archives : la chorale de Moëlan fête ses 40 ans');
    });

    test('members become subscribers of the matching newsletters, with their consent; never an erased or unsubscribed address', async () => {
      const lettre = await createNewsletter(db(), { name: 'La Lettre du dimanche' });
      await db().updateTable('newsletters').set({ slug: 'lettre-des-lanternes' }).where('id', '=', lettre.id).execute();
      const agenda = await createNewsletter(db(), { name: "L'agenda du Week-End" });
      // Erased here before the move: only its keyed hash is left, which the import must honour.
      const secret = await newsletterSecret(site.ctx());
      await db()
        .insertInto('newsletter_suppressions')
        .values({ email_hash: suppressionHash(secret, 'effacee@exemple.fr'), reason: 'erased', created_at: new Date().toISOString() })
        .execute();
      // Already a reader here, who unsubscribed from the letter: the import leaves that choice alone.
      const now = new Date().toISOString();
      const reader = await db()
        .insertInto('readers')
        .values({ email: 'parti.ici@exemple.fr', name_key: null, suspended_until: null, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('newsletter_subscriptions')
        .values({
          newsletter_id: lettre.id,
          reader_id: reader.id,
          status: 'unsubscribed',
          consent_at: now,
          consent_source: 'formulaire',
          created_at: now,
          updated_at: now,
        })
        .execute();
      const subscriptions = () =>
        db()
          .selectFrom('newsletter_subscriptions')
          .innerJoin('readers', 'readers.id', 'newsletter_subscriptions.reader_id')
          .select([
            'readers.email',
            'newsletter_subscriptions.newsletter_id',
            'newsletter_subscriptions.status',
            'newsletter_subscriptions.consent_at',
            'newsletter_subscriptions.consent_source',
          ])
          .orderBy('readers.email')
          .orderBy('newsletter_id')
          .execute();
      const expected = {
        subscribersAdded: 3,
        subscribersAlready: 0,
        subscribersSuppressed: 1,
        subscribersLeft: 3,
        subscribersInvalid: 1,
        subscribersUnmapped: 1,
      };
      const countsOf = (r: ImportReport) => Object.fromEntries(Object.keys(expected).map((k) => [k, r[k as keyof typeof expected]]));

      const lines: string[] = [];
      const dry = await importGhost(site.ctx(), SYSTEM_ACTOR, {
        file: membersFile,
        imagesDir: images,
        dryRun: true,
        out: (l) => lines.push(l),
      });
      assert.deepEqual(countsOf(dry), expected, lines.join('\n'));
      assert.deepEqual(
        dry.newsletters.map((n) => n.target),
        [lettre.id, agenda.id, 'skip'],
        'proposed: same slug, same name, and the archived one left behind',
      );
      assert.equal((await subscriptions()).length, 1, 'a dry run subscribes nobody');
      const text = lines.join('\n');
      assert.match(text, /la newsletter Ghost « La lettre des Lanternes » → « La Lettre du dimanche » : 2 abonnés à ajouter/);
      assert.match(text, /la newsletter Ghost « L’Agenda du week-end » → « L'agenda du Week-End » : 1 abonnés à ajouter/);
      assert.match(text, /« Spécial festival 2022 » : archivée sur Ghost, laissée de côté — 1 abonnés non importés/);
      assert.match(text, /adresse invalide \(membre nº 8\) : adresse sans arobase/);

      const real = await importGhost(site.ctx(), SYSTEM_ACTOR, { file: membersFile, imagesDir: images });
      assert.deepEqual(countsOf(real), expected);
      const rows = await subscriptions();
      assert.deepEqual(
        rows.map((r) => [r.email, r.newsletter_id, r.status, new Date(r.consent_at).toISOString(), r.consent_source]),
        [
          [
            'anne.riou@exemple.fr',
            lettre.id,
            'active',
            '2021-02-10T09:00:00.000Z',
            'import Ghost (Les Lanternes) : inscription sur le site',
          ],
          // The latest subscription to the weekend letter is the consent kept.
          [
            'anne.riou@exemple.fr',
            agenda.id,
            'active',
            '2023-04-02T19:05:00.000Z',
            'import Ghost (Les Lanternes) : inscription sur le site',
          ],
          [
            'bruno.kerleau@exemple.fr',
            lettre.id,
            'active',
            '2020-11-03T17:45:00.000Z',
            'import Ghost (Les Lanternes) : importé dans Ghost',
          ],
          ['parti.ici@exemple.fr', lettre.id, 'unsubscribed', now, 'formulaire'],
        ],
      );
      for (const absent of ['effacee@exemple.fr', 'claire.rebond@exemple.fr', 'denis.plainte@exemple.fr', 'gratuit.sans.lettre@exemple.fr'])
        assert.equal(
          (await db().selectFrom('readers').select('id').where('email', '=', absent).execute()).length,
          0,
          `${absent}: erased here, bounced or on Ghost's suppression list, or subscribed to nothing`,
        );

      // Members' names are kept, privately: never as the public display name.
      const names = await db().selectFrom('readers').select(['email', 'full_name', 'display_name']).orderBy('email').execute();
      assert.deepEqual(
        names.map((r) => [r.email, r.full_name, r.display_name]),
        [
          ['anne.riou@exemple.fr', 'Anne Riou', ''],
          ['bruno.kerleau@exemple.fr', '', ''],
          ['parti.ici@exemple.fr', '', ''],
        ],
      );

      // Once more: nobody is added twice, nobody comes back.
      const again = await importGhost(site.ctx(), SYSTEM_ACTOR, { file: membersFile, imagesDir: images });
      assert.deepEqual(countsOf(again), { ...expected, subscribersAdded: 0, subscribersAlready: 3 });
      assert.equal((await subscriptions()).length, rows.length);
    });

    test('the newsletters chosen by hand are followed: an existing one, a new one made once, or none', async () => {
      const lettre = await db().selectFrom('newsletters').select('id').where('slug', '=', 'lettre-des-lanternes').executeTakeFirstOrThrow();
      const newsletterMap = { 'n-lettre': 'skip', 'n-agenda': lettre.id, 'n-festival': 'create' } as const;
      const before = await db().selectFrom('newsletters').select('id').execute();
      const lines: string[] = [];
      const dry = await importGhost(site.ctx(), SYSTEM_ACTOR, {
        file: membersFile,
        dryRun: true,
        newsletterMap,
        out: (l) => lines.push(l),
      });
      assert.deepEqual(
        dry.newsletters.map((n) => n.target),
        ['skip', lettre.id, 'create'],
      );
      assert.match(lines.join('\n'), /« La lettre des Lanternes » : laissée de côté, comme choisi — 6 abonnés non importés/);
      assert.match(lines.join('\n'), /nouvelle newsletter « Spécial festival 2022 » à créer/);
      assert.equal(dry.subscribersAdded, 1, 'the festival-goer, in the new newsletter; Anne already gets the letter');
      assert.equal((await db().selectFrom('newsletters').select('id').execute()).length, before.length, 'a dry run creates nothing');

      for (let run = 0; run < 2; run++) await importGhost(site.ctx(), SYSTEM_ACTOR, { file: membersFile, newsletterMap });
      const created = await db().selectFrom('newsletters').selectAll().where('name', '=', 'Spécial festival 2022').execute();
      assert.equal(created.length, 1, 'made once, found again by its name on the second run');
      assert.deepEqual(await activeSubscribers(db(), created[0]!.id), [['festivalier@exemple.fr', 'Gwenaël Le Festivalier']]);
    });

    test('broken files are refused in French before anything is written', async () => {
      const valid = ghostExport(ghostPosts());
      const cases: [string, string, RegExp][] = [
        ['pas-json.json', 'ceci n’est pas du JSON', /JSON invalide \(caractère inattendu\)/],
        ['tronque.json', valid.slice(0, 2000), /JSON invalide \(fichier tronqué\)/],
        ['vide.json', '  ', /Fichier vide/],
        ['autre.json', '{"articles": []}', /pas de clé « db »/],
        ['sans-donnees.json', '{"db": []}', /Exportation Ghost invalide : db : la liste « db » est vide/],
        [
          'titre.json',
          JSON.stringify({ db: [{ data: { posts: [{ id: 'a', slug: 'x', status: 'published' }] } }] }),
          /db\.0\.data\.posts\.0\.title : champ manquant/,
        ],
      ];
      await site.expectRefused((file) => importGhost(site.ctx(), SYSTEM_ACTOR, { file }), GhostExportError, cases);
    });
  });
}
