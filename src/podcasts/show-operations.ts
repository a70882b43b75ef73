import { z } from 'zod';
import { assertCan, type Actor } from '../accounts/policy.ts';
import type { AppContext } from '../core/app-context.ts';
import type { Db } from '../core/db/database.ts';
import { AppError } from '../core/http/app-error.ts';
import { slugify } from '../core/text/slug.ts';
import {
  type FieldErrors,
  fieldErrorsOf,
  FormError,
  formId,
  optionalId,
  requiredText,
  slugSchema,
} from '../curation/curation-validation.ts';
import { getImageById } from '../images/image-repository.ts';
import { parseCategoryChoice } from './apple-categories.ts';
import { getShow, otherLinks, type ShowLink, type ShowRow } from './show-repository.ts';

type Ctx = Pick<AppContext, 'db' | 'pageCache'>;

/** Apple's bounds for cover art: square, 1400 to 3000 px a side. */
export const COVER_MIN = 1400;
export const COVER_MAX = 3000;

/** The show form as typed. */
export interface ShowValues {
  title: string;
  slug: string;
  description: string;
  coverImageId: string;
  category: string;
  explicit: string;
  language: string;
  authorName: string;
  ownerName: string;
  ownerEmail: string;
  appleUrl: string;
  spotifyUrl: string;
  otherLinks: string;
  locked: string;
}

const httpsUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(500, `${label} : 500 caractères au plus.`)
    .refine((v) => v === '' || /^https:\/\/[^\s]+$/.test(v), `${label} : une adresse https://… est attendue.`)
    .default('');

const showInputSchema = z.object({
  title: requiredText('Le titre', 150),
  slug: z.string().trim().default(''),
  description: requiredText('La description', 4000),
  coverImageId: optionalId('L’illustration'),
  category: z.string().refine((v) => parseCategoryChoice(v) !== undefined, 'Choisissez une catégorie d’Apple Podcasts.'),
  explicit: z.boolean().default(false),
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(?:-[A-Za-z]{2})?$/, 'La langue : un code comme « fr » ou « fr-BE ».')
    .default('fr'),
  authorName: requiredText('L’auteur', 150),
  ownerName: requiredText('Le nom du propriétaire', 150),
  ownerEmail: z.email('L’adresse e-mail du propriétaire n’est pas valide.').max(254),
  appleUrl: httpsUrl('Apple Podcasts'),
  spotifyUrl: httpsUrl('Spotify'),
  otherLinks: z
    .array(
      z.object({
        label: requiredText('Le nom de la plateforme', 60),
        url: z.string().regex(/^https:\/\/\S+$/, 'Autres plateformes : une adresse https://… est attendue.'),
      }),
    )
    .max(10, 'Autres plateformes : 10 au plus.')
    .default([]),
  locked: z.boolean().default(true),
});

export type ShowInput = z.input<typeof showInputSchema>;

/** "Deezer | https://…" lines as links; a line without "|" keeps its text as the URL, for the schema to refuse. */
function linksFromText(text: string): ShowLink[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.lastIndexOf('|');
      return at < 0 ? { label: line, url: '' } : { label: line.slice(0, at).trim(), url: line.slice(at + 1).trim() };
    });
}

/** The form's strings as a show input. */
export function showInputFromForm(v: ShowValues): ShowInput {
  return {
    title: v.title,
    slug: v.slug,
    description: v.description,
    coverImageId: formId(v.coverImageId),
    category: v.category,
    explicit: v.explicit === 'oui',
    language: v.language.trim() || 'fr',
    authorName: v.authorName,
    ownerName: v.ownerName,
    ownerEmail: v.ownerEmail.trim(),
    appleUrl: v.appleUrl,
    spotifyUrl: v.spotifyUrl,
    otherLinks: linksFromText(v.otherLinks),
    locked: v.locked !== 'non',
  };
}

/** The stored show as form values. */
export function showValues(s: ShowRow): ShowValues {
  return {
    title: s.title,
    slug: s.slug,
    description: s.description,
    coverImageId: s.cover_image_id === null ? '' : String(s.cover_image_id),
    category: s.subcategory ? `${s.category}/${s.subcategory}` : s.category,
    explicit: s.explicit ? 'oui' : 'non',
    language: s.language,
    authorName: s.author_name,
    ownerName: s.owner_name,
    ownerEmail: s.owner_email,
    appleUrl: s.apple_url,
    spotifyUrl: s.spotify_url,
    otherLinks: otherLinks(s)
      .map((l) => `${l.label} | ${l.url}`)
      .join('\n'),
    locked: s.locked ? 'oui' : 'non',
  };
}

/** Refuses cover art that Apple would refuse: missing, not square, or outside 1400–3000 px. */
async function assertCoverArt(db: Db, imageId: number | null): Promise<void> {
  if (imageId === null) {
    throw new FormError({
      coverImageId: `Une illustration carrée de ${COVER_MIN} à ${COVER_MAX} pixels de côté est obligatoire (Apple Podcasts).`,
    });
  }
  const image = await getImageById(db, imageId);
  if (!image) throw new FormError({ coverImageId: `Aucune image n° ${imageId} dans la médiathèque.` });
  if (image.width !== image.height) {
    throw new FormError({
      coverImageId: `L’illustration doit être carrée : l’image n° ${imageId} mesure ${image.width} × ${image.height} pixels.`,
    });
  }
  if (image.width < COVER_MIN || image.width > COVER_MAX) {
    throw new FormError({
      coverImageId: `L’illustration doit mesurer de ${COVER_MIN} à ${COVER_MAX} pixels de côté : l’image n° ${imageId} en mesure ${image.width}.`,
    });
  }
}

async function parseShow(db: Db, input: ShowInput, exceptId?: number) {
  const errors: FieldErrors = {};
  const main = showInputSchema.safeParse(input);
  if (!main.success) {
    for (const [key, message] of Object.entries(fieldErrorsOf(main.error)))
      errors[key.startsWith('otherLinks') ? 'otherLinks' : key] ??= message;
  }
  const typedSlug = (input.slug ?? '').trim();
  const slug = slugSchema.safeParse(typedSlug || (main.success ? slugify(main.data.title, 60) : ''));
  if (!slug.success && (typedSlug || main.success)) errors.slug = slug.error.issues[0].message;
  if (!main.success || !slug.success || Object.keys(errors).length) throw new FormError(errors);
  let taken = db.selectFrom('podcast_shows').select('id').where('slug', '=', slug.data);
  if (exceptId !== undefined) taken = taken.where('id', '!=', exceptId);
  if (await taken.executeTakeFirst()) throw new FormError({ slug: `L’adresse « ${slug.data} » est déjà celle d’un autre podcast.` });
  await assertCoverArt(db, main.data.coverImageId);
  const category = parseCategoryChoice(main.data.category)!;
  return { ...main.data, slug: slug.data, ...category };
}

function columns(data: Awaited<ReturnType<typeof parseShow>>) {
  return {
    slug: data.slug,
    title: data.title,
    description: data.description,
    cover_image_id: data.coverImageId,
    category: data.category,
    subcategory: data.subcategory,
    explicit: data.explicit ? 1 : 0,
    language: data.language,
    author_name: data.authorName,
    owner_name: data.ownerName,
    owner_email: data.ownerEmail,
    apple_url: data.appleUrl,
    spotify_url: data.spotifyUrl,
    other_links: JSON.stringify(data.otherLinks),
    locked: data.locked ? 1 : 0,
    updated_at: new Date().toISOString(),
  };
}

/** The cache tag of everything that shows a show: its page, its feed, its episodes' pages. */
export const showTag = (id: number) => `podcast:${id}`;

/** Creates a show; returns its id. */
export async function createShow(ctx: Ctx, actor: Actor, input: ShowInput): Promise<number> {
  assertCan(actor, 'curation:podcasts');
  const data = await parseShow(ctx.db, input);
  const now = new Date().toISOString();
  const { id } = await ctx.db
    .insertInto('podcast_shows')
    .values({ ...columns(data), created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  ctx.pageCache.invalidate([showTag(id)]);
  return id;
}

/** Updates a show. */
export async function updateShow(ctx: Ctx, actor: Actor, id: number, input: ShowInput): Promise<void> {
  assertCan(actor, 'curation:podcasts');
  if (!(await getShow(ctx.db, id))) throw AppError.notFound('Podcast introuvable.');
  const data = await parseShow(ctx.db, input, id);
  await ctx.db.updateTable('podcast_shows').set(columns(data)).where('id', '=', id).execute();
  ctx.pageCache.invalidate([showTag(id)]);
}

/** Deletes a show that has no episode. */
export async function deleteShow(ctx: Ctx, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'curation:podcasts');
  const show = await getShow(ctx.db, id);
  if (!show) return;
  const row = await ctx.db
    .selectFrom('podcast_episodes')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('show_id', '=', id)
    .executeTakeFirstOrThrow();
  const count = Number(row.n);
  if (count > 0) {
    throw new FormError({
      _form: `Impossible de supprimer « ${show.title} » : ${count === 1 ? 'un épisode en fait partie' : `${count} épisodes en font partie`}.`,
    });
  }
  await ctx.db.deleteFrom('podcast_shows').where('id', '=', id).execute();
  ctx.pageCache.invalidate([showTag(id)]);
}
