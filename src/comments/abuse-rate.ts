import { SYSTEM_ACTOR } from '../accounts/policy.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { AppContext } from '../core/app-context.ts';
import { html } from '../core/html/html.ts';
import { mailerFor } from '../core/mail/mailer.ts';
import { loadSiteChrome } from '../publication/publication-repository.ts';
import { wrapReaderMail } from '../readers/reader-mail.ts';

/**
 * When reports and refusals on one article pass the threshold within the window (settings), the
 * article switches to pré-modération by itself: logged in the audit log, moderators alerted by
 * e-mail and on the desk, one click reverses it. Returns true when it switched now.
 */
export async function checkAbuseRate(ctx: AppContext, articleId: number, now = new Date()): Promise<boolean> {
  const { settings } = await loadSiteChrome(ctx.db);
  if (settings.comments_alert_threshold <= 0) return false;
  const since = new Date(now.getTime() - settings.comments_alert_window_hours * 3600_000).toISOString();
  const [reports, refusals, thread] = await Promise.all([
    ctx.db
      .selectFrom('comment_reports')
      .innerJoin('comments', 'comments.id', 'comment_reports.comment_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('comments.article_id', '=', articleId)
      .where('comment_reports.created_at', '>', since)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('article_id', '=', articleId)
      .where('status', '=', 'rejected')
      .where('decided_at', '>', since)
      .executeTakeFirstOrThrow(),
    ctx.db.selectFrom('comment_threads').select('auto_premoderation_at').where('article_id', '=', articleId).executeTakeFirst(),
  ]);
  const total = Number(reports.n) + Number(refusals.n);
  if (total < settings.comments_alert_threshold || thread?.auto_premoderation_at) return false;
  const reason = `${Number(reports.n)} signalement(s) et ${Number(refusals.n)} refus en ${settings.comments_alert_window_hours} h`;
  const switched = await ctx.db
    .insertInto('comment_threads')
    .values({ article_id: articleId, visible_count: 0, auto_premoderation_at: now.toISOString(), auto_premoderation_reason: reason })
    .onConflict((oc) =>
      oc
        .column('article_id')
        .doUpdateSet({ auto_premoderation_at: now.toISOString(), auto_premoderation_reason: reason })
        .where('comment_threads.auto_premoderation_at', 'is', null),
    )
    .executeTakeFirst();
  if (Number(switched.numInsertedOrUpdatedRows ?? 0) === 0) return false;
  await recordAudit(ctx.db, SYSTEM_ACTOR, 'comments.auto-premoderation', { type: 'article', id: articleId }, { reason });
  ctx.pageCache.invalidate([`comments:${articleId}`]);
  await alertModerators(ctx, articleId, reason, settings.name).catch((error: unknown) =>
    process.emitWarning(`Alerte de modération : ${String(error)}`),
  );
  return true;
}

async function alertModerators(ctx: AppContext, articleId: number, reason: string, publication: string): Promise<void> {
  const [article, staff] = await Promise.all([
    ctx.db.selectFrom('articles').select('headline').where('id', '=', articleId).executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('users')
      .select('email')
      .where('status', '=', 'active')
      .where('role', 'in', ['moderateur', 'editeur', 'administrateur'])
      .execute(),
  ]);
  const url = `${ctx.config.publicUrl}/admin/commentaires?article=${articleId}`;
  for (const { email } of staff) {
    await mailerFor(ctx.config).send({
      to: email,
      subject: `Alerte modération sur ${publication} : « ${article.headline} » passe en pré-modération`,
      text: `Les commentaires de l’article « ${article.headline} » sont passés en pré-modération automatiquement (${reason}).\n\nPour voir la file ou rétablir le mode habituel : ${url}`,
      html: wrapReaderMail(
        html`<p>Les commentaires de l’article «&#8239;${article.headline}&#8239;» sont passés en pré-modération automatiquement (${reason}).</p><p><a href="${url}">Voir la file et rétablir le mode habituel</a></p>`,
      ),
    });
  }
}
