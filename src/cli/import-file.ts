import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { isValidSlug } from '../core/text/slug.ts';

/**
 * The import file: `{ "articles": [ … ] }`. Each item is an article in the API's schema
 * (POST /api/admin/articles), plus what a file made elsewhere cannot know as ids:
 *   slug       required: finds the article on a later run (update instead of a duplicate)
 *   section    a section slug, instead of sectionId
 *   authors    person slugs, instead of authorPersonIds
 *   heroImage  { path (relative to the JSON file), credit, alt, caption?, focalX?, focalY? }, instead of heroImageId
 *   publish    true to publish it (or keep it published) after saving
 */
export const importExtrasSchema = z.strictObject({
  slug: z
    .string({ error: 'slug : obligatoire pour un import (il retrouve l’article à la prochaine exécution)' })
    .trim()
    .refine(isValidSlug, { error: 'slug : lettres minuscules sans accents, chiffres et tirets' }),
  section: z.string({ error: 'section : slug de rubrique attendu' }).trim().min(1).optional(),
  authors: z
    .array(z.string({ error: 'authors : slugs d’auteurs attendus' }).trim().min(1), { error: 'authors : liste de slugs attendue' })
    .optional(),
  heroImage: z
    .strictObject(
      {
        path: z
          .string({ error: 'heroImage.path : chemin du fichier attendu' })
          .trim()
          .min(1, { error: 'heroImage.path : chemin du fichier attendu' }),
        credit: z.string({ error: 'heroImage.credit : obligatoire' }).trim().min(1, { error: 'heroImage.credit : obligatoire' }).max(300),
        alt: z.string({ error: 'heroImage.alt : obligatoire' }).trim().min(1, { error: 'heroImage.alt : obligatoire' }).max(500),
        caption: z.string().trim().max(1000).optional(),
        focalX: z.number().min(0).max(1).optional(),
        focalY: z.number().min(0).max(1).optional(),
      },
      {
        error: (issue) =>
          issue.code === 'unrecognized_keys' ? `heroImage : champ inconnu ${issue.keys.join(', ')}` : 'heroImage : objet attendu',
      },
    )
    .optional(),
  publish: z.boolean({ error: 'publish : true ou false' }).optional(),
});

/** The keys handled by the importer itself; every other key goes to the article schema. */
export const IMPORT_EXTRA_KEYS = ['slug', 'section', 'authors', 'heroImage', 'publish'] as const;

export type ImportExtras = z.infer<typeof importExtrasSchema>;

/** One item of the file: the importer's own keys, and the rest for the article schema. */
export interface ImportItem {
  index: number;
  extras: unknown;
  article: Record<string, unknown>;
  /** The slug as written, for messages, even when the item is otherwise invalid. */
  label: string;
}

/** A file that cannot be imported at all: the message is one French line. */
export class ImportFileError extends Error {}

/** Reads and splits an import file; throws ImportFileError with a clear French line when it is unusable. */
export async function readImportFile(file: string): Promise<{ items: ImportItem[]; baseDir: string }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportFileError(
      code === 'ENOENT'
        ? `Fichier introuvable : ${file}`
        : code === 'EISDIR'
          ? `${file} est un dossier, pas un fichier JSON.`
          : `Impossible de lire ${file} (${code ?? 'erreur inconnue'}).`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`${file} n’est pas du JSON valide : ${(error as Error).message}`);
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { articles?: unknown }).articles)
      ? (data as { articles: unknown[] }).articles
      : null;
  if (!list) throw new ImportFileError(`${file} doit contenir un objet { "articles": [ … ] } (ou une liste d’articles).`);
  if (data && !Array.isArray(data)) {
    const unknown = Object.keys(data).filter((k) => k !== 'articles');
    if (unknown.length)
      throw new ImportFileError(`${file} : champ inconnu au premier niveau : ${unknown.join(', ')} (seul « articles » est attendu).`);
  }
  if (list.length === 0) throw new ImportFileError(`${file} ne contient aucun article.`);
  const items = list.map((entry, index): ImportItem => {
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { index, extras: null, article: {}, label: `n° ${index + 1}` };
    const record = entry as Record<string, unknown>;
    const extras: Record<string, unknown> = {};
    const article: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record))
      ((IMPORT_EXTRA_KEYS as readonly string[]).includes(key) ? extras : article)[key] = value;
    return { index, extras, article, label: typeof record.slug === 'string' ? record.slug : `n° ${index + 1}` };
  });
  return { items, baseDir: path.dirname(path.resolve(file)) };
}
