import { z } from 'zod';
import { parseId } from '../core/input/ids.ts';
import type { Actor } from '../accounts/policy.ts';
import { loadArticleState, policySubject } from '../articles/operations/article-store.ts';
import { canEditArticle } from '../articles/visibility.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import type { EpisodeType } from '../core/db/schema.ts';
import { AppError } from '../core/http/app-error.ts';
import { type FieldErrors, fieldErrorsOf, FormError } from '../curation/curation-validation.ts';
import { getMediaFileById } from '../media/media-file-repository.ts';
import { type Chapter, ChaptersError, chaptersToText, parseChapters } from './chapters.ts';
import { showTag } from './show-operations.ts';
import { type Cue, cuesToWebVtt, parseTimedText, TimedTextError } from './timed-text.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;

export const EPISODE_TYPES: readonly { value: EpisodeType; label: string }[] = [
  { value: 'full', label: 'Épisode complet' },
  { value: 'trailer', label: 'Bande-annonce' },
  { value: 'bonus', label: 'Bonus' },
];

/** The episode form as typed. */
export interface EpisodeValues {
  showId: string;
  audioFileId: string;
  season: string;
  episodeNumber: string;
  episodeType: string;
  chapters: string;
  transcript: string;
}

const optionalCount = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || /^[1-9]\d{0,4}$/.test(v), `${label} : un nombre entier de 1 à 99999.`)
    .transform((v) => (v === '' ? null : Number(v)));

const episodeFormSchema = z.object({
  showId: z
    .string()
    .refine((v) => parseId(v) !== null, 'Choisissez le podcast de l’épisode.')
    .transform(Number),
  audioFileId: z
    .string()
    .refine((v) => parseId(v) !== null, 'Choisissez le son de l’épisode dans la médiathèque.')
    .transform(Number),
  season: optionalCount('La saison'),
  episodeNumber: optionalCount('Le numéro d’épisode'),
  episodeType: z.enum(['full', 'trailer', 'bonus'], 'Type d’épisode inconnu.'),
  chapters: z.string().max(20_000, 'Les chapitres : 20 000 caractères au plus.'),
  transcript: z.string(),
});

/** The stored episode as the form shows it. */
export interface StoredEpisode {
  showId: number;
  audioFileId: number | null;
  season: number | null;
  episodeNumber: number | null;
  episodeType: EpisodeType;
  chapters: Chapter[];
  transcript: Cue[];
}

/** The episode fields of an article, or undefined when it has none yet. */
export async function getEpisode(db: Db, articleId: number): Promise<StoredEpisode | undefined> {
  const row = await db.selectFrom('podcast_episodes').selectAll().where('article_id', '=', articleId).executeTakeFirst();
  if (!row) return undefined;
  return {
    showId: row.show_id,
    audioFileId: row.audio_file_id,
    season: row.season,
    episodeNumber: row.episode_number,
    episodeType: row.episode_type,
    chapters: JSON.parse(row.chapters) as Chapter[],
    transcript: JSON.parse(row.transcript) as Cue[],
  };
}

/** The stored episode as form values (empty values for an article without them). */
export function episodeValues(episode: StoredEpisode | undefined): EpisodeValues {
  return {
    showId: episode ? String(episode.showId) : '',
    audioFileId: episode?.audioFileId ? String(episode.audioFileId) : '',
    season: episode?.season ? String(episode.season) : '',
    episodeNumber: episode?.episodeNumber ? String(episode.episodeNumber) : '',
    episodeType: episode?.episodeType ?? 'full',
    chapters: episode ? chaptersToText(episode.chapters) : '',
    transcript: episode?.transcript.length ? cuesToWebVtt(episode.transcript) : '',
  };
}

/** Loads the article and checks the actor may change it and that it is a podcast episode. */
async function editableEpisodeArticle(db: Db, actor: Actor, articleId: number) {
  const state = await loadArticleState(db, articleId);
  if (!canEditArticle(actor, policySubject(state))) {
    throw new AppError('forbidden', 403, 'Vous ne pouvez pas modifier cet article.');
  }
  if (state.row.format !== 'podcast') {
    throw new AppError('validation_failed', 422, 'Seul un article au format « Podcast » est un épisode.', {
      details: [{ path: 'format', message: 'L’article doit être au format « Podcast ».' }],
    });
  }
  return state;
}

/**
 * Saves the podcast fields of an article of format podcast: the show, the sound (its duration,
 * size and type were read from the file at upload), numbers, type, chapters and transcript. Bad
 * chapters or a broken transcript are refused with their lines named (422), and nothing is stored.
 */
export async function saveEpisode(ctx: Ctx, actor: Actor, articleId: number, values: EpisodeValues): Promise<void> {
  await editableEpisodeArticle(ctx.db, actor, articleId);
  const parsed = episodeFormSchema.safeParse(values);
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  const show = parsed.success
    ? await ctx.db.selectFrom('podcast_shows').select('id').where('id', '=', parsed.data.showId).executeTakeFirst()
    : undefined;
  if (parsed.success && !show) errors.showId = 'Ce podcast n’existe pas.';
  const audio = parsed.success ? await getMediaFileById(ctx.db, parsed.data.audioFileId) : undefined;
  if (parsed.success && audio?.kind !== 'audio') errors.audioFileId = `Aucun son n° ${parsed.data.audioFileId} dans la médiathèque.`;
  const duration = audio?.duration_seconds ?? null;
  let chapters: Chapter[] = [];
  let transcript: Cue[] = [];
  try {
    chapters = parseChapters(values.chapters, duration);
  } catch (error) {
    if (!(error instanceof ChaptersError)) throw error;
    errors.chapters = `${error.problems.join(' ; ')}.`;
  }
  if (values.transcript.trim()) {
    try {
      transcript = parseTimedText(values.transcript, duration);
    } catch (error) {
      if (!(error instanceof TimedTextError)) throw error;
      errors.transcript = `${error.problems.join(' ; ')}.`;
    }
  }
  if (!parsed.success || Object.keys(errors).length) throw new FormError(errors);
  const data = parsed.data;
  const before = await ctx.db.selectFrom('podcast_episodes').select('show_id').where('article_id', '=', articleId).executeTakeFirst();
  const row = {
    show_id: data.showId,
    audio_file_id: data.audioFileId,
    season: data.season,
    episode_number: data.episodeNumber,
    episode_type: data.episodeType,
    chapters: JSON.stringify(chapters),
    transcript: JSON.stringify(transcript),
    updated_at: new Date().toISOString(),
  };
  if (before) await ctx.db.updateTable('podcast_episodes').set(row).where('article_id', '=', articleId).execute();
  else
    await ctx.db
      .insertInto('podcast_episodes')
      .values({ article_id: articleId, ...row })
      .execute();
  ctx.pageCache.invalidate([
    `article:${articleId}`,
    showTag(data.showId),
    ...(before && before.show_id !== data.showId ? [showTag(before.show_id)] : []),
  ]);
}
