import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../accounts/policy.ts';
import type { Database } from '../core/db/schema.ts';

/** Actions the audit log records: publishing, unpublishing, deleting, roles, settings, accounts. */
export type AuditAction =
  | 'article.publish'
  | 'article.schedule'
  | 'article.unpublish'
  | 'article.delete'
  | 'article.restore-revision'
  | 'user.invite'
  | 'user.role'
  | 'user.disable'
  | 'user.enable'
  | 'user.create'
  | 'user.activate'
  | 'user.password-change'
  | 'user.password-reset'
  | 'user.totp-enable'
  | 'user.totp-disable'
  | 'settings.update'
  | 'token.create'
  | 'token.revoke'
  | 'media.delete'
  | 'curation.home'
  | 'comment.approve'
  | 'comment.refuse'
  | 'comment.feature'
  | 'comment.unfeature'
  | 'reader.warn'
  | 'reader.suspend'
  | 'reader.ban'
  | 'reader.reinstate'
  | 'comments.auto-premoderation'
  | 'comments.restore-mode'
  | 'comments.lists'
  | 'comments.settings'
  | 'webhook.create'
  | 'webhook.update'
  | 'webhook.delete'
  | 'webhook.secret'
  | 'webhook.disable'
  | 'import.check'
  | 'import.start'
  | 'import.cancel'
  | 'import.resume'
  | 'content-key.create'
  | 'content-key.revoke'
  | 'wire.agency-create'
  | 'wire.agency-update'
  | 'wire.agency-delete'
  | 'wire.discard';

/** Writes one audit entry (inside the caller's transaction when given one). */
export async function recordAudit(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  action: AuditAction,
  subject: { type: string; id?: number | string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.userId,
      actor_label: actor.name,
      action,
      subject_type: subject.type,
      subject_id: subject.id === undefined || subject.id === null ? null : String(subject.id),
      details: JSON.stringify(details),
      created_at: new Date().toISOString(),
    })
    .execute();
}
