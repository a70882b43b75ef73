import type { Db } from '../core/db/database.ts';
import type { CommentBadge } from '../core/db/schema.ts';
import { staffAccountOfReader } from '../readers/staff-identity.ts';

/** The badge of a comment by a reader who is not staff. */
export const NO_BADGE: { badge: CommentBadge; line: string } = { badge: '', line: '' };

/** The badge a new comment by this reader on this article carries, decided by the server alone. */
export async function badgeForComment(db: Db, readerEmail: string, articleId: number): Promise<{ badge: CommentBadge; line: string }> {
  const staff = await staffAccountOfReader(db, readerEmail);
  if (!staff) return NO_BADGE;
  const line = staff.role_line ?? '';
  if (staff.person_id !== null) {
    const signed = await db
      .selectFrom('article_authors')
      .select('article_id')
      .where('article_id', '=', articleId)
      .where('person_id', '=', staff.person_id)
      .executeTakeFirst();
    if (signed) return { badge: 'auteur', line };
  }
  // Outside experts write for the newsroom without being part of it.
  return { badge: staff.role === 'contributeur' ? 'contributeur' : 'redaction', line };
}

/** The words of a badge, as shown next to the author's name. */
export const BADGE_LABELS: Record<Exclude<CommentBadge, ''>, string> = {
  redaction: 'Rédaction',
  auteur: 'Auteur de l’article',
  contributeur: 'Contributeur',
};
