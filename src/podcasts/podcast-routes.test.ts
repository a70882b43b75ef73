import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { createArticle, createImage, createSection, createSettings } from '../../test/support/content-factories.ts';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInAs, type SignedIn } from '../../test/support/sign-in.ts';
import { form } from '../curation/curation-test-support.ts';
import { podcastGuid } from './podcast-feed.ts';

// Shows and episodes through the back office, then what the public gets: the show page, the
// podcast feed (read by fast-xml-parser, not the library that wrote it), chapters and transcript.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'item',
});

const TRANSCRIPT =
  'WEBVTT\n\n00:00.000 --> 00:04.000\nBonjour et bienvenue.\n\n00:04.500 --> 00:09.000\nAujourd’hui : les <b>automnes</b> & la pluie.\n';

forEachDatabase('podcasts: shows, episodes, feed', (engine) => {
  let t: TestApp;
  let editor: SignedIn;
  let cover: { id: number };
  let section: { id: number; slug: string };
  let audioId: number;

  before(async () => {
    t = await createTestApp({ dialect: engine.label, env: { PUBLIC_URL: 'https://exemple.fr' } });
    await createSettings(t.database.db);
    editor = await signInAs(t.app, 'editeur');
    cover = await createImage(t.database.db, { width: 1600, height: 1600 });
    section = await createSection(t.database.db, { slug: 'podcasts', name: 'Podcasts' });
    const audio = await t.database.db
      .insertInto('media_files')
      .values({
        kind: 'audio',
        file_key: 'a1b2c3d4e5f6.mp3',
        mime: 'audio/mpeg',
        bytes: 123456,
        duration_seconds: 600,
        title: 'Épisode 1',
        credit: 'Le Sextant',
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    audioId = audio.id;
  });
  after(() => t?.close());

  const post = (url: string, fields: Record<string, string>, who = editor) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ _csrf: who.csrfToken, ...fields }),
    });

  const show = {
    title: 'À bonne distance',
    slug: '',
    description: 'Un entretien pour prendre du recul sur l’actualité.',
    coverImageId: '',
    category: 'News/Daily News',
    explicit: 'non',
    language: 'fr',
    authorName: 'Le Sextant',
    ownerName: 'Rédaction du Sextant',
    ownerEmail: 'podcasts@exemple.fr',
    appleUrl: 'https://podcasts.apple.com/fr/podcast/a-bonne-distance/id1',
    spotifyUrl: 'https://open.spotify.com/show/abc',
    otherLinks: 'Deezer | https://www.deezer.com/fr/show/1',
    locked: 'oui',
  };

  let showId: number;
  let episodePath = '';

  it('refuses cover art Apple would refuse, and other bad fields, in French (422, nothing stored)', async () => {
    const wide = await createImage(t.database.db, { width: 2400, height: 1600 });
    const small = await createImage(t.database.db, { width: 1000, height: 1000 });
    const missing = await post('/admin/podcasts/nouveau', show);
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /Une illustration carrée de 1400 à 3000 pixels de côté est obligatoire/);
    const notSquare = await post('/admin/podcasts/nouveau', { ...show, coverImageId: String(wide.id) });
    assert.match(notSquare.body, /L’illustration doit être carrée : l’image n° \d+ mesure 2400 × 1600 pixels/);
    const tooSmall = await post('/admin/podcasts/nouveau', { ...show, coverImageId: String(small.id) });
    assert.match(tooSmall.body, /de 1400 à 3000 pixels de côté : l’image n° \d+ en mesure 1000/);
    const bad = await post('/admin/podcasts/nouveau', {
      ...show,
      coverImageId: String(cover.id),
      category: 'Cuisine',
      ownerEmail: 'pas-un-mail',
      appleUrl: 'http://x',
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /Choisissez une catégorie d’Apple Podcasts/);
    assert.match(bad.body, /L’adresse e-mail du propriétaire n’est pas valide/);
    assert.match(bad.body, /Apple Podcasts : une adresse https:\/\/… est attendue/);
    assert.equal((await t.database.db.selectFrom('podcast_shows').select('id').execute()).length, 0);
    const journalist = await signInAs(t.app, 'journaliste');
    assert.equal((await post('/admin/podcasts/nouveau', { ...show, coverImageId: String(cover.id) }, journalist)).statusCode, 403);
  });

  it('creates a show; its page lists the subscribe links and says PodcastSeries', async () => {
    const res = await post('/admin/podcasts/nouveau', { ...show, coverImageId: String(cover.id) });
    assert.equal(res.statusCode, 303, res.body);
    const row = await t.database.db.selectFrom('podcast_shows').selectAll().executeTakeFirstOrThrow();
    showId = row.id;
    assert.equal(row.slug, 'a-bonne-distance');
    assert.equal(row.category, 'News');
    assert.equal(row.subcategory, 'Daily News');
    const page = await t.app.inject({ method: 'GET', url: '/podcast/a-bonne-distance' });
    assert.equal(page.statusCode, 200);
    for (const href of [
      show.appleUrl,
      show.spotifyUrl,
      'https://www.deezer.com/fr/show/1',
      'https://exemple.fr/podcast/a-bonne-distance/feed.xml',
    ]) {
      assert.ok(page.body.includes(`href="${href}"`), href);
    }
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    const series = ld.find((d) => d['@type'] === 'PodcastSeries');
    assert.equal(series.name, 'À bonne distance');
    assert.equal(series.webFeed, 'https://exemple.fr/podcast/a-bonne-distance/feed.xml');
  });

  it('refuses broken chapters and transcripts with their lines named (422), storing nothing', async () => {
    const article = await createArticle(t.database.db, { section, format: 'podcast', headline: 'Les automnes trop chauds' });
    const base = {
      showId: String(showId),
      audioFileId: String(audioId),
      season: '1',
      episodeNumber: '3',
      episodeType: 'full',
      chapters: '',
      transcript: '',
    };
    const outOfOrder = await post(`/admin/articles/${article.id}/episode`, { ...base, chapters: '0:00 Début\n4:00 Suite\n2:00 Retour' });
    assert.equal(outOfOrder.statusCode, 422);
    assert.match(outOfOrder.body, /Chapitres\s: ligne 3 : les chapitres doivent se suivre dans l’ordre \(2:00 après 4:00\)/);
    const pastEnd = await post(`/admin/articles/${article.id}/episode`, { ...base, chapters: '0:00 Début\n12:00 Trop tard' });
    assert.match(pastEnd.body, /ligne 2 : 12:00 est après la fin de l’enregistrement \(10:00\)/);
    const broken = await post(`/admin/articles/${article.id}/episode`, {
      ...base,
      transcript: 'WEBVTT\n\n00:00.000 -> 00:04.000\nBonjour',
    });
    assert.equal(broken.statusCode, 422);
    assert.match(broken.body, /Transcription\s: ligne 4 : horodatage attendu/);
    assert.match(broken.body, /00:00.000 -&#62; 00:04.000\nBonjour<\/textarea>/, 'the text typed is shown again');
    const late = await post(`/admin/articles/${article.id}/episode`, { ...base, transcript: 'WEBVTT\n\n09:58.000 --> 10:30.000\nFin' });
    assert.match(late.body, /sous-titre 1 : finit à 10:30, après la fin de l’enregistrement \(10:00\)/);
    const hugeId = await post(`/admin/articles/${article.id}/episode`, { ...base, audioFileId: '2147483648' });
    assert.equal(hugeId.statusCode, 422);
    assert.match(hugeId.body, /Choisissez le son de l’épisode dans la médiathèque/);
    assert.equal((await t.database.db.selectFrom('podcast_episodes').select('article_id').execute()).length, 0);
    const notPodcast = await createArticle(t.database.db, { section });
    const wrong = await post(`/admin/articles/${notPodcast.id}/episode`, base);
    assert.equal(wrong.statusCode, 422);
    assert.match(wrong.body, /format « Podcast »/);
  });

  it('publishes the episode in a feed that meets Apple’s and Podcasting 2.0’s requirements', async () => {
    const article = await createArticle(t.database.db, {
      section,
      format: 'podcast',
      headline: 'Faut-il s’habituer aux automnes chauds ?',
      lead: 'Un climatologue explique les projections.',
    });
    const res = await post(`/admin/articles/${article.id}/episode`, {
      showId: String(showId),
      audioFileId: String(audioId),
      season: '1',
      episodeNumber: '4',
      episodeType: 'full',
      chapters: '0:00 Introduction\n4:30 — Les projections',
      transcript: TRANSCRIPT,
    });
    assert.equal(res.statusCode, 303, res.body);
    episodePath = `/${section.slug}/${article.slug}`;
    const feedRes = await t.app.inject({ method: 'GET', url: '/podcast/a-bonne-distance/feed.xml' });
    assert.equal(feedRes.statusCode, 200);
    assert.match(String(feedRes.headers['content-type']), /^application\/rss\+xml/);
    assert.equal(XMLValidator.validate(feedRes.body), true);
    const rss = parser.parse(feedRes.body).rss;
    assert.equal(rss['@xmlns:itunes'], 'http://www.itunes.com/dtds/podcast-1.0.dtd');
    assert.equal(rss['@xmlns:podcast'], 'https://podcastindex.org/namespace/1.0');
    const channel = rss.channel;
    assert.equal(channel.title, 'À bonne distance');
    assert.equal(channel.link, 'https://exemple.fr/podcast/a-bonne-distance');
    assert.ok(channel.description);
    assert.equal(channel.language, 'fr');
    assert.match(channel['itunes:image']['@href'], /^https:\/\/exemple\.fr\/media\/\d+-[0-9a-f]{8}-1x1-1600\.jpg$/);
    assert.equal(channel['itunes:category']['@text'], 'News');
    assert.equal(channel['itunes:category']['itunes:category']['@text'], 'Daily News');
    assert.equal(channel['itunes:explicit'], 'false');
    assert.equal(channel['itunes:author'], 'Le Sextant');
    assert.equal(channel['itunes:owner']['itunes:name'], 'Rédaction du Sextant');
    assert.equal(channel['itunes:owner']['itunes:email'], 'podcasts@exemple.fr');
    assert.equal(channel['itunes:type'], 'episodic');
    const guid = channel['podcast:guid'];
    assert.ok(isUuid(guid) && uuidVersion(guid) === 5, guid);
    assert.equal(guid, podcastGuid('https://exemple.fr/podcast/a-bonne-distance/feed.xml'));
    assert.equal(channel['podcast:locked']['#text'], 'yes');
    assert.equal(channel['podcast:locked']['@owner'], 'podcasts@exemple.fr');

    assert.equal(channel.item.length, 1, 'only episodes with their podcast fields and a sound are items');
    const item = channel.item[0];
    assert.equal(item.title, 'Faut-il s’habituer aux automnes chauds\u202f?');
    assert.equal(item.enclosure['@url'], 'https://exemple.fr/media/fichiers/a1b2c3d4e5f6.mp3');
    assert.equal(item.enclosure['@type'], 'audio/mpeg');
    assert.equal(item.enclosure['@length'], '123456');
    assert.equal(item.guid['#text'], `tag:exemple.fr,${article.created_at.slice(0, 10)}:article:${article.id}`);
    assert.equal(item.guid['@isPermaLink'], 'false');
    assert.match(item.pubDate, /^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(item['itunes:duration'], '600');
    assert.equal(item['itunes:episode'], '4');
    assert.equal(item['itunes:season'], '1');
    assert.equal(item['itunes:episodeType'], 'full');
    assert.equal(item['itunes:explicit'], 'false');
    const transcriptUrl = item['podcast:transcript']['@url'];
    assert.equal(item['podcast:transcript']['@type'], 'text/vtt');
    const chaptersUrl = item['podcast:chapters']['@url'];
    assert.equal(item['podcast:chapters']['@type'], 'application/json+chapters');

    const chapters = await t.app.inject({ method: 'GET', url: new URL(chaptersUrl).pathname });
    assert.equal(chapters.statusCode, 200);
    assert.match(String(chapters.headers['content-type']), /^application\/json\+chapters/);
    assert.deepEqual(JSON.parse(chapters.body).chapters, [
      { startTime: 0, title: 'Introduction' },
      { startTime: 270, title: 'Les projections' },
    ]);
    const transcript = await t.app.inject({ method: 'GET', url: new URL(transcriptUrl).pathname });
    assert.equal(transcript.statusCode, 200);
    assert.match(String(transcript.headers['content-type']), /^text\/vtt/);
    assert.equal(
      transcript.body,
      'WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nBonjour et bienvenue.\n\n00:00:04.500 --> 00:00:09.000\nAujourd’hui : les automnes &amp; la pluie.\n',
    );

    // The sound of an episode is in use: the library refuses to delete it.
    const remove = await post(`/admin/medias/fichiers/${audioId}/supprimer`, {});
    assert.ok(remove.statusCode >= 400 && remove.statusCode < 500, String(remove.statusCode));
    assert.match(remove.body, /son de l’épisode/);
    assert.ok(await t.database.db.selectFrom('media_files').select('id').where('id', '=', audioId).executeTakeFirst());

    // A draft episode is nowhere public.
    const draft = await createArticle(t.database.db, { section, format: 'podcast', status: 'draft', published_at: null });
    await post(`/admin/articles/${draft.id}/episode`, {
      showId: String(showId),
      audioFileId: String(audioId),
      season: '',
      episodeNumber: '',
      episodeType: 'bonus',
      chapters: '0:00 x',
      transcript: '',
    });
    assert.equal((await t.app.inject({ method: 'GET', url: `/podcast/a-bonne-distance/${draft.id}/chapitres.json` })).statusCode, 404);
    const again = parser.parse((await t.app.inject({ method: 'GET', url: '/podcast/a-bonne-distance/feed.xml' })).body);
    assert.equal(again.rss.channel.item.length, 1);
  });

  it('shows the episode on its page: plain audio controls, chapters, transcript as text, PodcastEpisode JSON-LD', async () => {
    const page = await t.app.inject({ method: 'GET', url: episodePath });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<audio class="podcast-player__audio" controls preload="metadata" src="\/media\/fichiers\/a1b2c3d4e5f6\.mp3">/);
    assert.match(
      page.body,
      /<a href="\/media\/fichiers\/a1b2c3d4e5f6\.mp3#t=270" data-start="270"><span class="podcast-chapters__time">4:30<\/span> Les projections<\/a>/,
    );
    assert.match(page.body, /<h2 id="transcription-titre">Transcription<\/h2>/);
    assert.match(page.body, /<\/a> Aujourd’hui\s: les automnes (&amp;|&#38;) la pluie\.<\/p>/);
    assert.ok(page.body.includes('href="https://podcasts.apple.com/fr/podcast/a-bonne-distance/id1"'));
    const ld = [...page.body.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
    const episode = ld.find((d) => d['@type'] === 'PodcastEpisode');
    assert.ok(episode, 'PodcastEpisode JSON-LD');
    assert.equal(episode.name, 'Faut-il s’habituer aux automnes chauds ?');
    assert.equal(episode.url, `https://exemple.fr${episodePath}`);
    assert.equal(episode.episodeNumber, 4);
    assert.equal(episode.timeRequired, 'PT10M');
    assert.deepEqual(episode.associatedMedia, {
      '@type': 'MediaObject',
      contentUrl: 'https://exemple.fr/media/fichiers/a1b2c3d4e5f6.mp3',
      encodingFormat: 'audio/mpeg',
      contentSize: '123456',
      duration: 'PT10M',
    });
    assert.equal(episode.partOfSeries.name, 'À bonne distance');
    assert.equal(episode.partOfSeason.seasonNumber, 1);
    assert.ok(
      ld.some((d) => d['@type'] === 'NewsArticle'),
      'the article keeps its NewsArticle',
    );
    const show = await t.app.inject({ method: 'GET', url: '/podcast/a-bonne-distance' });
    assert.ok(show.body.includes(`href="${episodePath}"`), 'the show page lists the episode');
    assert.match(show.body, /Saison 1, épisode 4/);
  });
});
