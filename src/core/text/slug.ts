import { foldText } from '../db/text-match.ts';

/**
 * URL slugs: lowercase ASCII words joined by dashes.
 *
 * Decision: `slugify` never returns an empty string. Text with nothing to keep ("???", "★")
 * gives "sans-titre"; callers that need uniqueness (article URLs, heading anchors) already add
 * a suffix on collision, so a fallback is safer than an empty path segment slipping through.
 */

export const SLUG_FALLBACK = 'sans-titre';
export const SLUG_MAX_LENGTH = 120;

const VALID_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const NON_ALPHANUMERIC_RUNS = /[^a-z0-9]+/g;
const EDGE_DASHES = /^-+|-+$/g;

/** Turns any text into a slug of at most `maxLength` characters, cut between words. */
export function slugify(text: string, maxLength = 80): string {
  if (!Number.isInteger(maxLength) || maxLength < SLUG_FALLBACK.length) {
    throw new RangeError(`slugify : longueur maximale invalide (${maxLength})`);
  }
  // Accents, case and ligatures as every search folds them (é → e, Œ → oe, ﬁ → fi), then ASCII only.
  let slug = foldText(text).replace(NON_ALPHANUMERIC_RUNS, '-').replace(EDGE_DASHES, '');
  if (slug.length > maxLength) {
    const cut = slug.lastIndexOf('-', maxLength);
    // One very long word: cut inside it rather than return nothing.
    slug = cut > 0 ? slug.slice(0, cut) : slug.slice(0, maxLength).replace(EDGE_DASHES, '');
  }
  return slug || SLUG_FALLBACK;
}

/** True for a well-formed slug: lowercase ASCII words joined by single dashes, at most 120 characters. */
export function isValidSlug(value: string): boolean {
  return value.length <= SLUG_MAX_LENGTH && VALID_SLUG.test(value);
}
