import { z } from 'zod';
import { isValidSlug, SLUG_MAX_LENGTH } from '../../core/text/slug.ts';
import { jsonId } from '../../core/input/ids.ts';

// The API's shapes for sections, people and tags: strict inputs (an unknown field is a 422),
// and the outputs as the OpenAPI document describes them.

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} : texte attendu` })
    .trim()
    .max(max, { error: `${label} : ${max} caractères au plus` });

const required = (label: string, max: number) => text(label, max).min(1, { error: `${label} : obligatoire` });

/** An optional URL slug; derived from the name when absent. */
const slug = z
  .string({ error: 'Adresse : texte attendu' })
  .trim()
  .refine(isValidSlug, { error: `Adresse : lettres minuscules sans accents, chiffres et tirets, ${SLUG_MAX_LENGTH} caractères au plus` })
  .optional();

const imageId = jsonId('Photo : identifiant attendu').nullable();

/** Pagination shared by the list endpoints. */
export const pageQuerySchema = z.object({
  page: z.coerce
    .number({ error: 'page : nombre attendu' })
    .int({ error: 'page : entier attendu' })
    .min(1, { error: 'page : 1 au moins' })
    .max(100_000)
    .default(1),
  perPage: z.coerce
    .number({ error: 'perPage : nombre attendu' })
    .int({ error: 'perPage : entier attendu' })
    .min(1, { error: 'perPage : 1 au moins' })
    .max(100, { error: 'perPage : 100 au plus' })
    .default(20),
});

export const sectionInputSchema = z.strictObject(
  {
    name: required('Nom', 60),
    slug,
    description: text('Description', 300).default(''),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `Champ inconnu : ${issue.keys.join(', ')}` : 'Rubrique : objet attendu') },
);

export const sectionOutputSchema = z.object({
  id: z.int(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  position: z.int(),
  url: z.string().describe('Adresse publique de la rubrique.'),
});

const linkSchema = z.strictObject({
  label: required('Lien : libellé', 60),
  url: z
    .url({ protocol: /^https?$/, error: 'Lien : une adresse web complète est attendue (https://…)' })
    .max(500, { error: 'Lien : 500 caractères au plus' }),
});

const personFields = {
  name: required('Nom', 100),
  slug,
  kind: z
    .enum(['staff', 'contributor'], { error: 'Type : « staff » (rédaction) ou « contributor » (contributeur extérieur)' })
    .default('contributor'),
  roleLine: text('Fonction ou expertise', 160).default(''),
  bio: text('Biographie', 3000).default(''),
  photoImageId: imageId.default(null),
  links: z.array(linkSchema, { error: 'Liens : liste attendue' }).max(8, { error: 'Liens : 8 au plus' }).default([]),
};

const personObjectError = {
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `Champ inconnu : ${(issue.keys ?? []).join(', ')}` : 'Personne : objet attendu',
};

export const personInputSchema = z.strictObject(personFields, personObjectError);

/** A partial update: only the fields sent change (no defaults applied). */
export const personPatchSchema = z.strictObject(
  {
    name: personFields.name.optional(),
    slug,
    kind: z.enum(['staff', 'contributor'], { error: 'Type : « staff » ou « contributor »' }).optional(),
    roleLine: text('Fonction ou expertise', 160).optional(),
    bio: text('Biographie', 3000).optional(),
    photoImageId: imageId.optional(),
    links: z.array(linkSchema, { error: 'Liens : liste attendue' }).max(8, { error: 'Liens : 8 au plus' }).optional(),
  },
  personObjectError,
);

export const personOutputSchema = z.object({
  id: z.int(),
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['staff', 'contributor']),
  roleLine: z.string(),
  bio: z.string(),
  photoImageId: z.int().nullable(),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  url: z.string().describe('Adresse publique de la page auteur.'),
});

export const tagOutputSchema = z.object({ id: z.int(), slug: z.string(), name: z.string(), articleCount: z.int(), url: z.string() });

/** A page of a list: the items and where it stands. */
export function pagedSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), page: z.int(), perPage: z.int(), total: z.int() });
}

export type SectionInput = z.infer<typeof sectionInputSchema>;
export type PersonInput = z.infer<typeof personInputSchema>;
export type PersonPatch = z.infer<typeof personPatchSchema>;
