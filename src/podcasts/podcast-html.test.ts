import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/app-factory.ts';
import { errorsOnly, formatVnuMessages, type HtmlDocument, validateHtml, vnuUnavailableReason } from '../../test/support/vnu.ts';

// The demo's podcast pages and a hosted video page are valid HTML (Nu Html Checker).

const unavailable = vnuUnavailableReason();
let t: TestApp;

before(async () => {
  if (unavailable) return;
  t = await createTestApp({ seed: true });
});
after(() => t?.close());

test('the show page, the episode pages and a hosted video page are valid HTML', { skip: unavailable }, async () => {
  const db = t.database.db;
  const episodes = await db
    .selectFrom('podcast_episodes')
    .innerJoin('articles', 'articles.id', 'podcast_episodes.article_id')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.slug', 'sections.slug as section'])
    .execute();
  assert.equal(episodes.length, 2, 'the demo show has its two episodes');
  // A demo video article given a hosted video with captions.
  const video = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .select(['articles.id', 'articles.slug', 'sections.slug as section'])
    .where('articles.format', '=', 'video')
    .where('articles.status', '=', 'published')
    .executeTakeFirstOrThrow();
  const file = await db
    .insertInto('media_files')
    .values({
      kind: 'video',
      file_key: 'abc123.webm',
      mime: 'video/webm',
      bytes: 1000,
      duration_seconds: 4,
      title: 'Vidéo',
      credit: 'Le Sextant',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('article_videos')
    .values({
      article_id: video.id,
      video_file_id: file.id,
      poster_image_id: null,
      captions: JSON.stringify([{ start: 0, end: 2, text: 'Bonjour.' }]),
      embed_provider: null,
      embed_id: null,
      channel: '',
      updated_at: new Date().toISOString(),
    })
    .execute();
  const paths = ['/podcast/a-bonne-distance', ...episodes.map((e) => `/${e.section}/${e.slug}`), `/${video.section}/${video.slug}`];
  const documents: HtmlDocument[] = [];
  for (const path of paths) {
    const res = await t.app.inject({ method: 'GET', url: path });
    assert.equal(res.statusCode, 200, path);
    documents.push({ name: path, html: res.body });
  }
  assert.match(documents[1].html, /class="podcast-player"/);
  const problems = [...(await validateHtml(documents))].flatMap(([name, messages]) => {
    const errors = errorsOnly(messages);
    return errors.length ? [formatVnuMessages(name, errors)] : [];
  });
  assert.equal(problems.length, 0, problems.join('\n'));
});
