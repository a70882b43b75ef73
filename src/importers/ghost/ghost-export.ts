import fs from 'node:fs/promises';
import { z } from 'zod';

// Reads a Ghost export (Réglages › Labs › « Export your content »: one JSON file,
// `{ db: [{ meta, data: { posts, users, tags, posts_tags, posts_authors, posts_meta, settings } }] }`)
// and checks it with zod before anything is written. Only what an import uses is checked (posts,
// authors, tags, members and their newsletters); the rest of Ghost's tables pass untouched. A
// broken file is one French line naming where it breaks.

/** The file is not a Ghost export, or is broken: the message says where, in French. */
export class GhostExportError extends Error {}

/** Ghost exports of real magazines stay well under this; above it the file is refused rather than read into memory. */
const MAX_BYTES = 512 * 1024 * 1024;

const text = z.string().max(12 * 1024 * 1024);
const optionalText = text.nullish().transform((v) => v ?? '');
const id = z.union([z.string().min(1).max(100), z.number().int().transform(String)]);
const date = z
  .string()
  .max(40)
  .nullish()
  .transform((v) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null));

const postSchema = z.object({
  id,
  title: z.string().max(100_000),
  slug: z.string().max(1000),
  html: text.nullish(),
  lexical: text.nullish(),
  mobiledoc: text.nullish(),
  feature_image: optionalText,
  type: z.string().max(40).default('post'),
  status: z.string().max(40),
  visibility: z.string().max(40).default('public'),
  featured: z.union([z.boolean(), z.number()]).nullish().transform(Boolean),
  custom_excerpt: optionalText,
  created_at: date,
  updated_at: date,
  published_at: date,
});

const userSchema = z.object({
  id,
  name: z.string().max(1000),
  slug: z.string().max(1000),
  email: optionalText,
  profile_image: optionalText,
  bio: optionalText,
});

const tagSchema = z.object({
  id,
  name: z.string().max(1000),
  slug: z.string().max(1000),
  description: optionalText,
  visibility: z.string().max(40).default('public'),
});

const sortOrder = z
  .number()
  .int()
  .nullish()
  .transform((v) => v ?? 0);
const postTagSchema = z.object({ post_id: id, tag_id: id, sort_order: sortOrder });
const postAuthorSchema = z.object({ post_id: id, author_id: id, sort_order: sortOrder });

const flag = z.union([z.boolean(), z.number()]).nullish();

// Members and their newsletters (Ghost 5; Ghost 4 has one list: members.subscribed).
const memberSchema = z.object({
  id,
  email: z.string().max(1000),
  name: optionalText,
  created_at: date,
  /** Ghost stopped writing to the address (hard bounce, spam complaint). */
  email_disabled: flag.transform(Boolean),
  subscribed: flag,
});
const newsletterSchema = z.object({
  id,
  name: z.string().max(1000),
  slug: z.string().max(1000),
  status: z.string().max(40).default('active'),
  description: optionalText,
  sender_name: optionalText,
  sender_email: optionalText,
});
const subscribeEventSchema = z.object({
  member_id: id,
  newsletter_id: id.nullish(),
  subscribed: flag.transform(Boolean),
  source: z.string().max(100).nullish(),
  created_at: date,
});

const dataSchema = z.object({
  posts: z.array(postSchema),
  users: z.array(userSchema).default([]),
  tags: z.array(tagSchema).default([]),
  posts_tags: z.array(postTagSchema).default([]),
  posts_authors: z.array(postAuthorSchema).default([]),
  posts_meta: z.array(z.object({ post_id: id, feature_image_alt: optionalText, feature_image_caption: optionalText })).default([]),
  settings: z.array(z.object({ key: z.string(), value: z.unknown() })).default([]),
  members: z.array(memberSchema).default([]),
  newsletters: z.array(newsletterSchema).default([]),
  members_newsletters: z.array(z.object({ member_id: id, newsletter_id: id })).default([]),
  members_subscribe_events: z.array(subscribeEventSchema).default([]),
  /** Ghost's own suppression list (bounces, spam complaints), by address. */
  suppressions: z.array(z.object({ email: z.string().max(1000) })).default([]),
});

const exportSchema = z.object({
  db: z
    .array(z.object({ meta: z.object({ version: z.string().max(100).nullish() }).nullish(), data: dataSchema }))
    .min(1, 'la liste « db » est vide'),
});

export type GhostData = z.infer<typeof dataSchema>;
export type GhostPost = GhostData['posts'][number];
export type GhostUser = GhostData['users'][number];
export type GhostTag = GhostData['tags'][number];
export type GhostMember = GhostData['members'][number];

/** Reads and checks a Ghost export; throws GhostExportError with a French message. */
export async function readGhostExport(file: string): Promise<{ version: string; data: GhostData }> {
  let raw: string;
  try {
    const stat = await fs.stat(file);
    if (stat.size > MAX_BYTES) throw new GhostExportError('Fichier trop gros pour une exportation Ghost (plus de 512 Mo) : refusé.');
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof GhostExportError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new GhostExportError(`Fichier introuvable : ${file}`);
    throw new GhostExportError(`Fichier illisible : ${(error as Error).message}`);
  }
  if (!raw.trim()) throw new GhostExportError('Fichier vide : ce n’est pas une exportation Ghost.');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const where =
      position && Number(position[1]) < raw.trimEnd().length
        ? ` (${lineAndColumn(raw, Number(position[1]))})`
        : position || /end of JSON/i.test(message)
          ? ' (fichier tronqué)'
          : ' (caractère inattendu)';
    throw new GhostExportError(`JSON invalide${where} : ce n’est pas une exportation Ghost lisible.`);
  }
  if (typeof json !== 'object' || json === null || !('db' in json))
    throw new GhostExportError('Ce n’est pas une exportation Ghost : le fichier n’a pas de clé « db » (Réglages › Labs › Export).');
  const parsed = exportSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || 'racine'} : ${frenchIssue(issue)}`);
    const more = parsed.error.issues.length > 5 ? ` (et ${parsed.error.issues.length - 5} autres)` : '';
    throw new GhostExportError(`Exportation Ghost invalide : ${problems.join(' ; ')}${more}.`);
  }
  const first = parsed.data.db[0]!;
  return { version: first.meta?.version ?? '', data: first.data };
}

function lineAndColumn(raw: string, position: number): string {
  const before = raw.slice(0, position);
  const line = before.split('\n').length;
  return `ligne ${line}, colonne ${position - before.lastIndexOf('\n')}`;
}

function frenchIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'champ manquant' : `type inattendu (attendu : ${issue.expected})`;
    case 'too_big':
      return 'valeur trop longue';
    case 'too_small':
      return issue.message.startsWith('la liste') ? issue.message : 'valeur trop courte';
    default:
      return 'valeur invalide';
  }
}

/** A setting of the exported site (title, db_hash…), or ''. */
export function ghostSetting(data: GhostData, key: string): string {
  const value = data.settings.find((s) => s.key === key)?.value;
  return typeof value === 'string' ? value : '';
}
