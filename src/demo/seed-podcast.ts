import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../core/db/database.ts';
import { storeImage } from '../images/image-store.ts';
import { storeMediaFile } from '../media/media-file-store.ts';
import { parseChapters } from '../podcasts/chapters.ts';
import { parseTimedText } from '../podcasts/timed-text.ts';
import { FFMPEG_PATH, ffmpegAvailable } from '../podcasts/video-poster.ts';
import { articleSlug } from './check-content.ts';
import { ARTICLES } from './content/articles.ts';
import { DEMO_EPISODE_SECONDS, DEMO_EPISODES, DEMO_SHOW } from './content/podcast-show.ts';
import { STUDIO_CREDIT } from './content/publication.ts';
import { generateIllustration } from './illustrations.ts';

const run = promisify(execFile);

/**
 * Adds the demo's podcast show and its two episodes. The recordings are silent placeholders made
 * by ffmpeg when the machine has it (a quiet 8 kbit/s MP3); without ffmpeg the show and its
 * episodes' fields are there, without sound, and the feed lists no episode. Returns the number of
 * images it stored (the cover).
 */
export async function seedDemoPodcast(db: Db, dataDir: string, nowIso: string): Promise<number> {
  const cover = await storeImage(
    db,
    dataDir,
    await generateIllustration('podcast-a-bonne-distance', { width: 1400, height: 1400, palette: 'podcast', motif: 'mic' }),
    {
      alt: DEMO_SHOW.coverAlt,
      caption: '',
      credit: STUDIO_CREDIT,
    },
  );
  const show = await db
    .insertInto('podcast_shows')
    .values({
      slug: DEMO_SHOW.slug,
      title: DEMO_SHOW.title,
      description: DEMO_SHOW.description,
      cover_image_id: cover.id,
      category: DEMO_SHOW.category,
      subcategory: DEMO_SHOW.subcategory,
      author_name: DEMO_SHOW.authorName,
      owner_name: DEMO_SHOW.ownerName,
      owner_email: DEMO_SHOW.ownerEmail,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const audio = ffmpegAvailable() ? await silentRecording(db, dataDir) : null;
  for (const episode of DEMO_EPISODES) {
    const article = ARTICLES.find((a) => a.key === episode.articleKey);
    if (!article) throw new Error(`Épisode de démonstration sans article : ${episode.articleKey}`);
    const row = await db.selectFrom('articles').select('id').where('slug', '=', articleSlug(article)).executeTakeFirstOrThrow();
    await db
      .insertInto('podcast_episodes')
      .values({
        article_id: row.id,
        show_id: show.id,
        audio_file_id: audio?.id ?? null,
        season: episode.season,
        episode_number: episode.episode,
        episode_type: 'full',
        chapters: JSON.stringify(parseChapters(episode.chapters, DEMO_EPISODE_SECONDS)),
        transcript: JSON.stringify(parseTimedText(episode.transcript, DEMO_EPISODE_SECONDS)),
        updated_at: nowIso,
      })
      .execute();
  }
  return 1;
}

async function silentRecording(db: Db, dataDir: string): Promise<{ id: number }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kiosque-demo-audio-'));
  const file = path.join(dir, 'a-bonne-distance.mp3');
  try {
    await run(FFMPEG_PATH, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'anullsrc=r=8000:cl=mono',
      '-t',
      String(DEMO_EPISODE_SECONDS),
      '-c:a',
      'libmp3lame',
      '-b:a',
      '8k',
      file,
    ]);
    const bytes = await fs.readFile(file);
    const { record } = await storeMediaFile(
      db,
      dataDir,
      {
        path: file,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        head: bytes.subarray(0, 4100),
        filename: 'a-bonne-distance.mp3',
      },
      { kind: 'audio', ext: 'mp3', mime: 'audio/mpeg' },
      { title: 'À bonne distance — enregistrement de démonstration', credit: 'Le Sextant' },
    );
    return record;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
