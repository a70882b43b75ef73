import type { AppContext } from '../core/app-context.ts';

/** Everything the site keeps about a reader, as the reader may download it (right of access). */
export async function exportReaderData(ctx: AppContext, readerId: number) {
  const db = ctx.db;
  const [reader, comments, likes, reports, notices] = await Promise.all([
    db
      .selectFrom('readers')
      .select([
        'email',
        'display_name',
        'bio',
        'status',
        'suspended_until',
        'sanction_message',
        'notify_replies',
        'created_at',
        'updated_at',
      ])
      .where('id', '=', readerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('comments')
      .innerJoin('articles', 'articles.id', 'comments.article_id')
      .select([
        'comments.id',
        'articles.headline as article',
        'comments.parent_id',
        'comments.body',
        'comments.status',
        'comments.created_at',
        'comments.edited_at',
        'comments.like_count',
        'comments.decision_reason',
        'comments.contested_at',
        'comments.contest_text',
      ])
      .where('comments.reader_id', '=', readerId)
      .orderBy('comments.created_at')
      .execute(),
    db.selectFrom('comment_likes').select(['comment_id', 'created_at']).where('reader_id', '=', readerId).execute(),
    db.selectFrom('comment_reports').select(['comment_id', 'reason', 'text', 'created_at']).where('reader_id', '=', readerId).execute(),
    db.selectFrom('reader_notices').select(['kind', 'comment_id', 'message', 'created_at']).where('reader_id', '=', readerId).execute(),
  ]);
  return {
    compte: {
      adresse: reader.email,
      nom: reader.display_name,
      presentation: reader.bio,
      statut: reader.status,
      suspendu_jusqu_au: reader.suspended_until,
      message_de_sanction: reader.sanction_message,
      notifications_de_reponse: reader.notify_replies === 1,
      cree_le: reader.created_at,
      modifie_le: reader.updated_at,
    },
    commentaires: comments.map((c) => ({
      id: c.id,
      article: c.article,
      en_reponse_a: c.parent_id,
      texte: c.body,
      statut: c.status,
      publie_le: c.created_at,
      modifie_le: c.edited_at,
      appreciations: c.like_count,
      motif_de_decision: c.decision_reason || null,
      contestation: c.contested_at ? { le: c.contested_at, texte: c.contest_text } : null,
    })),
    appreciations: likes.map((l) => ({ commentaire: l.comment_id, le: l.created_at })),
    signalements: reports.map((r) => ({ commentaire: r.comment_id, motif: r.reason, texte: r.text, le: r.created_at })),
    avis_de_moderation: notices.map((n) => ({ type: n.kind, commentaire: n.comment_id, message: n.message, le: n.created_at })),
  };
}

/**
 * Deletes a reader's account. Their comments are either kept, signed "Compte supprimé", or
 * removed (their text is erased; replies by others stay under a "commentaire supprimé" line).
 * Likes go with the account and the counts follow. Pages showing the comments are invalidated.
 */
export async function deleteReaderAccount(ctx: AppContext, readerId: number, keepComments: boolean): Promise<void> {
  const articleIds = await ctx.db.transaction().execute(async (trx) => {
    const touched = await trx.selectFrom('comments').select('article_id').distinct().where('reader_id', '=', readerId).execute();
    const liked = await trx
      .selectFrom('comment_likes')
      .innerJoin('comments', 'comments.id', 'comment_likes.comment_id')
      .select(['comments.id', 'comments.article_id'])
      .where('comment_likes.reader_id', '=', readerId)
      .execute();
    if (liked.length)
      await trx
        .updateTable('comments')
        .set((eb) => ({ like_count: eb('like_count', '-', 1) }))
        .where(
          'id',
          'in',
          liked.map((l) => l.id),
        )
        .execute();
    if (!keepComments) {
      const visible = await trx
        .selectFrom('comments')
        .select(['id', 'article_id', 'parent_id'])
        .where('reader_id', '=', readerId)
        .where('status', '=', 'visible')
        .execute();
      await trx.updateTable('comments').set({ status: 'removed', body: '', body_key: '' }).where('reader_id', '=', readerId).execute();
      for (const c of visible) {
        await trx
          .updateTable('comment_threads')
          .set((eb) => ({ visible_count: eb('visible_count', '-', 1) }))
          .where('article_id', '=', c.article_id)
          .execute();
        if (c.parent_id !== null)
          await trx
            .updateTable('comments')
            .set((eb) => ({ reply_count: eb('reply_count', '-', 1) }))
            .where('id', '=', c.parent_id)
            .execute();
      }
    }
    await trx.updateTable('comments').set({ reader_id: null }).where('reader_id', '=', readerId).execute();
    await trx.deleteFrom('readers').where('id', '=', readerId).execute();
    return [...new Set([...touched, ...liked].map((r) => r.article_id))];
  });
  if (articleIds.length) ctx.pageCache.invalidate(articleIds.map((id) => `comments:${id}`));
}
