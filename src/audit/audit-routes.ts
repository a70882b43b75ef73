import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendAccountPage } from '../accounts/account-page.ts';
import { requireActor } from '../accounts/guards.ts';
import type { AppContext } from '../core/app-context.ts';
import { AUDIT_ACTIONS } from './audit-labels.ts';
import { renderAuditPage } from './audit-page.ts';

/** Entries per page of the journal. */
export const AUDIT_PAGE_SIZE = 50;

const querySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
});

/** The audit log screen (/admin/journal, `audit:read`): newest first, paginated, filtered by action. */
export function auditRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/admin/journal', { preHandler: requireActor('audit:read') }, async (request, reply) => {
    const { page, action } = querySchema.parse(request.query ?? {});
    let query = ctx.db.selectFrom('audit_log');
    if (action) query = query.where('action', '=', action);
    const [rows, total] = await Promise.all([
      query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(AUDIT_PAGE_SIZE)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
        .execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    const pages = Math.max(1, Math.ceil(Number(total.n) / AUDIT_PAGE_SIZE));
    return sendAccountPage(ctx, request, reply, {
      title: 'Journal d’audit',
      active: 'journal',
      main: () => renderAuditPage({ rows, page, pages, total: Number(total.n), action }),
    });
  });
}
