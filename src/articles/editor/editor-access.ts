import { pathId } from '../../core/input/ids.ts';

/** An article id from the URL: a positive integer, else a 404 (as for a missing article). */
export function parseArticleId(raw: unknown): number {
  return pathId(raw, 'Cet article n’existe pas (ou plus).');
}
