import { type ArticleTeaser, countTeasers, listTeasers, type TeaserFilter } from '../../articles/teaser-repository.ts';
import type { Db } from '../../core/db/database.ts';
import { AppError } from '../../core/http/app-error.ts';
import { PAGE_SIZE, pageWindow } from './pagination.ts';

/** One page of a paginated teaser listing. */
export interface TeaserPage {
  teasers: ArticleTeaser[];
  total: number;
  page: number;
  pageCount: number;
}

/** Loads page `page` of the articles matching `filter`; 404 beyond the last page. */
export async function loadTeaserPage(db: Db, filter: TeaserFilter, page: number, now = new Date().toISOString()): Promise<TeaserPage> {
  const offset = (page - 1) * PAGE_SIZE;
  // Count and list together in one round trip; an absurd page number only needs the count.
  if (!Number.isSafeInteger(offset)) {
    pageWindow(await countTeasers(db, filter, now), page);
    throw AppError.notFound();
  }
  const [total, teasers] = await Promise.all([countTeasers(db, filter, now), listTeasers(db, filter, { limit: PAGE_SIZE, offset }, now)]);
  const { pageCount } = pageWindow(total, page);
  return { teasers, total, page, pageCount };
}
