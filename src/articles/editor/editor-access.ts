import { AppError } from '../../core/http/app-error.ts';

/** An article id from the URL: a positive integer, else a 404 (as for a missing article). */
export function parseArticleId(raw: unknown): number {
  const text = typeof raw === 'string' ? raw : '';
  if (!/^[1-9]\d{0,9}$/.test(text)) throw AppError.notFound('Cet article n’existe pas (ou plus).');
  return Number(text);
}
